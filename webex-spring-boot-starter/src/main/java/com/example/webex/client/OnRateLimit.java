package com.example.webex.client;

/**
 * What a call does when Webex rate-limits the user (429 or 423, or an earlier one's wait
 * is not over yet).
 */
public enum OnRateLimit {

	/**
	 * Wait out {@code Retry-After} and try again, as far as the request's budget allows.
	 */
	WAIT,

	/**
	 * Fail at once with {@link WebexApiException.Reason#RATE_LIMITED}: for callers that
	 * hold an older answer to show instead.
	 */
	FAIL_FAST

}
