package com.example.webexoauth.vault;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorStats.Counter;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import com.example.webex.vault.GrantRows;
import com.example.webex.vault.GrantKeeper;
import com.example.webex.vault.KeeperReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allow-list changes after people connected: grants of people it no longer admits are
 * not used (403 page, 403 JSON) and the keeper leaves them as they are; grants stored
 * before identities were recorded ask their user to connect once more, which checks them.
 */
class AllowListEndToEndTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	static final String NOOR = "noor@contractors.example.com";

	static final int PORT = SimulatedWebex.appPort(2);

	static final Map<String, Object> EXAMPLE_COM_ONLY = Map.of("webex.allowed.email-domains", "example.com");

	final WebexSimulator webex = SimulatedWebex.simulator();

	@TempDir
	Path dataDir;

	@Test
	void grantWhenListNoLongerAdmitsItsUserThen403PageAndJsonAndKeeperLeavesItAlone() {
		try (Browser noor = new Browser(); Browser zoe = new Browser()) {
			String noorId;
			String zoeId;
			Map<String, String> before;
			try (RunningApp open = start(Map.of())) {
				noor.signIn(open, NOOR);
				zoe.signIn(open, ZOE);
				AppDatabase database = new AppDatabase(open);
				noorId = database.principalOf(noor.cookie("SESSION"));
				zoeId = database.principalOf(zoe.cookie("SESSION"));
				// Both expired and due for keeping: whatever uses them next refreshes
				// them.
				for (String principal : new String[] { noorId, zoeId }) {
					database.expireAccessToken(principal);
					database.age(principal, Duration.ofDays(80), Duration.ofDays(10));
				}
				before = row(open, noorId);
			}
			this.webex.resetCalls();
			try (RunningApp limited = start(EXAMPLE_COM_ONLY)) {
				String session = noor.cookie("SESSION");
				assertNotAllowedPage(noor.page(limited.url("/spaces")));
				assertNotAllowedPage(noor.page(limited.url("/profile")));
				for (String api : new String[] { "/api/rooms", "/api/me" }) {
					HttpResponse<String> response = SessionHttp.get(limited.url(api), session, "application/json");
					assertThat(response.statusCode()).isEqualTo(403);
					JsonNode error = JsonMapper.shared().readTree(response.body());
					assertThat(error.path("error").asString()).isEqualTo("not_allowed");
					assertThat(error.path("message").asString()).contains("limited to its organization");
				}
				assertThat(this.webex.calls(Counter.REST_CALLS)).isZero();
				// The keeper refreshes Zoë's grant and passes Noor's by.
				KeeperReport report = limited.bean(GrantKeeper.class).runOnce();
				assertThat(report).isEqualTo(new KeeperReport(1, 1, 0, 0, 0, false));
				assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
				assertThat(row(limited, noorId)).isEqualTo(before);
				assertThat(zoe.page(limited.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
				assertThat(row(limited, noorId)).isEqualTo(before);
			}
			// Widened again, the untouched grant serves as before: refreshed, no consent
			// needed.
			this.webex.resetCalls();
			try (RunningApp widened = start(
					Map.of("webex.allowed.email-domains", "example.com,contractors.example.com"))) {
				assertThat(noor.page(widened.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
				assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
				assertThat(this.webex.calls(Counter.TOKEN_CODE_EXCHANGES)).isZero();
			}
		}
	}

	@Test
	void grantWhenStoredWithoutIdentityAndListSetThenReconnectOnceWhichChecksIt() throws IOException {
		try (Browser noor = new Browser(); Browser zoe = new Browser()) {
			String zoeId;
			String noorId;
			try (RunningApp open = start(Map.of())) {
				zoe.signIn(open, ZOE);
				noor.signIn(open, NOOR);
				AppDatabase database = new AppDatabase(open);
				zoeId = database.principalOf(zoe.cookie("SESSION"));
				noorId = database.principalOf(noor.cookie("SESSION"));
				// As migration V2 leaves the grants stored before it.
				database.jdbc().update("UPDATE webex_grant SET org_id = NULL, email_domains = NULL");
				database.age(zoeId, Duration.ofDays(80), Duration.ofDays(10));
			}
			this.webex.resetCalls();
			try (RunningApp limited = start(EXAMPLE_COM_ONLY)) {
				HtmlPage reconnect = zoe.page(limited.url("/spaces"));
				assertThat(reconnect.getWebResponse().getStatusCode()).isEqualTo(401);
				HttpResponse<String> api = SessionHttp.get(limited.url("/api/rooms"), zoe.cookie("SESSION"),
						"application/json");
				assertThat(api.statusCode()).isEqualTo(401);
				assertThat(api.body()).contains("\"error\":\"reconnect_required\"");
				assertThat(limited.bean(GrantKeeper.class).runOnce().checked()).isZero();
				assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isZero();
				assertThat(this.webex.calls(Counter.REST_CALLS)).isZero();
				// Zoë reconnects: admitted, and her identity is recorded.
				HtmlPage consent = reconnect.getHtmlElementById("reconnect").click();
				Browser.chooseUser(consent, ZOE);
				assertThat(Browser.<HtmlPage>press(consent, "Accept").getWebResponse().getStatusCode()).isEqualTo(200);
				assertThat(zoe.page(limited.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
				assertThat(row(limited, zoeId)).containsEntry("email_domains", "example.com");
				// Noor reconnects: the sign-in refuses her, and her old grant stays as it
				// was.
				Map<String, String> noorsGrant = row(limited, noorId);
				HtmlPage noorsConsent = noor.page(limited.url("/spaces")).getHtmlElementById("reconnect").click();
				Browser.chooseUser(noorsConsent, NOOR);
				HtmlPage refused = Browser.press(noorsConsent, "Accept");
				assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
				assertThat(refused.asNormalizedText()).contains("This Integration is limited to its organization");
				assertThat(row(limited, noorId)).isEqualTo(noorsGrant);
			}
		}
	}

	private RunningApp start(Map<String, Object> allowList) {
		Map<String, Object> properties = new LinkedHashMap<>(allowList);
		properties.put("webex.vault.keeper.enabled", false);
		return RunningApp.start(PORT, this.dataDir, properties);
	}

	private static void assertNotAllowedPage(HtmlPage page) {
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
		assertThat(page.asNormalizedText()).contains("This Integration is limited to its organization");
		assertThat(page.getWebResponse().getContentAsString()).doesNotContain("Exception", "\tat ");
	}

	private static Map<String, String> row(RunningApp app, String principal) {
		return GrantRows.row(app.bean(JdbcTemplate.class), GrantRows.issuerOf(SimulatedWebex.apiBaseUrl()), principal);
	}

}
