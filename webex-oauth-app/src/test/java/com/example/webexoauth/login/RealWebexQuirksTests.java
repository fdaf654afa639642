package com.example.webexoauth.login;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorSettings;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.client.ConfigurationProblemsException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Where real Webex differs from the simulator's defaults, each switched on in the
 * simulator and gone through end to end: a token response without {@code token_type}, a
 * refused code answered with {@code invalid_request}, error redirects without
 * {@code state}, and {@code openid} among the scopes.
 */
class RealWebexQuirksTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	@TempDir
	static Path dataDir;

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(2, Map.of());

	final SimulatorSettings settings = SimulatedWebex.simulator().settings();

	final WebexSimulator webex = SimulatedWebex.simulator();

	@Test
	void tokenResponseWhenWithoutTokenTypeThenSignedInAndRefreshed() {
		this.settings.update(Map.of("omitTokenType", true));
		try (Browser browser = new Browser()) {
			HtmlPage granted = browser.signIn(app, ZOE);
			assertThat(granted.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(granted.querySelector("h1").getTextContent()).isEqualTo("Access granted, Zoë Ångström");
			// Webex no longer takes the stored access token: the app must refresh to go
			// on.
			SimulatedWebex.simulator().expireAccessTokens(ZOE);
			this.webex.resetCalls();
			HtmlPage spaces = browser.page(app.url("/spaces"));
			assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(spaces.getUrl().getPath()).isEqualTo("/spaces");
			assertThat(spaces.querySelectorAll("td.room-title")).isNotEmpty();
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
		}
	}

	@Test
	void callbackWhenWebexRefusesTheCodeWithInvalidRequestThenCodeRejectedPageAndNothingStored() {
		this.settings.update(Map.of("rejectedCodeError", "invalid_request"));
		long grants = grantCount();
		try (Browser browser = new Browser()) {
			URI callback = browser.signInUntilCallback(app, ZOE);
			// the state as Webex sent it back (build(true): already encoded), with a code
			// it never issued
			String badCode = UriComponentsBuilder.fromUri(callback)
				.replaceQueryParam("code", "not-a-code-webex-issued")
				.build(true)
				.toUriString();
			this.webex.resetCalls();
			HtmlPage page = browser.page(badCode);
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(page.asNormalizedText()).contains("Webex did not accept the sign-in code")
				.doesNotContain("without an authorization code");
			assertThat(this.webex.calls(Counter.TOKEN_ERRORS)).isEqualTo(1L);
			assertThat(grantCount()).isEqualTo(grants);
			assertThat(browser.page(app.url("/spaces")).getUrl().getPath()).isEqualTo("/");
		}
	}

	@Test
	void declineWhenWebexSendsTheErrorWithoutStateThenDeclinedPageAndNothingStored() {
		this.settings.update(Map.of("errorsWithoutState", true));
		long grants = grantCount();
		try (Browser browser = new Browser()) {
			HtmlPage consent = browser.openConsent(app);
			Browser.chooseUser(consent, ZOE);
			HtmlPage page = Browser.press(consent, "Decline");
			assertThat(page.getUrl().getQuery()).isEqualTo("error=access_denied");
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
			assertThat(page.asNormalizedText()).contains("You declined the request on Webex")
				.doesNotContain("expired or was already used");
			assertThat(grantCount()).isEqualTo(grants);
			assertThat(browser.page(app.url("/spaces")).getUrl().getPath()).isEqualTo("/");
		}
	}

	@Test
	void grantWhenScopeUnknownAndWebexSendsTheErrorWithoutStateThenInvalidScopePage() {
		this.settings.update(Map.of("errorsWithoutState", true));
		try (RunningApp asking = RunningApp.start(SimulatedWebex.appPort(3), dataDir.resolve("asking"),
				Map.of("webex.scopes", "spark:people_read identity:tokens_write")); Browser browser = new Browser()) {
			HtmlPage page = browser.openConsent(asking);
			assertThat(page.getUrl().getQuery()).isEqualTo("error=invalid_scope");
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(page.asNormalizedText()).contains("Webex refused the requested permissions");
		}
	}

	@Test
	void callbackWhenServerErrorWithoutStateThenWebexErrorPage() {
		try (Browser browser = new Browser()) {
			for (String error : new String[] { "server_error", "temporarily_unavailable" }) {
				HtmlPage page = browser.page(app.url("/oauth?error=" + error));
				assertThat(page.getWebResponse().getStatusCode()).as(error).isEqualTo(502);
				assertThat(page.asNormalizedText()).as(error).contains("Webex reported an error during sign-in");
			}
			// an error nobody defined is not taken for one Webex reported
			assertThat(browser.page(app.url("/oauth?error=made_up")).getWebResponse().getStatusCode()).isEqualTo(400);
		}
	}

	@Test
	void startWhenScopesContainOpenidThenRefusedWithOneSentence() {
		Throwable failure = catchThrowable(() -> RunningApp.start(SimulatedWebex.appPort(3), dataDir.resolve("openid"),
				Map.of("webex.scopes", "openid spark:people_read spark:rooms_read")));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
			.isInstanceOf(ConfigurationProblemsException.class)
			.extracting((cause) -> ((ConfigurationProblemsException) cause).getProblems())
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactly("WEBEX_SCOPES must not contain openid: this app signs in with OAuth 2.0, "
					+ "not OpenID Connect; remove openid from the list.");
	}

	private static long grantCount() {
		return app.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM webex_grant", Long.class);
	}

}
