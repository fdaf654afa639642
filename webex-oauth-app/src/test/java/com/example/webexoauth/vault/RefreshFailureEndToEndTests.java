package com.example.webexoauth.vault;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorSettings;
import com.example.webex.simulator.SimulatorStats.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import com.example.webex.vault.GrantKeeper;
import com.example.webex.vault.KeeperReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users see when a refresh meets something other than Webex's answer, through the
 * real HTTP stack: the app on its own port, the simulated Webex's token endpoint
 * answering as a WAF, a wrong base URL or a proxy would, and as Webex does when it really
 * refuses a grant.
 */
class RefreshFailureEndToEndTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	static final String ROOM_CELL = "<td class=\"room-title\">Customer Advisory Board</td>";

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(1, Map.of("webex.vault.keeper.enabled", false));

	final WebexSimulator webex = SimulatedWebex.simulator();

	final SimulatorSettings settings = SimulatedWebex.simulator().settings();

	@AfterAll
	static void stopApp() {
		if (app != null) {
		}
	}

	@Test
	void spacesWhenTokenEndpointAnswersWithoutRefusingThen503GrantUnchangedAndSameSessionRecovers() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String session = browser.cookie("SESSION");
			AppDatabase database = new AppDatabase(app);
			String zoe = database.principalOf(session);
			database.expireAccessToken(zoe);
			this.webex.expireAccessTokens(ZOE);
			Map<String, String> before = row(database, zoe);
			this.webex.resetCalls();
			for (String answer : List.of("forbidden_html", "not_found", "bare_invalid_request")) {
				this.settings.update(Map.of("tokenAnswer", answer));
				HttpResponse<String> page = SessionHttp.page(app.url("/spaces?type=group"), session);
				assertThat(page.statusCode()).as(answer).isEqualTo(503);
				assertThat(page.headers().firstValue("Retry-After")).as(answer).hasValue("30");
				assertThat(page.body()).as(answer)
					.contains("Webex is unavailable right now. Please try again in a moment.")
					.contains("href=\"/spaces?type=group\"")
					.doesNotContain("id=\"reconnect\"", "Exception", "Request blocked");
				HttpResponse<String> api = SessionHttp.get(app.url("/api/rooms"), session, "application/json");
				assertThat(api.statusCode()).as(answer).isEqualTo(503);
				assertThat(api.headers().firstValue("Retry-After")).as(answer).hasValue("30");
				JsonNode error = JsonMapper.shared().readTree(api.body());
				assertThat(error.path("error").asString()).as(answer).isEqualTo("webex_unavailable");
				assertThat(row(database, zoe)).as(answer).isEqualTo(before);
			}
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(6);
			assertThat(refreshes("client_error")).isGreaterThanOrEqualTo(6);
			// Webex is back: the same session gets its spaces, without a new consent.
			this.settings.update(Map.of("tokenAnswer", "normal"));
			HttpResponse<String> spaces = SessionHttp.page(app.url("/spaces"), session);
			assertThat(spaces.statusCode()).isEqualTo(200);
			assertThat(spaces.body()).contains(ROOM_CELL);
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(7);
			assertThat(this.webex.calls(Counter.AUTHORIZE)).isZero();
			assertThat(this.webex.calls(Counter.TOKEN_CODE_EXCHANGES)).isZero();
			assertThat(database.status(zoe)).isEqualTo("ACTIVE");
			assertThat(database.version(zoe)).isEqualTo(Long.parseLong(before.get("version")) + 1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "oauth", "webex" })
	void spacesWhenWebexRefusesTheRefreshTokenAsWebexDoesThenReconnectPage(String errorFormat) {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String session = browser.cookie("SESSION");
			AppDatabase database = new AppDatabase(app);
			String zoe = database.principalOf(session);
			// Webex answers an expired or revoked refresh token with 400 invalid_request
			// and its message, in RFC 6749's shape or in its own envelope.
			this.settings.update(Map.of("refreshRefusalAsInvalidRequest", true, "tokenErrorFormat", errorFormat));
			this.webex.revokeGrants(ZOE);
			database.expireAccessToken(zoe);
			this.webex.resetCalls();
			HttpResponse<String> page = SessionHttp.page(app.url("/spaces"), session);
			assertThat(page.statusCode()).isEqualTo(401);
			assertThat(page.body()).contains("id=\"reconnect\"").doesNotContain("Exception");
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			assertThat(database.status(zoe)).isEqualTo("CONSENT_REQUIRED");
		}
	}

	@Test
	void keeperWhenTokenEndpointBlockedThenStopsAfterThreeFailuresAndChangesNoGrant() {
		AppDatabase database = new AppDatabase(app);
		List<String> principals = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			String principal = "keeper-test-" + i;
			principals.add(principal);
			saveGrant(principal);
			// Obtained 80 days ago, its refresh token ends in 10 days: due for keeping.
			database.age(principal, Duration.ofDays(80), Duration.ofDays(10));
		}
		Map<String, Map<String, String>> before = new LinkedHashMap<>();
		principals.forEach((principal) -> before.put(principal, row(database, principal)));
		this.settings.update(Map.of("tokenAnswer", "forbidden_html"));
		this.webex.resetCalls();
		double stoppedRuns = app.bean(MeterRegistry.class).counter("webex.keeper.runs", "outcome", "stopped").count();
		KeeperReport report = app.bean(GrantKeeper.class).runOnce();
		assertThat(report.checked()).isEqualTo(10);
		assertThat(report.failed()).isEqualTo(3);
		assertThat(report.refreshed() + report.rejected()).isZero();
		assertThat(report.stopped()).isTrue();
		assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(3);
		principals.forEach(
				(principal) -> assertThat(row(database, principal)).as(principal).isEqualTo(before.get(principal)));
		assertThat(app.bean(MeterRegistry.class).counter("webex.keeper.runs", "outcome", "stopped").count())
			.isEqualTo(stoppedRuns + 1);
		principals.forEach(
				(principal) -> database.jdbc().update("DELETE FROM webex_grant WHERE principal_name = ?", principal));
	}

	private double refreshes(String outcome) {
		return app.bean(MeterRegistry.class)
			.find("webex.token.refreshes")
			.tag("outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	/**
	 * A grant as a login would store it, for someone the keeper's refresh never gets past
	 * the WAF for.
	 */
	private static void saveGrant(String principal) {
		Instant now = Instant.now();
		OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(
				app.bean(ClientRegistrationRepository.class).findByRegistrationId("webex"), principal,
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "at-" + principal, now,
						now.plus(Duration.ofDays(14))),
				new OAuth2RefreshToken("rt-" + principal, now));
		app.bean(OAuth2AuthorizedClientService.class)
			.saveAuthorizedClient(client, new TestingAuthenticationToken(principal, null));
	}

	/** The grant's row as stored: ciphertexts (hex), status, version, dates and lease. */
	private static Map<String, String> row(AppDatabase database, String principal) {
		Map<String, Object> columns = database.jdbc()
			.queryForMap("SELECT access_token, refresh_token, key_id, status, version, access_token_expires_at,"
					+ " refresh_token_expires_at, refreshed_at, kept_at, refresh_lease_owner, refresh_lease_until"
					+ " FROM webex_grant WHERE principal_name = ?", principal);
		Map<String, String> row = new LinkedHashMap<>();
		columns.forEach((name, value) -> row.put(name.toLowerCase(java.util.Locale.ROOT),
				(value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : String.valueOf(value)));
		return row;
	}

}
