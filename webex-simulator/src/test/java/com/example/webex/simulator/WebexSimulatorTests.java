package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.example.webex.simulator.SimulatorProperties.RejectedCodeError;
import com.example.webex.simulator.SimulatorProperties.TokenAnswer;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.junit.WebexSimulatorTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a test does with the {@link WebexSimulator} handle, seen from outside over HTTP:
 * the Integration, users, rooms, tokens without a browser, token operations, typed knobs,
 * the clock and the call counts. The simulator comes from {@link WebexSimulatorTest}.
 */
@WebexSimulatorTest(
		properties = { "simulator.client-id=handle-tests-client", "simulator.client-secret=handle-tests-secret" })
class WebexSimulatorTests {

	private static final String PEOPLE_READ = "spark:people_read";

	private static final String ROOMS_READ = "spark:rooms_read";

	@Test
	void baseUrlWhenStartedThenLoopbackApiAndTheConfiguredIntegration(WebexSimulator webex) {
		assertThat(webex.baseUrl()).isEqualTo("http://127.0.0.1:" + webex.port() + "/v1");
		assertThat(webex.clientId()).isEqualTo("handle-tests-client");
		assertThat(webex.clientSecret()).isEqualTo("handle-tests-secret");
		SimulatorHttp http = new SimulatorHttp(webex);
		HttpResponse<String> token = http.postForm("/v1/access_token",
				Map.of("grant_type", "refresh_token", "refresh_token", "unknown", "client_id", "handle-tests-client",
						"client_secret", "handle-tests-secret"));
		// the client is accepted; only the refresh token is not
		assertThat(SimulatorHttp.json(token).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void registerRedirectUriWhenRegisteredThenAuthorizeAcceptsExactlyThatUri(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);
		String uri = "http://127.0.0.1:18080/login/oauth2/code/webex";
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s");
		params.put("redirect_uri", uri);
		assertThat(http.get(http.authorizeUrl(params)).statusCode()).isEqualTo(400);

		webex.registerRedirectUri(uri).registerRedirectUri(uri);

		assertThat(webex.redirectUris()).containsExactly("http://localhost:10060/oauth", "http://127.0.0.1:10060/oauth",
				uri);
		assertThat(http.get(http.authorizeUrl(params)).statusCode()).isEqualTo(200);
		String code = http.authorizationCode("zoe@example.com", params);
		assertThat(http.exchange(code, uri, null).statusCode()).isEqualTo(200);
		params.put("redirect_uri", uri + "/");
		assertThat(http.get(http.authorizeUrl(params)).statusCode()).isEqualTo(400);
		for (String invalid : new String[] { "/oauth", "javascript:alert(1)", "http://127.0.0.1:18080/cb#x",
				"ftp://example.com/cb", "http://bad uri/" }) {
			assertThatIllegalArgumentException().as(invalid).isThrownBy(() -> webex.registerRedirectUri(invalid));
		}
	}

	@Test
	void usersWhenListedThenTheDemoPeopleFoundByKeyEmailOrPersonId(WebexSimulator webex) {
		assertThat(webex.users()).extracting(DemoUser::key)
			.startsWith("zoe", "rahul", "chen", "sam", "bulk", "mega", "noor");
		DemoUser zoe = webex.user("zoe");
		assertThat(zoe.email()).isEqualTo("zoe@example.com");
		assertThat(zoe.displayName()).isEqualTo("Zoë Ångström");
		assertThat(webex.user("ZOE@example.com")).isEqualTo(zoe);
		assertThat(webex.user(zoe.personId())).isEqualTo(zoe);
		String token = webex.issueTokens("zoe", PEOPLE_READ).accessToken();
		JsonNode me = SimulatorHttp.json(new SimulatorHttp(webex).getWithToken("/v1/people/me", token));
		assertThat(me.get("id").asString()).isEqualTo(zoe.personId());
		assertThatIllegalArgumentException().isThrownBy(() -> webex.user("nobody"));
	}

	@Test
	void addUserWhenAddedThenTheyConsentSignInAndHaveAProfile(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);
		DemoUser alice = webex.addUser("alice", "alice@example.com", "Alice Example");

		assertThat(webex.users()).endsWith(alice);
		assertThat(webex.addUser("alice", "alice@example.com", "Alice Example")).isEqualTo(alice);
		assertThat(http.get(http.authorizeUrl(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s"))).body())
			.contains("Alice Example", "alice@example.com");
		String token = http.accessToken("alice@example.com", SimulatorHttp.BASIC_SCOPES);
		JsonNode me = SimulatorHttp.json(http.getWithToken("/v1/people/me", token));
		assertThat(me.get("id").asString()).isEqualTo(alice.personId());
		assertThat(me.get("displayName").asString()).isEqualTo("Alice Example");
		assertThat(me.get("firstName").asString()).isEqualTo("Alice");
		assertThat(me.get("lastName").asString()).isEqualTo("Example");
		assertThat(http.get(me.get("avatar").asString()).body()).contains(">AE</text>");
		assertThat(SimulatorHttp.json(http.getWithToken("/v1/rooms", token)).get("items")).isEmpty();
	}

	@Test
	void addUserWhenKeyOrEmailTakenOrMalformedThenRefused(WebexSimulator webex) {
		webex.addUser("bob", "bob@example.com", "Bob Builder");
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addUser("bob", "other@example.com", "Bob"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addUser("bob", "bob@example.com", "Robert"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addUser("zoe2", "ZOE@example.com", "Zoe Two"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addUser("Bad Key", "bk@example.com", "B K"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addUser("carol", "not-an-email", "Carol"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addUser("carol", "carol@example.com", " "));
		assertThat(webex.users()).extracting(DemoUser::key).doesNotContain("zoe2", "carol");
	}

	@Test
	void addRoomWhenAddedThenListedNewestFirstUntilReset(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);
		String token = webex.issueTokens("rahul", ROOMS_READ).accessToken();

		DemoRoom room = webex.addRoom("rahul@example.com", "Added by the handle");

		JsonNode rooms = SimulatorHttp.json(http.getWithToken("/v1/rooms?sortBy=lastactivity", token)).get("items");
		assertThat(rooms.get(0).get("id").asString()).isEqualTo(room.id());
		assertThat(rooms.get(0).get("title").asString()).isEqualTo("Added by the handle");
		assertThat(rooms.get(0).get("lastActivity").asString()).isEqualTo(room.lastActivity());
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addRoom("nobody", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.addRoom("rahul", " "));
		webex.reset();
		assertThat(SimulatorHttp.json(http.getWithToken("/v1/rooms", token)).get("items").findValuesAsString("id"))
			.doesNotContain(room.id());
	}

	@Test
	void issueTokensWhenScopesGivenThenTokensWorkWithinThemWithoutAFlow(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);

		GrantedTokens tokens = webex.issueTokens("rahul", PEOPLE_READ);

		assertThat(tokens.scopes()).containsExactly(PEOPLE_READ);
		assertThat(tokens.accessTokenExpiresIn()).isBetween(Duration.ofDays(14).minusSeconds(5), Duration.ofDays(14));
		assertThat(tokens.refreshTokenExpiresIn()).isBetween(Duration.ofDays(90).minusSeconds(5), Duration.ofDays(90));
		JsonNode me = SimulatorHttp.json(http.getWithToken("/v1/people/me", tokens.accessToken()));
		assertThat(me.get("displayName").asString()).isEqualTo("Rahul Deshpande");
		assertThat(http.getWithToken("/v1/rooms", tokens.accessToken()).statusCode()).isEqualTo(403);
		assertThat(http.refresh(tokens.refreshToken()).statusCode()).isEqualTo(200);
		assertThat(webex.calls(Counter.TOKEN_CODE_EXCHANGES)).isZero();
		assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
		assertThatIllegalArgumentException().isThrownBy(() -> webex.issueTokens("rahul"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.issueTokens("rahul", "spark:everything"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.issueTokens("nobody", PEOPLE_READ));
	}

	@Test
	void expireAccessTokensAndRevokeGrantsWhenCalledThenTheUsersTokensStopWorking(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);
		GrantedTokens tokens = webex.issueTokens("chen", PEOPLE_READ);
		GrantedTokens zoe = webex.issueTokens("zoe", PEOPLE_READ);

		webex.expireAccessTokens("chen");

		assertThat(http.getWithToken("/v1/people/me", tokens.accessToken()).statusCode()).isEqualTo(401);
		HttpResponse<String> refreshed = http.refresh(tokens.refreshToken());
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String fresh = SimulatorHttp.json(refreshed).get("access_token").asString();
		assertThat(http.getWithToken("/v1/people/me", fresh).statusCode()).isEqualTo(200);

		webex.revokeGrants("chen@example.com");

		assertThat(http.getWithToken("/v1/people/me", fresh).statusCode()).isEqualTo(401);
		assertThat(SimulatorHttp.json(http.refresh(tokens.refreshToken())).get("error").asString())
			.isEqualTo("invalid_grant");
		assertThat(http.getWithToken("/v1/people/me", zoe.accessToken()).statusCode()).isEqualTo(200);
		assertThatIllegalArgumentException().isThrownBy(() -> webex.revokeGrants("nobody@example.com"));
	}

	@Test
	void settingsWhenChangedThroughTypedKnobsThenWebexAnswersSoUntilReset(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);
		GrantedTokens tokens = webex.issueTokens("zoe", PEOPLE_READ);

		webex.settings().rateLimitEveryNth(1).retryAfter(Duration.ofSeconds(3));
		HttpResponse<String> limited = http.getWithToken("/v1/people/me", tokens.accessToken());
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");

		webex.settings().rateLimitEveryNth(0).omitTokenType(true);
		assertThat(SimulatorHttp.json(http.refresh(tokens.refreshToken())).has("token_type")).isFalse();
		webex.settings().tokenAnswer(TokenAnswer.NOT_FOUND);
		assertThat(http.refresh(tokens.refreshToken()).statusCode()).isEqualTo(404);
		webex.settings().tokenAnswer(TokenAnswer.NORMAL).rejectedCodeError(RejectedCodeError.INVALID_REQUEST);
		assertThat(SimulatorHttp.json(http.exchange("no-such-code", SimulatorHttp.REDIRECT_URI, null))
			.get("error")
			.asString()).isEqualTo("invalid_request");
		webex.settings().errorsWithoutState(true);
		Map<String, String> decline = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "state-7");
		decline.put("decision", "decline");
		assertThat(SimulatorHttp.locationQuery(http.postForm("/v1/authorize", decline)))
			.containsEntry("error", "access_denied")
			.doesNotContainKey("state");

		webex.reset();

		assertThat(webex.settings().omitTokenType()).isFalse();
		assertThat(webex.settings().rejectedCodeError()).isEqualTo(RejectedCodeError.INVALID_GRANT);
		assertThat(SimulatorHttp.json(http.refresh(tokens.refreshToken())).get("token_type").asString())
			.isEqualTo("Bearer");
	}

	@Test
	void settingsWhenValueInvalidThenRefusedAndNothingChanges(WebexSimulator webex) {
		Map<String, Object> before = webex.settings().asMap();

		assertThatIllegalArgumentException().isThrownBy(() -> webex.settings().failStatus(200));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.settings().latency(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.settings().accessTokenLifetime(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.settings().retryAfterHeader("1\r\nX-Forged: y"));
		assertThatIllegalArgumentException().isThrownBy(() -> webex.settings().tokenAnswer(null));

		assertThat(webex.settings().asMap()).isEqualTo(before);
	}

	@Test
	void clockWhenAdvancedPastTheAccessTokenLifetimeThenTheTokenExpires(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);
		GrantedTokens tokens = webex.issueTokens("zoe", PEOPLE_READ);

		webex.clock().advance(Duration.ofDays(13));
		assertThat(http.getWithToken("/v1/people/me", tokens.accessToken()).statusCode()).isEqualTo(200);
		webex.clock().advance(Duration.ofDays(1));
		assertThat(http.getWithToken("/v1/people/me", tokens.accessToken()).statusCode()).isEqualTo(401);

		assertThat(http.refresh(tokens.refreshToken()).statusCode()).isEqualTo(200);
	}

	@Test
	void callsWhenTheApiIsCalledThenCountedUntilResetCalls(WebexSimulator webex) {
		SimulatorHttp http = new SimulatorHttp(webex);
		String token = webex.issueTokens("zoe", PEOPLE_READ).accessToken();

		http.getWithToken("/v1/people/me", token);
		http.getWithToken("/v1/people/me", token);
		http.getWithToken("/v1/rooms", "not-a-token");

		assertThat(webex.calls(Counter.REST_CALLS)).isEqualTo(3);
		assertThat(webex.calls(Counter.PEOPLE_ME)).isEqualTo(2);
		assertThat(webex.calls(Counter.UNAUTHORIZED)).isEqualTo(1);
		webex.resetCalls();
		for (Counter counter : Counter.values()) {
			assertThat(webex.calls(counter)).as(counter.jsonName()).isZero();
		}
	}

}
