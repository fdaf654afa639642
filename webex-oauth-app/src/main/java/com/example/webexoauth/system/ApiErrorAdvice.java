package com.example.webexoauth.system;

import com.example.webex.vault.ReconnectRequiredException;
import com.example.webex.vault.TokenEndpointUnavailableException;
import com.example.webex.vault.UserNotAllowedException;
import com.example.webex.client.WebexApiException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The JSON API's errors: always {@code {error, message, trackingId}} with the right
 * status, never a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorAdvice {

	private final MessageSource messages;

	ApiErrorAdvice(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ResponseEntity<ApiError> webexFailed(WebexApiException exception) {
		WebexFailure failure = WebexFailure.of(exception);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(failure.status())
			.contentType(MediaType.APPLICATION_JSON);
		failure.retryAfter(exception).ifPresent((seconds) -> response.header(HttpHeaders.RETRY_AFTER, seconds));
		return response.body(new ApiError(failure.code(), message(failure.messageKey()), exception.getTrackingId()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> reconnect(ReconnectRequiredException exception) {
		return error(HttpStatus.UNAUTHORIZED, new ApiError("reconnect_required", message("reconnect.lead"), null));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> notAllowed(UserNotAllowedException exception) {
		return error(HttpStatus.FORBIDDEN,
				new ApiError("not_allowed", message(PageErrorAdvice.NOT_ALLOWED_MESSAGE_KEY), null));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> tokenEndpointUnavailable(TokenEndpointUnavailableException exception) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.RETRY_AFTER, PageErrorAdvice.retryAfterSeconds(exception))
			.body(new ApiError("webex_unavailable", message(WebexFailure.UNAVAILABLE.messageKey()), null));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> badRequest(InvalidParameterException exception) {
		// Our own parameter checks: their messages name the parameter and never echo
		// input.
		return error(HttpStatus.BAD_REQUEST, new ApiError("invalid_request", exception.getMessage(), null));
	}

	/**
	 * Always JSON, whatever the request accepts: negotiating the error body against, say,
	 * {@code Accept: image/png} would fail, and the failure of the handler ends as a 500.
	 */
	private static ResponseEntity<ApiError> error(HttpStatusCode status, ApiError body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private String message(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

	/** A JSON error body. */
	record ApiError(String error, String message, String trackingId) {
	}

}
