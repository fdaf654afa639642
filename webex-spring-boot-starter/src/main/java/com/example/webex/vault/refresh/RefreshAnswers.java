package com.example.webex.vault.refresh;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.client.RestClientResponseException;

/**
 * What a failed refresh call means. Only Webex refusing the grant itself asks the user to
 * reconnect; everything else leaves the grant as it was, because a new consent from every
 * user is the most expensive way to recover from a hiccup.
 * <p>
 * A refusal is {@code invalid_grant} (RFC 6749 §5.2), or Webex's answer to an expired or
 * revoked refresh token: HTTP 400 {@code invalid_request} with "The refresh token
 * provided is expired, revoked, malformed, or invalid" (Webex's JavaScript SDK maps
 * exactly this answer to logging the user out:
 * https://github.com/webex/webex-js-sdk/pull/855; see {@code webex-platform.md} §3). Not
 * refusals: any other 4xx (a WAF's 403 page, a 404 from a mistyped base URL, a bare
 * {@code invalid_request} from a proxy), {@code invalid_client} (the app's own
 * credentials, which reconnecting does not fix), 429, 5xx, unreadable answers, timeouts
 * and connection failures.
 */
public final class RefreshAnswers {

	/** Webex's description of a refresh token it will not accept (PR #855). */
	static final String WEBEX_REFRESH_TOKEN_REFUSED = "The refresh token provided is expired, revoked, malformed,"
			+ " or invalid";

	// How Spring's token clients report a failure to get any readable answer.
	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private RefreshAnswers() {
	}

	/**
	 * The outcome of a refresh whose token call threw {@code failure}.
	 * @return {@link Outcome#REJECTED} for a refusal, otherwise the kind of failure
	 */
	public static Outcome classify(RuntimeException failure) {
		if (failure instanceof DataAccessException) {
			return Outcome.DATABASE_ERROR;
		}
		if (failure instanceof OAuth2AuthorizationException oauth
				&& !INVALID_TOKEN_RESPONSE.equals(oauth.getError().getErrorCode())) {
			// Spring reads an OAuth 2.0 error only from a 400 (TokenEndpointErrorHandler
			// also from a 400 without one); other statuses arrive below, as the cause.
			return badRequest(oauth.getError());
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException response) {
				return status(response.getStatusCode().value());
			}
			if (cause instanceof HttpMessageNotReadableException) {
				return Outcome.MALFORMED_RESPONSE;
			}
			if (cause instanceof SocketTimeoutException) {
				return Outcome.TIMEOUT;
			}
			if (cause instanceof IOException) {
				// refused, reset, unknown host, and HttpClient's ConnectTimeoutException
				return Outcome.UNREACHABLE;
			}
		}
		if (failure instanceof OAuth2AuthorizationException) {
			// an empty answer, or one Spring could not turn into a token response
			return Outcome.MALFORMED_RESPONSE;
		}
		return Outcome.FAILED;
	}

	private static Outcome badRequest(OAuth2Error error) {
		String code = error.getErrorCode();
		if (OAuth2ErrorCodes.INVALID_GRANT.equals(code)) {
			return Outcome.REJECTED;
		}
		if (OAuth2ErrorCodes.INVALID_REQUEST.equals(code) && isWebexRefusal(error.getDescription())) {
			return Outcome.REJECTED;
		}
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(code) || OAuth2ErrorCodes.UNAUTHORIZED_CLIENT.equals(code)) {
			return Outcome.INVALID_CLIENT;
		}
		return Outcome.CLIENT_ERROR;
	}

	private static Outcome status(int status) {
		if (status == HttpStatus.UNAUTHORIZED.value()) {
			return Outcome.INVALID_CLIENT;
		}
		if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
			return Outcome.RATE_LIMITED;
		}
		if (status == HttpStatus.REQUEST_TIMEOUT.value() || status == HttpStatus.GATEWAY_TIMEOUT.value()) {
			return Outcome.TIMEOUT;
		}
		if (status >= 400 && status < 500) {
			return Outcome.CLIENT_ERROR;
		}
		if (status >= 500) {
			return Outcome.SERVER_ERROR;
		}
		// a 2xx or 3xx whose body was not a token response
		return Outcome.MALFORMED_RESPONSE;
	}

	private static boolean isWebexRefusal(String description) {
		return description != null
				&& description.toLowerCase(Locale.ROOT).contains(WEBEX_REFRESH_TOKEN_REFUSED.toLowerCase(Locale.ROOT));
	}

}
