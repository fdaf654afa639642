package com.example.webexoauth.login;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.client.ConfigurationProblemsException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The operator limits who may connect ({@code WEBEX_ALLOWED_EMAIL_DOMAINS},
 * {@code WEBEX_ALLOWED_ORG_IDS}): whom the list admits connects as before; anyone else
 * ends on a 403 page after the code exchange, with nothing stored, nobody signed in and
 * the token revoked.
 */
@ExtendWith(OutputCaptureExtension.class)
class AllowListLoginTests {

	static final String ZOE = "zoe@example.com";

	static final String RAHUL = "rahul@example.com";

	/**
	 * Of another organization, at contractors.example.com: a subdomain of the demo
	 * domain.
	 */
	static final String NOOR = "noor@contractors.example.com";

	static final String NOOR_ID = webexId("PEOPLE",
			UUID.nameUUIDFromBytes("webex-simulator/PEOPLE/noor".getBytes(StandardCharsets.UTF_8)).toString());

	static final String DEMO_ORG_ID = webexId("ORGANIZATION", "7a1c3e52-96d4-4b8e-a0f1-5c2d9e8b4f63");

	static final int PORT = SimulatedWebex.appPort(0);

	@TempDir
	Path dataDir;

	@AutoClose
	MockWebServer revocation = new MockWebServer();

	@BeforeEach
	void startRevocationEndpoint() throws Exception {
		this.revocation.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(200).build();
			}
		});
		this.revocation.start();
	}

	@Test
	void signInWhenEmailDomainListedThenItsPeopleConnectAndOthersGet403WithNothingStoredAndTokenRevoked(
			CapturedOutput output) throws Exception {
		try (RunningApp app = start(Map.of("webex.allowed.email-domains", "example.com"));
				Browser zoe = new Browser();
				Browser noor = new Browser()) {
			assertConnected(app, zoe, ZOE, "Zoë Ångström");
			HtmlPage refused = noor.signIn(app, NOOR);
			assertRefusedPage(refused);
			assertThat(noor.page(app.url("/")).getElementById("grant")).isNotNull();
			assertThat(noor.get(app.url("/api/me")).getWebResponse().getStatusCode()).isEqualTo(401);
			assertThat(grants(app)).containsExactly(new StoredIdentity("example.com", DEMO_ORG_ID));
			// The token Webex issued for the refused sign-in is revoked, never kept.
			RecordedRequest revoked = this.revocation.takeRequest(10, TimeUnit.SECONDS);
			assertThat(revoked).isNotNull();
			assertThat(revoked.getMethod()).isEqualTo("POST");
			Map<String, String> form = form(revoked.getBody().utf8());
			assertThat(form).containsEntry("token_type_hint", "access_token").containsKey("token");
			assertThat(revoked.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
				.encodeToString((SimulatedWebex.CLIENT_ID + ":" + SimulatedWebex.CLIENT_SECRET)
					.getBytes(StandardCharsets.UTF_8)));
			assertThat(this.revocation.getRequestCount()).isEqualTo(1);
			// One line with the outcome and the person id; never the address, domain or
			// token.
			assertThat(output.getAll()).contains("Webex sign-in refused: outcome=NOT_ALLOWED person=" + NOOR_ID);
			assertThat(output.getAll()).doesNotContain(NOOR, "contractors.example.com", form.get("token"));
		}
	}

	@Test
	void signInWhenOrgIdListedThenItsPeopleConnectAndOthersGet403() {
		try (RunningApp app = start(Map.of("webex.allowed.org-ids", DEMO_ORG_ID));
				Browser rahul = new Browser();
				Browser noor = new Browser()) {
			assertConnected(app, rahul, RAHUL, "Rahul Deshpande");
			assertRefusedPage(noor.signIn(app, NOOR));
			assertThat(noor.get(app.url("/spaces")).getUrl().getPath()).isEqualTo("/");
			assertThat(grants(app)).containsExactly(new StoredIdentity("example.com", DEMO_ORG_ID));
		}
	}

	@Test
	void signInWhenNoListSetThenAnyoneConnects() {
		try (RunningApp app = start(Map.of()); Browser noor = new Browser()) {
			assertConnected(app, noor, NOOR, "Noor Haddad");
			assertThat(grants(app)).containsExactly(new StoredIdentity("contractors.example.com",
					webexId("ORGANIZATION", "3f0b9d2e-6c41-4a7f-9e85-b2d7c0a41e96")));
		}
	}

	@Test
	void startWhenDomainListHasAWildcardThenStopsWithASentenceNamingTheVariable() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> start(Map.of("webex.allowed.email-domains", "*.example.com")).close())
			.satisfies((ex) -> assertThat(problems(ex)).singleElement()
				.asString()
				.startsWith("WEBEX_ALLOWED_EMAIL_DOMAINS must list mail domains such as example.com")
				.endsWith("but contains '*.example.com'."));
	}

	private static List<String> problems(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConfigurationProblemsException problems) {
				return problems.getProblems();
			}
		}
		throw new AssertionError("start-up failed for another reason", failure);
	}

	private RunningApp start(Map<String, Object> allowList) {
		Map<String, Object> properties = new HashMap<>(allowList);
		properties.put("webex.revoke-url", this.revocation.url("/revoke").toString());
		return RunningApp.start(PORT, this.dataDir, properties);
	}

	private static void assertConnected(RunningApp app, Browser browser, String who, String displayName) {
		HtmlPage granted = browser.signIn(app, who);
		assertThat(granted.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat(granted.querySelector("h1").getTextContent()).isEqualTo("Access granted, " + displayName);
		Page spaces = browser.get(app.url("/spaces"));
		assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat(spaces.getUrl().getPath()).isEqualTo("/spaces");
	}

	private static void assertRefusedPage(HtmlPage page) {
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
		assertThat(page.getUrl().getPath()).isEqualTo("/oauth");
		assertThat(page.asNormalizedText()).contains("This Integration is limited to its organization");
		assertThat(page.getHtmlElementById("try-again").getAttribute("href")).isEqualTo("/oauth2/authorization/webex");
		assertThat(page.getWebResponse().getContentAsString()).doesNotContain("Exception", "\tat ");
	}

	/** What each stored grant records for the allow-list. */
	private static List<StoredIdentity> grants(RunningApp app) {
		return app.bean(JdbcTemplate.class)
			.query("SELECT email_domains, org_id FROM webex_grant",
					(rs, row) -> new StoredIdentity(rs.getString(1), rs.getString(2)));
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

	/**
	 * A Webex id as the simulator makes them: base64url of
	 * {@code ciscospark://us/<kind>/<uuid>}.
	 */
	static String webexId(String kind, String uuid) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("ciscospark://us/" + kind + "/" + uuid).getBytes(StandardCharsets.US_ASCII));
	}

	record StoredIdentity(String emailDomains, String orgId) {
	}

}
