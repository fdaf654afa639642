package com.example.webex.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogFormatUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Thrown when a Webex call fails for good (after any retries), with what Webex said about
 * it; never carries a token or a URL query.
 */
public class WebexApiException extends RuntimeException {

	static final String TRACKING_ID_HEADER = "TrackingID";

	/**
	 * Webex's tracking ids are short printable tokens, e.g. {@code ROUTER_5F3A0C2E-...}.
	 */
	private static final Pattern TRACKING_ID = Pattern.compile("[!-~]{1,200}");

	/**
	 * The most of Webex's message that the exception's own message (and so a log line)
	 * shows.
	 */
	static final int MAX_DESCRIBED_MESSAGE_LENGTH = 300;

	/**
	 * The longest {@code Retry-After} taken at its word. Longer ones are read as this: no
	 * request waits anywhere near it (the request deadline ends that first), and callers
	 * are told to come back no later than this.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	// fewer digits than Long.MAX_VALUE's 19, so Long.parseLong never overflows
	private static final int MAX_RETRY_AFTER_DIGITS = 18;

	private final String endpoint;

	private final Reason reason;

	private final @Nullable HttpStatusCode status;

	private final @Nullable String trackingId;

	private final @Nullable String webexMessage;

	private final @Nullable Duration retryAfter;

	private WebexApiException(String endpoint, Reason reason, @Nullable HttpStatusCode status,
			@Nullable String trackingId, @Nullable String webexMessage, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(describe(endpoint, reason, status, trackingId, webexMessage), cause);
		this.endpoint = endpoint;
		this.reason = reason;
		this.status = status;
		this.trackingId = trackingId;
		this.webexMessage = webexMessage;
		this.retryAfter = retryAfter;
	}

	static WebexApiException fromResponse(String endpoint, HttpStatusCode status, HttpHeaders headers,
			@Nullable WebexErrorBody body) {
		String fromBody = (body != null) ? usableTrackingId(body.trackingId()) : null;
		String trackingId = (fromBody != null) ? fromBody : trackingId(headers);
		String message = (body != null) ? body.summary() : null;
		return new WebexApiException(endpoint, Reason.of(status), status, trackingId, message, retryAfter(headers),
				null);
	}

	/**
	 * A failure without a (complete) answer.
	 * @param endpoint the endpoint template
	 * @param failure what broke: a timeout (connect, read, or waiting for a pooled
	 * connection) is an {@link InterruptedIOException}
	 * @return the exception
	 */
	static WebexApiException fromIoFailure(String endpoint, IOException failure) {
		boolean timeout = failure instanceof InterruptedIOException;
		return new WebexApiException(endpoint, timeout ? Reason.TIMEOUT : Reason.UNREACHABLE, null, null,
				failure.getClass().getSimpleName(), null, failure);
	}

	static WebexApiException malformed(String endpoint, HttpStatusCode status, HttpHeaders headers, String problem,
			@Nullable Throwable cause) {
		return new WebexApiException(endpoint, Reason.MALFORMED, status, trackingId(headers), problem, null, cause);
	}

	static @Nullable String trackingId(HttpHeaders headers) {
		// HttpHeaders ignores case: Webex spells it TrackingID, TrackingId or Trackingid
		return usableTrackingId(headers.getFirst(TRACKING_ID_HEADER));
	}

	/**
	 * The tracking id as Webex sends them, or {@code null} for anything else: one with
	 * spaces, line breaks or other control characters comes from a garbled or hostile
	 * answer, and is neither shown on a page nor logged.
	 */
	private static @Nullable String usableTrackingId(@Nullable String value) {
		return (value != null && TRACKING_ID.matcher(value).matches()) ? value : null;
	}

	/**
	 * The request's deadline passed before a Webex call could start or finish (the grant
	 * is not touched); the caller answers 504.
	 * @param endpoint the endpoint template, e.g. {@code /rooms}
	 * @return the exception
	 */
	public static WebexApiException deadlinePassed(String endpoint) {
		return new WebexApiException(endpoint, Reason.TIMEOUT, null, null, "the request's deadline passed", null, null);
	}

	/**
	 * A call not sent because Webex rate-limited this user and the wait it announced is
	 * not over; it looks like the 429 it stands for, so it is retried or reported as one.
	 * @param endpoint the endpoint template
	 * @param remaining how much of the announced wait is left
	 * @param trackingId the tracking id of the 429 that announced it, for the error page
	 * @return the exception
	 */
	static WebexApiException stillRateLimited(String endpoint, Duration remaining, @Nullable String trackingId) {
		return new WebexApiException(endpoint, Reason.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, trackingId,
				"not sent: Webex's rate limit for this user is still in force", remaining, null);
	}

	/**
	 * Reads {@code Retry-After} as RFC 9110 defines it: whole seconds (Webex's form) or
	 * an HTTP date, capped at {@link #MAX_RETRY_AFTER}, so that no later arithmetic can
	 * overflow.
	 * @param headers the response headers
	 * @return the wait, or {@code null} when the header is absent or neither form (a
	 * negative number, say)
	 */
	static @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		if (!trimmed.isEmpty() && trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			// more digits than fit in a long is still "a very long time", not garbage
			return (trimmed.length() > MAX_RETRY_AFTER_DIGITS) ? MAX_RETRY_AFTER
					: capped(Duration.ofSeconds(Long.parseLong(trimmed)));
		}
		try {
			ZonedDateTime date = headers.getFirstZonedDateTime(HttpHeaders.RETRY_AFTER);
			return (date != null) ? capped(Duration.between(Instant.now(), date.toInstant())) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Duration capped(Duration wait) {
		if (wait.isNegative()) {
			return Duration.ZERO;
		}
		return (wait.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : wait;
	}

	private static String describe(String endpoint, Reason reason, @Nullable HttpStatusCode status,
			@Nullable String trackingId, @Nullable String webexMessage) {
		StringBuilder description = new StringBuilder("Webex GET ").append(endpoint).append(" failed: ").append(reason);
		if (status != null) {
			description.append(" (HTTP ").append(status.value()).append(')');
		}
		if (webexMessage != null) {
			// Webex's own words: CR/LF and other control characters escaped, so that
			// logging this exception cannot forge log lines
			description.append(": ")
				.append(LogFormatUtils.formatValue(webexMessage, MAX_DESCRIBED_MESSAGE_LENGTH, true));
		}
		if (trackingId != null) {
			description.append(" [trackingId ").append(trackingId).append(']');
		}
		return description.toString();
	}

	/** The endpoint template, e.g. {@code /rooms}. */
	public String getEndpoint() {
		return this.endpoint;
	}

	public Reason getReason() {
		return this.reason;
	}

	/** The HTTP status of Webex's answer, {@code null} when there was none. */
	public @Nullable HttpStatusCode getStatus() {
		return this.status;
	}

	/** The id Webex support asks for, from the error body or else the response header. */
	public @Nullable String getTrackingId() {
		return this.trackingId;
	}

	/**
	 * What Webex said went wrong, what about its answer could not be used, or, without an
	 * answer, the kind of I/O failure.
	 */
	public @Nullable String getWebexMessage() {
		return this.webexMessage;
	}

	/**
	 * The {@code Retry-After} Webex sent (seconds or a date, at most
	 * {@link #MAX_RETRY_AFTER}), or for a call not sent, what is left of an earlier one;
	 * {@code null} if there was none.
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/** Why a Webex call failed, coarse enough to choose what to tell the user. */
	public enum Reason {

		/**
		 * 401: the access token was rejected, even after the token interceptor's refresh.
		 */
		UNAUTHORIZED,

		/** 403: the token lacks a scope or the user lacks a permission. */
		FORBIDDEN,

		/** 404. */
		NOT_FOUND,

		/** 400: Webex rejected the request itself. */
		BAD_REQUEST,

		/** 429 or 423 still, after waiting as long as allowed. */
		RATE_LIMITED,

		/** 5xx, after retrying those worth retrying. */
		UNAVAILABLE,

		/**
		 * No answer within the connect or read timeout, or not within the incoming
		 * request's deadline.
		 */
		TIMEOUT,

		/** No connection or a broken one (refused, unknown host, reset). */
		UNREACHABLE,

		/**
		 * An answer that could not be used: unreadable JSON, unexpected shape, bad
		 * next-page link.
		 */
		MALFORMED,

		/** Any other status, e.g. 405, 409, 410 or an unfollowed redirect. */
		OTHER;

		static Reason of(HttpStatusCode status) {
			if (status.is5xxServerError()) {
				return UNAVAILABLE;
			}
			HttpStatus known = HttpStatus.resolve(status.value());
			if (known == null) {
				return OTHER;
			}
			return switch (known) {
				case UNAUTHORIZED -> UNAUTHORIZED;
				case FORBIDDEN -> FORBIDDEN;
				case NOT_FOUND -> NOT_FOUND;
				case BAD_REQUEST -> BAD_REQUEST;
				case TOO_MANY_REQUESTS, LOCKED -> RATE_LIMITED;
				default -> OTHER;
			};
		}

	}

}
