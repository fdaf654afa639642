package com.example.webexoauth.system;

import com.example.webexoauth.webex.WebexApiException;

import org.springframework.http.HttpStatus;

/**
 * What a failed Webex call means for our own response: the status we answer with and the
 * message key that explains it.
 */
enum WebexFailure {

	FORBIDDEN(HttpStatus.FORBIDDEN), RATE_LIMITED(HttpStatus.SERVICE_UNAVAILABLE), TIMEOUT(HttpStatus.GATEWAY_TIMEOUT),
	UNAVAILABLE(HttpStatus.BAD_GATEWAY), MALFORMED(HttpStatus.BAD_GATEWAY), OTHER(HttpStatus.BAD_GATEWAY);

	private final HttpStatus status;

	WebexFailure(HttpStatus status) {
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return "webex_" + name().toLowerCase();
	}

	String messageKey() {
		return "webex.failed." + name().toLowerCase().replace('_', '-');
	}

	static WebexFailure of(WebexApiException exception) {
		return switch (exception.getReason()) {
			case FORBIDDEN -> FORBIDDEN;
			case RATE_LIMITED -> RATE_LIMITED;
			case TIMEOUT -> TIMEOUT;
			case UNAVAILABLE, UNREACHABLE -> UNAVAILABLE;
			case MALFORMED -> MALFORMED;
			default -> OTHER;
		};
	}

}
