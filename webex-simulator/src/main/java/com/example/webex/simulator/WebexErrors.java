package com.example.webex.simulator;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Answers refused REST calls with Webex's error envelope; ordered first so that an
 * embedding application's own advice never reshapes the simulator's errors.
 */
@RestControllerAdvice(basePackageClasses = WebexErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebexErrors {

	private static final Log logger = LogFactory.getLog(WebexErrors.class);

	private final SimulatorStats stats;

	WebexErrors(SimulatorStats stats) {
		this.stats = stats;
	}

	@ExceptionHandler
	ResponseEntity<Envelope> webexApiException(WebexApiException ex, HttpServletRequest request,
			HttpServletResponse response) {
		this.stats.increment(SimulatorStats.Counter.ERRORS);
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_JSON);
		if (ex.retryAfter() != null) {
			builder.header(HttpHeaders.RETRY_AFTER, ex.retryAfter());
		}
		return builder.body(Envelope.of(ex.getMessage(), ex.description(), TrackingIds.of(request, response)));
	}

	@ExceptionHandler
	ResponseEntity<Envelope> unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		if (ex instanceof AsyncRequestNotUsableException
				|| (ex instanceof HttpMessageNotWritableException && causedByIo(ex))) {
			// the caller stopped waiting (e.g. its read timeout or request deadline under
			// the latency knob) and closed the connection: there is nobody to answer, and
			// nothing went wrong here
			return null;
		}
		if (ex instanceof HttpMessageNotReadableException || ex instanceof TypeMismatchException) {
			return webexApiException(WebexApiException.withStatus(HttpStatus.BAD_REQUEST.value()), request, response);
		}
		if (ex instanceof ErrorResponse errorResponse) {
			// Spring MVC's own refusals (missing parameter, wrong media type, ...) keep
			// their status
			return webexApiException(WebexApiException.withStatus(errorResponse.getStatusCode().value()), request,
					response);
		}
		logger.warn("Simulator failed on " + request.getRequestURI(), ex);
		return webexApiException(WebexApiException.withStatus(HttpStatus.INTERNAL_SERVER_ERROR.value()), request,
				response);
	}

	private static boolean causedByIo(Throwable failure) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Webex's error body.
	 *
	 * @param message what went wrong
	 * @param errors details, usually one
	 * @param trackingId equal to the {@code TrackingID} response header
	 */
	record Envelope(String message, List<Detail> errors, String trackingId) {

		static Envelope of(String message, String description, String trackingId) {
			return new Envelope(message, List.of(new Detail(description)), trackingId);
		}

	}

	/**
	 * One error detail.
	 *
	 * @param description what went wrong
	 */
	record Detail(String description) {
	}

	/** Answers any other {@code /v1} path with a 404 envelope, as Webex does. */
	@RestController
	static class UnknownPathController {

		@RequestMapping("/v1/**")
		void unknown() {
			throw WebexApiException.notFound();
		}

	}

}
