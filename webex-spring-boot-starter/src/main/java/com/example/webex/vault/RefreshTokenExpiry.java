package com.example.webex.vault;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * When a refresh token from Webex expires: Webex adds {@code refresh_token_expires_in} to
 * its token responses, which Spring keeps among their additional parameters (the code
 * exchange's reach the user-info step as
 * {@code OAuth2UserRequest.getAdditionalParameters()}, a refresh's are on the response
 * the vault gets back).
 */
final class RefreshTokenExpiry {

	/** Webex's non-standard token response member. */
	static final String EXPIRES_IN_PARAMETER = "refresh_token_expires_in";

	private RefreshTokenExpiry() {
	}

	/**
	 * The expiry {@code refresh_token_expires_in} announces, counted from the access
	 * token's issue time.
	 * @param additionalParameters the token response's additional parameters
	 * @param issuedAt when the response's access token was issued, or {@code null}
	 * @return empty if Webex sent no usable value
	 */
	static Optional<Instant> of(Map<String, Object> additionalParameters, Instant issuedAt) {
		Object value = additionalParameters.get(EXPIRES_IN_PARAMETER);
		if (value == null || issuedAt == null) {
			return Optional.empty();
		}
		try {
			long seconds = Long.parseLong(String.valueOf(value).trim());
			return (seconds > 0) ? Optional.of(issuedAt.plusSeconds(seconds)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
