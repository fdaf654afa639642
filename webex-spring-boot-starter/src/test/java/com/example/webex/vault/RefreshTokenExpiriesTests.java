package com.example.webex.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenExpiriesTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final RefreshTokenExpiries expiries = new RefreshTokenExpiries(this.clock);

	@Test
	void consumeWhenRememberedThenExpiryOnce() {
		OAuth2AccessTokenResponse response = response("rt-1", Map.of("refresh_token_expires_in", 7775999));
		this.expiries.remember(response);
		assertThat(this.expiries.consume("rt-1"))
			.contains(response.getAccessToken().getIssuedAt().plusSeconds(7775999));
		assertThat(this.expiries.consume("rt-1")).isEmpty();
	}

	@Test
	void consumeWhenOtherTokenOrNoExpiryThenEmpty() {
		this.expiries.remember(response("rt-1", Map.of()));
		this.expiries.remember(response("rt-2", Map.of("refresh_token_expires_in", "not a number")));
		this.expiries.remember(response("rt-3", Map.of("refresh_token_expires_in", "600")));
		assertThat(this.expiries.consume("rt-1")).isEmpty();
		assertThat(this.expiries.consume("rt-2")).isEmpty();
		assertThat(this.expiries.consume("rt-4")).isEmpty();
		assertThat(this.expiries.consume("rt-3")).isPresent();
	}

	@Test
	void consumeWhenRememberedLongAgoThenForgotten() {
		this.expiries.remember(response("rt-1", Map.of("refresh_token_expires_in", 7775999)));
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.expiries.consume("rt-1")).isEmpty();
	}

	@Test
	void rememberWhenFullThenOldestForgotten() {
		for (int i = 0; i < 1001; i++) {
			this.expiries.remember(response("rt-" + i, Map.of("refresh_token_expires_in", 600)));
		}
		assertThat(this.expiries.consume("rt-0")).isEmpty();
		assertThat(this.expiries.consume("rt-1000")).isPresent();
	}

	// The response's issue time is the real clock's; the vault's clock only ages the entries.
	private static OAuth2AccessTokenResponse response(String refreshToken, Map<String, Object> parameters) {
		return OAuth2AccessTokenResponse.withToken("at")
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(1209599)
			.refreshToken(refreshToken)
			.additionalParameters(parameters)
			.build();
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
