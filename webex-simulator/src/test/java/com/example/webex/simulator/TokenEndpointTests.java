package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/access_token}: client authentication, code exchange with PKCE, refresh with
 * rotation and extension, and both error formats.
 */
class TokenEndpointTests {

	// characters that must survive RFC 6749 §2.3.1 encoding in HTTP Basic
	private static final String SECRET = "demo secret:+&%é";

	private static final String TOKEN = "[A-Za-z0-9_-]{40,60}_PF84_"
			+ "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final long DAY = 86_400;

	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create()
		.property("simulator.client-secret", SECRET)
		.build();

	static final SimulatorHttp http = new SimulatorHttp(webex);

	@Test
	void exchangeWhenFormCredentialsThenWebexShapedTokens() {
		HttpResponse<String> response = http.exchange(
				http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES), SimulatorHttp.REDIRECT_URI,
				null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode tokens = SimulatorHttp.json(response);
		assertThat(tokens.get("access_token").asString()).matches(TOKEN);
		assertThat(tokens.get("refresh_token").asString()).matches(TOKEN)
			.isNotEqualTo(tokens.get("access_token").asString());
		assertThat(tokens.get("expires_in").asLong()).isBetween(14 * DAY - 5, 14 * DAY);
		assertThat(tokens.get("refresh_token_expires_in").asLong()).isBetween(90 * DAY - 5, 90 * DAY);
		assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("scope").asString()).isEqualTo(SimulatorHttp.BASIC_SCOPES);
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(response.headers().firstValue("TrackingID"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("ROUTER_"));
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.TOKEN_CODE_EXCHANGES)).isEqualTo(1);
	}

	@Test
	void exchangeWhenBasicCredentialsThenTokens() {
		Map<String, String> form = Map.of("grant_type", "authorization_code", "code",
				http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES), "redirect_uri",
				SimulatorHttp.REDIRECT_URI);
		String credentials = SimulatorHttp.encode(http.clientId()) + ":" + SimulatorHttp.encode(SECRET);
		HttpResponse<String> response = http.postForm("/v1/access_token", form, "Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(SimulatorHttp.json(response).get("access_token").asString()).matches(TOKEN);
	}

	@Test
	void exchangeWhenBasicCredentialsNotUrlEncodedThenInvalidClient() {
		Map<String, String> form = Map.of("grant_type", "authorization_code", "code",
				http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES), "redirect_uri",
				SimulatorHttp.REDIRECT_URI);
		String credentials = http.clientId() + ":" + SECRET;
		HttpResponse<String> response = http.postForm("/v1/access_token", form, "Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(SimulatorHttp.json(response).get("error").asString()).isEqualTo("invalid_client");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
	}

	@Test
	void exchangeWhenSecretWrongThenInvalidClient() {
		Map<String, String> form = http.clientForm("authorization_code");
		form.put("client_secret", "guess");
		form.put("code", http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES));
		form.put("redirect_uri", SimulatorHttp.REDIRECT_URI);
		HttpResponse<String> response = http.postForm("/v1/access_token", form);
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode error = SimulatorHttp.json(response);
		assertThat(error.get("error").asString()).isEqualTo("invalid_client");
		assertThat(error.get("error_description").asString()).isNotBlank();
	}

	@Test
	void exchangeWhenPkceS256VerifierMatchesThenTokens() {
		String verifier = "s256-verifier-" + "x".repeat(40);
		HttpResponse<String> response = http.exchange(pkceCode(SimulatorHttp.s256(verifier), "S256"),
				SimulatorHttp.REDIRECT_URI, verifier);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void exchangeWhenPkceVerifierWrongThenInvalidGrant() {
		String verifier = "s256-verifier-" + "x".repeat(40);
		HttpResponse<String> response = http.exchange(pkceCode(SimulatorHttp.s256(verifier), "S256"),
				SimulatorHttp.REDIRECT_URI, verifier.replace('x', 'y'));
		assertOAuthError(response, 400, "invalid_grant");
	}

	@Test
	void exchangeWhenPkceVerifierMissingThenInvalidGrant() {
		String verifier = "s256-verifier-" + "x".repeat(40);
		HttpResponse<String> response = http.exchange(pkceCode(SimulatorHttp.s256(verifier), "S256"),
				SimulatorHttp.REDIRECT_URI, null);
		assertOAuthError(response, 400, "invalid_grant");
	}

	@Test
	void exchangeWhenPkcePlainVerifierMatchesThenTokens() {
		String verifier = "plain-verifier-" + "z".repeat(40);
		HttpResponse<String> response = http.exchange(pkceCode(verifier, "plain"), SimulatorHttp.REDIRECT_URI,
				verifier);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void exchangeWhenCodeReplayedThenInvalidGrant() {
		String code = http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		assertThat(http.exchange(code, SimulatorHttp.REDIRECT_URI, null).statusCode()).isEqualTo(200);
		assertOAuthError(http.exchange(code, SimulatorHttp.REDIRECT_URI, null), 400, "invalid_grant");
	}

	@Test
	void exchangeWhenRedirectUriDiffersFromAuthorizeThenInvalidGrant() {
		String code = http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		assertOAuthError(http.exchange(code, SimulatorHttp.OTHER_REDIRECT_URI, null), 400, "invalid_grant");
	}

	@Test
	void exchangeWhenCodeOlderThanItsLifetimeThenInvalidGrant() {
		String code = http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		http.bean(SimulatorClock.class).advance(Duration.ofSeconds(61));
		assertOAuthError(http.exchange(code, SimulatorHttp.REDIRECT_URI, null), 400, "invalid_grant");
	}

	@Test
	void tokenWhenGrantTypeUnknownOrMissingThenOAuthErrors() {
		assertOAuthError(http.postForm("/v1/access_token", http.clientForm("password")), 400, "unsupported_grant_type");
		Map<String, String> form = http.clientForm("x");
		form.remove("grant_type");
		assertOAuthError(http.postForm("/v1/access_token", form), 400, "invalid_request");
	}

	@Test
	void refreshWhenNotRotatingThenNewAccessTokenAndSameRefreshToken() {
		JsonNode first = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		http.bean(SimulatorStats.class).reset();
		HttpResponse<String> response = http.refresh(first.get("refresh_token").asString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode refreshed = SimulatorHttp.json(response);
		assertThat(refreshed.get("access_token").asString()).matches(TOKEN)
			.isNotEqualTo(first.get("access_token").asString());
		assertThat(refreshed.get("refresh_token").asString()).isEqualTo(first.get("refresh_token").asString());
		// within 24 hours of issue the expiry is not extended
		assertThat(refreshed.get("refresh_token_expires_in").asLong())
			.isLessThanOrEqualTo(first.get("refresh_token_expires_in").asLong());
		assertThat(http.getWithToken("/v1/people/me", refreshed.get("access_token").asString()).statusCode())
			.isEqualTo(200);
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.TOKEN_REFRESHES)).isEqualTo(1);
	}

	@Test
	void refreshWhenExtendingAndADayPassedThenRefreshTokenGetsFullLifetimeOncePerDay() {
		String refreshToken = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES)
			.get("refresh_token")
			.asString();
		http.bean(SimulatorClock.class).advance(Duration.ofDays(2));
		JsonNode extended = SimulatorHttp.json(http.refresh(refreshToken));
		assertThat(extended.get("refresh_token_expires_in").asLong()).isBetween(90 * DAY - 5, 90 * DAY);
		http.bean(SimulatorClock.class).advance(Duration.ofHours(1));
		JsonNode again = SimulatorHttp.json(http.refresh(refreshToken));
		assertThat(again.get("refresh_token_expires_in").asLong()).isBetween(90 * DAY - 3600 - 5, 90 * DAY - 3600);
	}

	@Test
	void refreshWhenExtensionOffThenRefreshTokenKeepsItsExpiry() {
		http.bean(SimulatorSettings.class).update(Map.of("extendRefreshExpiry", false));
		String refreshToken = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES)
			.get("refresh_token")
			.asString();
		http.bean(SimulatorClock.class).advance(Duration.ofDays(2));
		JsonNode refreshed = SimulatorHttp.json(http.refresh(refreshToken));
		assertThat(refreshed.get("refresh_token_expires_in").asLong()).isBetween(88 * DAY - 5, 88 * DAY);
	}

	@Test
	void refreshWhenRefreshTokenExpiredThenInvalidGrant() {
		String refreshToken = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES)
			.get("refresh_token")
			.asString();
		http.bean(SimulatorClock.class).advance(Duration.ofDays(91));
		assertOAuthError(http.refresh(refreshToken), 400, "invalid_grant");
	}

	@Test
	void refreshWhenRotatingThenOldTokenWorksUntilTheNewOneIsUsed() {
		http.bean(SimulatorSettings.class).update(Map.of("rotateRefreshTokens", true));
		String original = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES).get("refresh_token").asString();
		String rotated = SimulatorHttp.json(http.refresh(original)).get("refresh_token").asString();
		assertThat(rotated).matches(TOKEN).isNotEqualTo(original);
		// the response was "lost": the old token still works during its grace
		HttpResponse<String> retry = http.refresh(original);
		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(retry).get("refresh_token").asString()).isNotEqualTo(original);
		HttpResponse<String> withNew = http.refresh(rotated);
		assertThat(withNew.statusCode()).isEqualTo(200);
		assertOAuthError(http.refresh(original), 400, "invalid_grant");
		// the token that retired the original is itself still in grace until its
		// successor is used
		assertThat(http.refresh(rotated).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshWhenAccessTokenPresentedThenInvalidGrant() {
		String accessToken = http.accessToken("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		assertOAuthError(http.refresh(accessToken), 400, "invalid_grant");
	}

	@Test
	void refreshWhenNarrowerScopeRequestedThenAccessTokenCarriesOnlyThatScope() {
		String refreshToken = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES)
			.get("refresh_token")
			.asString();
		Map<String, String> form = http.clientForm("refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("scope", "spark:people_read");
		JsonNode narrowed = SimulatorHttp.json(http.postForm("/v1/access_token", form));
		assertThat(narrowed.get("scope").asString()).isEqualTo("spark:people_read");
		assertThat(http.getWithToken("/v1/rooms", narrowed.get("access_token").asString()).statusCode()).isEqualTo(403);
		form.put("scope", "spark:people_read spark:all");
		assertOAuthError(http.postForm("/v1/access_token", form), 400, "invalid_scope");
	}

	@Test
	void tokenErrorWhenWebexFormatThenEnvelopeWithErrorCodeAndTrackingId() {
		http.bean(SimulatorSettings.class).update(Map.of("tokenErrorFormat", "webex"));
		HttpResponse<String> response = http.refresh("not-a-token");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = SimulatorHttp.json(response);
		assertThat(body.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(body.get("message").asString()).contains("refresh token");
		assertThat(body.get("errors").get(0).get("description").asString()).isNotBlank();
		assertThat(body.get("trackingId").asString())
			.isEqualTo(response.headers().firstValue("TrackingID").orElseThrow());
		assertThat(body.has("error_description")).isFalse();
	}

	@Test
	void tokenWhenOmitTokenTypeThenCodeAndRefreshResponsesHaveNoTokenType() {
		http.bean(SimulatorSettings.class).update(Map.of("omitTokenType", true));
		JsonNode tokens = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		assertThat(tokens.has("access_token")).isTrue();
		assertThat(tokens.has("token_type")).isFalse();
		HttpResponse<String> refreshed = http.refresh(tokens.get("refresh_token").asString());
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(refreshed).has("token_type")).isFalse();
	}

	@Test
	void exchangeWhenRejectedCodeErrorIsInvalidRequestThenRefusedCodesGetInvalidRequest() {
		http.bean(SimulatorSettings.class).update(Map.of("rejectedCodeError", "invalid_request"));
		String code = http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		assertThat(http.exchange(code, SimulatorHttp.REDIRECT_URI, null).statusCode()).isEqualTo(200);
		assertOAuthError(http.exchange(code, SimulatorHttp.REDIRECT_URI, null), 400, "invalid_request");
		assertOAuthError(http.exchange(pkceCode(SimulatorHttp.s256("v".repeat(43)), "S256"), SimulatorHttp.REDIRECT_URI,
				"w".repeat(43)), 400, "invalid_request");
	}

	private static String pkceCode(String challenge, String method) {
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "pkce");
		params.put("code_challenge", challenge);
		params.put("code_challenge_method", method);
		return http.authorizationCode("zoe@example.com", params);
	}

	private static void assertOAuthError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = SimulatorHttp.json(response);
		assertThat(body.get("error").asString()).isEqualTo(error);
		assertThat(body.get("error_description").asString()).isNotBlank();
	}

}
