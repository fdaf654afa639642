package com.example.webexoauth.system;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.example.webex.client.WebexApiException;

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
		return "webex_" + name().toLowerCase(Locale.ROOT);
	}

	String messageKey() {
		return "webex.failed." + name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * How long the caller should wait before trying again, as a {@code Retry-After}
	 * value: what Webex announced when it limited us, since asking sooner only meets the
	 * limit again.
	 * @param exception the failure
	 * @return whole seconds, rounded up and at least 1 (a wait of 0.4 s is not over at
	 * 0); empty unless Webex rate-limited with a {@code Retry-After}
	 */
	Optional<String> retryAfter(WebexApiException exception) {
		Duration retryAfter = exception.getRetryAfter();
		if (this != RATE_LIMITED || retryAfter == null) {
			return Optional.empty();
		}
		long seconds = retryAfter.toSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
		return Optional.of(String.valueOf(Math.max(seconds, 1)));
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
