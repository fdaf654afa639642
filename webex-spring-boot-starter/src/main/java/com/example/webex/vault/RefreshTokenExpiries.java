package com.example.webex.vault;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Carries Webex's {@code refresh_token_expires_in} from the code exchange to
 * {@link JdbcGrantStore#saveAuthorizedClient}, keyed by the refresh token
 * ({@link LoginHandOver}).
 * <p>
 * Spring's {@code OAuth2AuthorizedClient} has no field for it, so the token response would
 * otherwise drop it on the way to the store.
 */
final class RefreshTokenExpiries {

	/** Webex's non-standard token response member. */
	static final String EXPIRES_IN_PARAMETER = "refresh_token_expires_in";

	private final LoginHandOver<Instant> entries;

	RefreshTokenExpiries(Clock clock) {
		this.entries = new LoginHandOver<>(clock);
	}

	/** Remember the refresh-token expiry a code exchange returned, if it returned one. */
	void remember(OAuth2AccessTokenResponse response) {
		OAuth2RefreshToken refreshToken = response.getRefreshToken();
		Optional<Instant> expiresAt = expiresAt(response);
		if (refreshToken == null || expiresAt.isEmpty()) {
			return;
		}
		this.entries.put(refreshToken.getTokenValue(), expiresAt.get());
	}

	/** Take the expiry remembered for this refresh token, if any. */
	Optional<Instant> consume(String refreshToken) {
		return this.entries.take(refreshToken);
	}

	/**
	 * When the response's refresh token expires, from {@code refresh_token_expires_in} counted
	 * from the access token's issue time.
	 */
	static Optional<Instant> expiresAt(OAuth2AccessTokenResponse response) {
		Object value = response.getAdditionalParameters().get(EXPIRES_IN_PARAMETER);
		if (value == null) {
			return Optional.empty();
		}
		try {
			long seconds = Long.parseLong(String.valueOf(value).trim());
			Instant issuedAt = response.getAccessToken().getIssuedAt();
			return (seconds > 0 && issuedAt != null) ? Optional.of(issuedAt.plusSeconds(seconds)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
