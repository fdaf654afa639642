package com.example.webexoauth.vault;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorStats.Counter;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import com.example.webex.vault.GrantRows;
import com.example.webex.vault.TokenVault;
import com.example.webex.vault.GrantKeeper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app restarted on the same database against another Webex base URL (as a production
 * database would be by a mistaken configuration): the grants issued under the first one
 * are not sent anywhere, not refreshed, not kept, not deleted, and the user is asked to
 * connect.
 */
class IssuerBindingEndToEndTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	static final int PORT = SimulatedWebex.appPort(1);

	final WebexSimulator webex = SimulatedWebex.simulator();

	@TempDir
	Path dataDir;

	@Test
	void appWhenRestartedAgainstAnotherBaseUrlThenUserAskedToConnectAndFirstGrantUntouched() throws Exception {
		String baseA = SimulatedWebex.apiBaseUrl();
		// The same simulator under another name: it would accept A's tokens, so only the
		// app's binding keeps them from being sent there.
		String baseB = baseA.replace("//localhost:", "//127.0.0.1:");
		String issuerA = GrantRows.issuerOf(baseA);
		assertThat(GrantRows.issuerOf(baseB)).isNotEqualTo(issuerA);
		try (Browser browser = new Browser()) {
			String zoe;
			Map<String, String> before;
			try (RunningApp a = start(baseA)) {
				browser.signIn(a, ZOE);
				assertThat(browser.page(a.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
				AppDatabase database = new AppDatabase(a);
				zoe = database.principalOf(browser.cookie("SESSION"));
				// Expired and due for keeping: under A, the next use or keeper run would
				// refresh it.
				database.expireAccessToken(zoe);
				database.age(zoe, Duration.ofDays(80), Duration.ofDays(10));
				before = row(a, issuerA, zoe);
			}
			this.webex.resetCalls();
			try (RunningApp b = start(baseB)) {
				String session = browser.cookie("SESSION");
				// Still signed in (sessions live in the same database), but not connected
				// to B.
				assertReconnectPage(browser.page(b.url("/spaces")));
				assertReconnectPage(browser.page(b.url("/profile")));
				HttpResponse<String> api = SessionHttp.get(b.url("/api/rooms"), session, "application/json");
				assertThat(api.statusCode()).isEqualTo(401);
				assertThat(api.body()).contains("\"error\":\"reconnect_required\"");
				assertThat(b.bean(GrantKeeper.class).runOnce().checked()).isZero();
				assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isZero();
				assertThat(this.webex.calls(Counter.REST_CALLS)).isZero();
				assertThat(row(b, issuerA, zoe)).isEqualTo(before);
				// Connecting under B stores a grant of its own, beside A's.
				HtmlPage consent = browser.page(b.url("/spaces")).getHtmlElementById("reconnect").click();
				assertThat(consent.getUrl().toString()).startsWith(baseB + "/authorize");
				Browser.chooseUser(consent, ZOE);
				assertThat(Browser.<HtmlPage>press(consent, "Accept").getWebResponse().getStatusCode()).isEqualTo(200);
				assertThat(browser.page(b.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
				assertThat(grantsOf(b, zoe)).isEqualTo(2);
				// Disconnecting from B deletes B's grant only.
				HtmlPage profile = browser.page(b.url("/profile"));
				HtmlButton disconnect = profile.getFirstByXPath("//form[@action='/disconnect']/button");
				disconnect.click();
				assertThat(grantsOf(b, zoe)).isEqualTo(1);
				assertThat(b.bean(GrantKeeper.class).runOnce().checked()).isZero();
				assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isZero();
				assertThat(row(b, issuerA, zoe)).isEqualTo(before);
			}
			this.webex.resetCalls();
			try (RunningApp a = start(baseA)) {
				// Back under A, the first grant serves as it would have: one refresh, no
				// consent.
				assertThat(row(a, issuerA, zoe)).isEqualTo(before);
				assertThat(a.bean(TokenVault.class).accessToken(zoe)).isNotBlank();
				assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
				assertThat(this.webex.calls(Counter.AUTHORIZE)).isZero();
				assertThat(this.webex.calls(Counter.TOKEN_CODE_EXCHANGES)).isZero();
			}
		}
	}

	private RunningApp start(String apiBaseUrl) {
		return RunningApp.start(PORT, this.dataDir,
				Map.of("webex.api-base-url", apiBaseUrl, "webex.vault.keeper.enabled", false));
	}

	private static long grantsOf(RunningApp app, String principal) {
		return app.bean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM webex_grant WHERE principal_name = ?", Long.class, principal);
	}

	private static Map<String, String> row(RunningApp app, String issuer, String principal) {
		return GrantRows.row(app.bean(JdbcTemplate.class), issuer, principal);
	}

	private static void assertReconnectPage(HtmlPage page) {
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(401);
		assertThat(page.getHtmlElementById("reconnect").getAttribute("href")).isEqualTo("/oauth2/authorization/webex");
	}

}
