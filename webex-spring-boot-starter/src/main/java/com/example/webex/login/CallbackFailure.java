package com.example.webex.login;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;
import org.springframework.web.client.HttpServerErrorException;

/**
 * Every way the OAuth callback can fail, as the user should hear it: a message key and
 * the HTTP status of the page that explains it.
 */
public enum CallbackFailure {

	/** The user pressed Decline on Webex's consent page. */
	DECLINED(HttpStatus.FORBIDDEN),

	/** The Integration asked for scopes it is not registered for. */
	INVALID_SCOPE(HttpStatus.BAD_REQUEST),

	/**
	 * No pending sign-in matches the state: missing, tampered, expired or already used.
	 */
	UNKNOWN_STATE(HttpStatus.BAD_REQUEST),

	/** The callback carried neither a code nor an error. */
	MISSING_CODE(HttpStatus.BAD_REQUEST),

	/** Webex refused to exchange the code (already used, expired, or a PKCE mismatch). */
	CODE_REJECTED(HttpStatus.BAD_REQUEST),

	/** Webex's token endpoint did not answer in time. */
	TOKEN_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT),

	/** Webex's token endpoint failed (5xx) or answered something we cannot read. */
	TOKEN_ENDPOINT_FAILED(HttpStatus.BAD_GATEWAY),

	/** The profile could not be loaded after the exchange. */
	PROFILE_FAILED(HttpStatus.BAD_GATEWAY),

	/** Webex reported an error of its own (e.g. server_error). */
	WEBEX_ERROR(HttpStatus.BAD_GATEWAY),

	/**
	 * The operator's allow-list ({@code WEBEX_ALLOWED_EMAIL_DOMAINS},
	 * {@code WEBEX_ALLOWED_ORG_IDS}) does not admit the person who signed in.
	 */
	NOT_ALLOWED(HttpStatus.FORBIDDEN),

	/** Anything else. */
	UNKNOWN(HttpStatus.BAD_REQUEST);

	/**
	 * The OAuth 2.0 error code the user-info step refuses a person with: the allow-list
	 * does not admit them.
	 */
	static final String NOT_ALLOWED_ERROR_CODE = "user_not_allowed";

	private final HttpStatus status;

	CallbackFailure(HttpStatus status) {
		this.status = status;
	}

	/** The HTTP status of the page or answer that explains the failure. */
	public HttpStatus status() {
		return this.status;
	}

	/** A stable name for messages and logs, e.g. {@code code-rejected}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Classifies a failed callback.
	 * @param exception what Spring Security reported
	 * @param callback the callback request: Spring reports a missing state, a missing
	 * code and Webex's token endpoint refusing the code with {@code invalid_request}
	 * alike, as {@code invalid_request}, and turns away an error without a state unread
	 */
	public static CallbackFailure of(AuthenticationException exception, HttpServletRequest callback) {
		if (!(exception instanceof OAuth2AuthenticationException oauth)) {
			return UNKNOWN;
		}
		return switch (oauth.getError().getErrorCode()) {
			case "authorization_request_not_found", "invalid_state_parameter", "invalid_redirect_uri_parameter" ->
				UNKNOWN_STATE;
			case OAuth2ErrorCodes.INVALID_REQUEST -> invalidRequest(callback);
			case OAuth2ErrorCodes.INVALID_GRANT -> CODE_REJECTED;
			case "invalid_token_response" -> tokenEndpointFailure(exception);
			case "invalid_user_info_response" -> PROFILE_FAILED;
			default -> reportedByWebex(oauth.getError().getErrorCode());
		};
	}

	private static CallbackFailure invalidRequest(HttpServletRequest callback) {
		boolean stateGiven = StringUtils.hasText(callback.getParameter(OAuth2ParameterNames.STATE));
		if (stateGiven) {
			// With a code and a state Spring exchanged the code, and Webex refused it:
			// real Webex may say invalid_request where RFC 6749 says invalid_grant.
			boolean codeGiven = StringUtils.hasText(callback.getParameter(OAuth2ParameterNames.CODE));
			return codeGiven ? CODE_REJECTED : MISSING_CODE;
		}
		// Real Webex may send an error back without the state, which Spring turns away
		// unread. Nothing was exchanged or stored: the page says what Webex reported.
		String error = callback.getParameter(OAuth2ParameterNames.ERROR);
		return StringUtils.hasText(error) ? reportedByWebex(error) : UNKNOWN_STATE;
	}

	/** An error the authorization endpoint sent back (RFC 6749 §4.1.2.1). */
	private static CallbackFailure reportedByWebex(String error) {
		return switch (error) {
			case OAuth2ErrorCodes.ACCESS_DENIED -> DECLINED;
			case OAuth2ErrorCodes.INVALID_SCOPE -> INVALID_SCOPE;
			case OAuth2ErrorCodes.SERVER_ERROR, OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE -> WEBEX_ERROR;
			case NOT_ALLOWED_ERROR_CODE -> NOT_ALLOWED;
			default -> UNKNOWN;
		};
	}

	private static CallbackFailure tokenEndpointFailure(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
				return TOKEN_TIMEOUT;
			}
			if (cause instanceof HttpServerErrorException || cause instanceof HttpMessageNotReadableException) {
				return TOKEN_ENDPOINT_FAILED;
			}
		}
		return TOKEN_ENDPOINT_FAILED;
	}

}
