package com.example.webexoauth.vault;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorSettings;
import com.example.webex.simulator.SimulatorStats.Counter;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.util.UriComponentsBuilder;
import com.example.webex.vault.Concurrently;
import com.example.webex.vault.RawDatabase;
import com.example.webex.vault.TokenVault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances as behind a load balancer, each with its own JVM state but one
 * PostgreSQL for sessions and grants and one configured token key, a user's requests
 * landing on either.
 */
class TwoInstancesTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	static final String ROOM_CELL = "<td class=\"room-title\">Customer Advisory Board</td>";

	static final Map<String, Object> shared = TwoInstances.sharedSettings();

	@RegisterExtension
	static final RunningApp first = RunningApp.perClass(2, shared);

	@RegisterExtension
	static final RunningApp second = RunningApp.perClass(3, shared);

	final WebexSimulator webex = SimulatedWebex.simulator();

	final SimulatorSettings settings = SimulatedWebex.simulator().settings();

	@Test
	void sessionWhenSignedInOnOneInstanceThenTheOtherShowsSpacesAndProfile() {
		try (Browser browser = new Browser()) {
			browser.signIn(first, ZOE);
			this.webex.resetCalls();
			// Same host, other port: the browser sends the same session cookie.
			HtmlPage spaces = browser.page(second.url("/spaces"));
			assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(spaces.getUrl().getPath()).isEqualTo("/spaces");
			assertThat(spaces.querySelectorAll("td.room-title")).extracting((cell) -> cell.getTextContent())
				.contains("Customer Advisory Board");
			HtmlPage profile = browser.page(second.url("/profile"));
			assertThat(profile.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(profile.getHtmlElementById("display-name").getTextContent()).isEqualTo("Zoë Ångström");
			assertThat(this.webex.calls(Counter.AUTHORIZE)).isZero();
			assertThat(this.webex.calls(Counter.TOKEN_CODE_EXCHANGES)).isZero();
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isZero();
		}
	}

	@Test
	void spacesWhenBothInstancesFindTheGrantExpiredAtOnceThenOneRefreshAndNoFailure() throws Exception {
		// Each refresh retires the previous refresh token: two refreshes would be one too
		// many.
		this.settings.update(Map.of("rotateRefreshTokens", true));
		try (Browser browser = new Browser()) {
			browser.signIn(first, ZOE);
			String session = browser.cookie("SESSION");
			AppDatabase database = new AppDatabase(first);
			String zoe = database.principalOf(session);
			String refreshToken = database.refreshToken(zoe);
			database.expireAccessToken(zoe);
			this.webex.expireAccessTokens(ZOE);
			// A slow Webex keeps one instance's refresh in flight while the other wants
			// the row.
			this.settings.update(Map.of("latency", "200ms"));
			this.webex.resetCalls();
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				calls.add(() -> SessionHttp.page(first.url("/spaces"), session));
				calls.add(() -> SessionHttp.page(second.url("/spaces"), session));
			}
			Concurrently.Outcomes<HttpResponse<String>> outcomes = Concurrently.run(calls);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(outcomes.results()).hasSize(100).allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains(ROOM_CELL);
			});
			assertThat(outcomes.results()).extracting((response) -> response.uri().getPort())
				.containsOnly(first.port(), second.port());
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			assertThat(this.webex.calls(Counter.TOKEN_ERRORS)).isZero();
			assertThat(this.webex.calls(Counter.UNAUTHORIZED)).isZero();
			assertThat(new AppDatabase(second).refreshToken(zoe)).isNotEqualTo(refreshToken);
		}
	}

	@Test
	void sharedDatabaseWhenSignedInAndRefreshedThenHoldsNoTokenAndNoCode() throws Exception {
		this.settings.update(Map.of("rotateRefreshTokens", true));
		try (Browser browser = new Browser()) {
			URI callback = browser.signInUntilCallback(first, ZOE);
			String code = URLDecoder.decode(
					UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code"),
					StandardCharsets.UTF_8);
			assertThat(browser.page(callback.toString()).getWebResponse().getStatusCode()).isEqualTo(200);
			AppDatabase database = new AppDatabase(first);
			String zoe = database.principalOf(browser.cookie("SESSION"));
			Map<String, String> secrets = new LinkedHashMap<>();
			secrets.put("authorization code", code);
			secrets.put("access token", first.bean(TokenVault.class).accessToken(zoe));
			secrets.put("refresh token", database.refreshToken(zoe));
			database.expireAccessToken(zoe);
			// Refreshed by the other instance.
			assertThat(browser.page(second.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			secrets.put("refreshed access token", second.bean(TokenVault.class).accessToken(zoe));
			secrets.put("rotated refresh token", new AppDatabase(second).refreshToken(zoe));
			assertThat(new HashSet<>(secrets.values())).hasSize(secrets.size());
			List<RawDatabase.Cell> cells = RawDatabase.cells(first.bean(DataSource.class));
			assertThat(cells).extracting(RawDatabase.Cell::table)
				.contains("webex_grant", "spring_session", "spring_session_attributes", "flyway_schema_history");
			assertThat(cells).anyMatch((cell) -> cell.table().equals("webex_grant") && cell.holds(zoe));
			assertThat(RawDatabase.leaks(cells, secrets)).isEmpty();
		}
	}

	@Test
	void logoutWhenOnOneInstanceThenSignedOutOnTheOtherToo() throws IOException {
		try (Browser browser = new Browser()) {
			browser.signIn(first, ZOE);
			String session = browser.cookie("SESSION");
			assertThat(browser.page(second.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			HtmlPage spaces = browser.page(first.url("/spaces"));
			HtmlButton logout = spaces.getFirstByXPath("//form[@action='/logout']/button");
			HtmlPage landing = logout.click();
			assertThat(landing.getUrl().getPath()).isEqualTo("/");
			assertThat(landing.getElementById("grant")).isNotNull();
			WebResponse other = browser.getWithoutRedirect(second.url("/spaces"));
			assertThat(other.getStatusCode()).isEqualTo(302);
			assertThat(URI.create(other.getResponseHeaderValue("Location")).getPath()).isEqualTo("/");
			// Even a request that still carries the old cookie finds no session on either
			// instance.
			assertThat(SessionHttp.page(second.url("/spaces"), session).statusCode()).isEqualTo(302);
			assertThat(SessionHttp.page(first.url("/spaces"), session).statusCode()).isEqualTo(302);
			assertThat(new AppDatabase(second).hasSession(session)).isFalse();
		}
	}

}
