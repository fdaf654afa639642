package com.example.webex.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static com.example.webex.client.TestWebex.json;
import static com.example.webex.client.TestWebex.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for Webex's token endpoint answers as Spring's refresh client reads them through
 * {@link WebexHttp#tokenEndpoint()}: the real-Webex quirks (no {@code token_type}, an
 * expired refresh token answered with {@code invalid_request}, possibly in Webex's REST
 * envelope), from recorded bodies under
 * {@code src/test/resources/com/example/webex/client/}.
 */
class TokenEndpointResponsesTests {

	private static final String EXPIRED = "The refresh token provided is expired, revoked, malformed, or invalid.";

	private final MockWebServer webex = new MockWebServer();

	private final HttpComponentsClientHttpRequestFactory requestFactory = WebexClientAutoConfiguration
		.requestFactory(TestWebex.HTTP);

	private final RestClientRefreshTokenTokenResponseClient refresh = new RestClientRefreshTokenTokenResponseClient();

	@BeforeEach
	void startWebex() throws IOException {
		this.webex.start();
		this.refresh.setRestClient(new WebexHttp(this.requestFactory, URI.create(this.webex.url("/v1").toString()),
				new SimpleMeterRegistry())
			.tokenEndpoint());
	}

	@AfterEach
	void stopWebex() throws Exception {
		this.requestFactory.destroy();
		this.webex.close();
	}

	@Test
	void refreshWhenAnswerHasNoTokenTypeThenBearerTokenWithRefreshTokenExpiry() throws InterruptedException {
		this.webex.enqueue(json(200, recorded("token-response-without-token-type.json")).build());
		Instant before = Instant.now();

		OAuth2AccessTokenResponse response = this.refresh.getTokenResponse(refreshRequest());

		assertThat(response.getAccessToken().getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
		assertThat(response.getAccessToken().getTokenValue()).startsWith("ZDI3MGEy");
		assertThat(response.getAccessToken().getExpiresAt()).isAfterOrEqualTo(before.plus(Duration.ofSeconds(1209599)));
		assertThat(response.getRefreshToken().getTokenValue()).startsWith("MDEyMzQ1");
		assertThat(response.getAdditionalParameters()).containsEntry("refresh_token_expires_in", 7775999);
		RecordedRequest request = this.webex.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/v1/access_token");
		assertThat(request.getBody().utf8()).contains("grant_type=refresh_token", "refresh_token=old-refresh-token");
	}

	@Test
	void refreshWhenRefreshTokenExpiredThenInvalidRequestWithWebexDescription() {
		this.webex.enqueue(json(400, recorded("refresh-invalid-request.json")).build());

		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.refresh.getTokenResponse(refreshRequest()))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
				assertThat(ex.getError().getDescription()).isEqualTo(EXPIRED);
			});
	}

	@Test
	void refreshWhenRefreshTokenExpiredInWebexEnvelopeThenInvalidRequestWithWebexMessage() {
		this.webex.enqueue(json(400, recorded("refresh-invalid-request-in-webex-envelope.json")).build());

		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.refresh.getTokenResponse(refreshRequest()))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
				assertThat(ex.getError().getDescription()).isEqualTo(EXPIRED);
			});
	}

	private OAuth2RefreshTokenGrantRequest refreshRequest() {
		ClientRegistration webex = ClientRegistration.withRegistrationId("webex")
			.clientId("client-id")
			.clientSecret("client-secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1:8080/login/oauth2/code/webex")
			.authorizationUri(this.webex.url("/v1/authorize").toString())
			.tokenUri(this.webex.url("/v1/access_token").toString())
			.build();
		Instant now = Instant.now();
		return new OAuth2RefreshTokenGrantRequest(
				webex, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "old-access-token",
						now.minusSeconds(60), now.minusSeconds(1)),
				new OAuth2RefreshToken("old-refresh-token", now.minusSeconds(60)));
	}

}
