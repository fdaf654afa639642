package com.example.webex.simulator;

import org.springframework.http.HttpStatus;

/**
 * A token request that fails with an RFC 6749 §5.2 error code; {@link TokenController}
 * renders it in the configured {@code tokenErrorFormat}.
 */
class OAuthErrorException extends RuntimeException {

	static final String EXPIRED_OR_INVALID_REFRESH_TOKEN = "The refresh token provided is expired, revoked, malformed, or invalid.";

	private final HttpStatus status;

	private final String error;

	OAuthErrorException(HttpStatus status, String error, String description) {
		super(description);
		this.status = status;
		this.error = error;
	}

	static OAuthErrorException invalidRequest(String description) {
		return new OAuthErrorException(HttpStatus.BAD_REQUEST, "invalid_request", description);
	}

	static OAuthErrorException invalidGrant(String description) {
		return new OAuthErrorException(HttpStatus.BAD_REQUEST, "invalid_grant", description);
	}

	/**
	 * A refresh token that is no longer accepted: {@code invalid_grant} as RFC 6749 §5.2
	 * says, or, as Webex answers it, {@code invalid_request} (webex-js-sdk PR #855).
	 */
	static OAuthErrorException refreshTokenRefused(boolean asInvalidRequest) {
		return asInvalidRequest ? invalidRequest(EXPIRED_OR_INVALID_REFRESH_TOKEN)
				: invalidGrant(EXPIRED_OR_INVALID_REFRESH_TOKEN);
	}

	static OAuthErrorException invalidScope(String description) {
		return new OAuthErrorException(HttpStatus.BAD_REQUEST, "invalid_scope", description);
	}

	static OAuthErrorException invalidClient() {
		return new OAuthErrorException(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed.");
	}

	HttpStatus status() {
		return this.status;
	}

	String error() {
		return this.error;
	}

}
