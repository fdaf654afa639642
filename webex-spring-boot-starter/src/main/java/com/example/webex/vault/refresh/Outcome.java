package com.example.webex.vault.refresh;

import java.util.Locale;

/**
 * How a refresh attempt ended: refreshed, not needed, refused by Webex, or one of the
 * failures that leave the grant exactly as it was (the tag says which, so a dashboard can
 * tell a WAF or a wrong base URL from Webex being down).
 */
public enum Outcome {

	/** New tokens were stored. */
	REFRESHED,

	/** On a fresh read the refresh turned out unnecessary: someone else had done it. */
	SKIPPED,

	/**
	 * Webex refused the grant itself ({@code invalid_grant}, or its expired refresh token
	 * answer), or no usable refresh token was left: the grant now needs the user to
	 * reconnect.
	 */
	REJECTED,

	/**
	 * Any other 4xx: a WAF's or proxy's page, a wrong base URL's 404, a bare {@code 400}.
	 */
	CLIENT_ERROR,

	/**
	 * The token endpoint refused the app's own client credentials
	 * ({@code invalid_client}).
	 */
	INVALID_CLIENT,

	/** 429: Webex is limiting us. */
	RATE_LIMITED,

	/** 5xx. */
	SERVER_ERROR,

	/**
	 * An answer that is not a token response: HTML, broken JSON, an empty body, a
	 * redirect.
	 */
	MALFORMED_RESPONSE,

	/** Webex accepted the connection but did not answer within the read timeout. */
	TIMEOUT,

	/** No connection: refused, timed out connecting, unknown host, reset. */
	UNREACHABLE,

	/**
	 * Webex answered but storing the new tokens failed; the next call refreshes again.
	 */
	DATABASE_ERROR,

	/**
	 * Another instance held the grant's refresh lease for longer than a lease lasts; the
	 * caller gave up waiting.
	 */
	LEASE_TIMEOUT,

	/** Anything else that went wrong; the grant is unchanged. */
	FAILED;

	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
