package com.example.webex.simulator;

import org.springframework.http.HttpStatus;

/**
 * A REST call that Webex would refuse; {@link WebexErrors} turns it into the Webex error
 * envelope.
 */
class WebexApiException extends RuntimeException {

	static final String UNAUTHORIZED_MESSAGE = "The request requires a valid access token set in the Authorization request header.";

	private final HttpStatus status;

	private final String description;

	private final String retryAfter;

	private WebexApiException(HttpStatus status, String message, String description, String retryAfter) {
		super(message);
		this.status = status;
		this.description = description;
		this.retryAfter = retryAfter;
	}

	static WebexApiException badRequest(String description) {
		return new WebexApiException(HttpStatus.BAD_REQUEST, description, description, null);
	}

	static WebexApiException unauthorized() {
		return new WebexApiException(HttpStatus.UNAUTHORIZED, UNAUTHORIZED_MESSAGE, UNAUTHORIZED_MESSAGE, null);
	}

	static WebexApiException forbidden(String requiredScope) {
		return new WebexApiException(HttpStatus.FORBIDDEN,
				"The request is understood, but it has been refused or access is not allowed.",
				"The access token lacks the scope " + requiredScope + ".", null);
	}

	static WebexApiException notFound() {
		return new WebexApiException(HttpStatus.NOT_FOUND, "The requested resource could not be found.",
				"The requested resource could not be found.", null);
	}

	/**
	 * A 429.
	 * @param retryAfter the {@code Retry-After} header's value as sent: whole seconds, or
	 * whatever text the {@code retryAfterHeader} knob asks for
	 * @return the exception
	 */
	static WebexApiException rateLimited(String retryAfter) {
		String message = "Too many requests have been sent in a given amount of time and the request has been rate limited. "
				+ "A Retry-After header should be included in the response to indicate how long you need to wait "
				+ "before sending another request.";
		return new WebexApiException(HttpStatus.TOO_MANY_REQUESTS, message, message, retryAfter);
	}

	static WebexApiException withStatus(int status) {
		HttpStatus httpStatus = HttpStatus.valueOf(status);
		String message = switch (httpStatus) {
			case BAD_GATEWAY ->
				"The server received an invalid response from an upstream server while processing the request. Try again later.";
			case SERVICE_UNAVAILABLE -> "Server is overloaded with requests. Try again later.";
			case GATEWAY_TIMEOUT ->
				"An upstream server failed to respond on time. If your query uses max parameter, please try to reduce it.";
			case INTERNAL_SERVER_ERROR ->
				"Something went wrong on the server. If the issue persists, feel free to contact the Webex Developer Support team.";
			case BAD_REQUEST -> "The request was invalid or cannot be otherwise served.";
			default -> httpStatus.getReasonPhrase() + ".";
		};
		return new WebexApiException(httpStatus, message, message, null);
	}

	HttpStatus status() {
		return this.status;
	}

	String description() {
		return this.description;
	}

	String retryAfter() {
		return this.retryAfter;
	}

}
