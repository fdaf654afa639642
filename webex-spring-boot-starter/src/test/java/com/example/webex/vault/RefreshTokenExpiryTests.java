package com.example.webex.vault;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenExpiryTests {

	private static final Instant ISSUED_AT = Instant.parse("2026-03-01T10:00:00Z");

	@Test
	void ofWhenWebexSentExpiresInThenCountedFromIssueTime() {
		assertThat(RefreshTokenExpiry.of(Map.of("refresh_token_expires_in", 7775999), ISSUED_AT))
			.contains(ISSUED_AT.plusSeconds(7775999));
		assertThat(RefreshTokenExpiry.of(Map.of("refresh_token_expires_in", " 600 "), ISSUED_AT))
			.contains(ISSUED_AT.plusSeconds(600));
	}

	@Test
	void ofWhenMissingMalformedOrNotPositiveThenEmpty() {
		assertThat(RefreshTokenExpiry.of(Map.of(), ISSUED_AT)).isEmpty();
		assertThat(RefreshTokenExpiry.of(Map.of("refresh_token_expires_in", "not a number"), ISSUED_AT)).isEmpty();
		assertThat(RefreshTokenExpiry.of(Map.of("refresh_token_expires_in", 0), ISSUED_AT)).isEmpty();
		assertThat(RefreshTokenExpiry.of(Map.of("refresh_token_expires_in", 600), null)).isEmpty();
	}

}
