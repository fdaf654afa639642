package com.example.webex.vault;

import java.time.Duration;

/**
 * Thrown when a needed refresh could not get an answer from Webex that decides the
 * grant's fate: the token endpoint was unreachable, slow, failing or answered something
 * other than a refusal. The stored grant is unchanged and a later attempt may succeed.
 */
public class TokenEndpointUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	public TokenEndpointUnavailableException(String message, Throwable cause, Duration retryAfter) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long the user or API client should wait before trying again
	 * ({@code Retry-After}).
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
