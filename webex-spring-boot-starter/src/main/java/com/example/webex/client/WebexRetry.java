package com.example.webex.client;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import com.example.webex.client.WebexProperties;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.util.Assert;

/**
 * Retries an idempotent Webex call on transient failures, within the attempts that
 * {@link WebexProperties.Http} allows and the {@link RequestBudget} of the incoming
 * request.
 * <p>
 * Retried: 502, 503 and 504 and failures to connect (exponential backoff from
 * {@code backoff}), and 429 and 423 (exactly {@code Retry-After} seconds). Not retried:
 * 500, because Webex gives no sign it is transient; read timeouts, because waiting
 * {@code readTimeout} again mostly doubles what the user waits for; every other 4xx.
 * <p>
 * Every wait is taken from the request's budget, shared by all its calls and pages, and a
 * wait that would pass the request's deadline ends the retries at once. A 429 also marks
 * the user as rate-limited ({@link RateLimitedUsers}) for the announced wait: their next
 * calls, from this request or any other, wait that out here (or fail at once, when the
 * caller has an older answer to fall back on) instead of reaching Webex.
 */
final class WebexRetry {

	/**
	 * What to wait when a 429 or 423 has no usable {@code Retry-After} (Webex's Python
	 * SDK).
	 */
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(15);

	private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Set<Integer> TRANSIENT_STATUSES = Set.of(502, 503, 504);

	private static final Set<Integer> BUSY_STATUSES = Set.of(423, 429);

	private static final Logger logger = LoggerFactory.getLogger(WebexRetry.class);

	private final WebexProperties.Http http;

	private final IntervalFunction backoff;

	private final RateLimitedUsers rateLimitedUsers;

	WebexRetry(WebexProperties.Http http, RateLimitedUsers rateLimitedUsers) {
		Assert.isTrue(http.maxAttempts() >= 1, "webex.http.max-attempts must be at least 1");
		this.http = http;
		this.backoff = IntervalFunction.ofExponentialBackoff(http.backoff(), 2.0);
		this.rateLimitedUsers = rateLimitedUsers;
	}

	/**
	 * Runs the call, again as long as it fails in a way worth retrying and the bounds
	 * allow.
	 * @param endpoint the endpoint template, for the log
	 * @param budget the incoming request's budget
	 * @param user the signed-in user the call is made for, {@code null} if none
	 * @param onRateLimit whether a 429 or 423 is waited out or ends the call at once
	 * @param call one HTTP exchange that throws {@link WebexApiException} on failure
	 * @return what the first successful exchange returned
	 * @throws WebexApiException the last failure once retrying stops
	 */
	<T> T call(String endpoint, RequestBudget budget, @Nullable String user, OnRateLimit onRateLimit,
			Supplier<T> call) {
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(this.http.maxAttempts())
			.retryOnException((failure) -> isWorthRetrying(failure, onRateLimit))
			.intervalBiFunction(
					(attempt, outcome) -> waitMillis(attempt, (WebexApiException) outcome.getLeft(), budget))
			.build();
		Retry retry = Retry.of("webex", config);
		retry.getEventPublisher().onRetry((event) -> {
			WebexApiException failure = (WebexApiException) event.getLastThrowable();
			HttpStatusCode status = failure.getStatus();
			logger.atDebug()
				.addKeyValue(WebexCallLog.ENDPOINT, endpoint)
				.addKeyValue(WebexCallLog.STATUS,
						(status != null) ? String.valueOf(status.value()) : WebexCallLog.IO_ERROR)
				.addKeyValue(WebexCallLog.TRACKING_ID, failure.getTrackingId())
				.addKeyValue("retryInMs", event.getWaitInterval().toMillis())
				.log("Retrying Webex GET {} in {} ms after {}", endpoint, event.getWaitInterval().toMillis(),
						failure.getReason());
		});
		return retry.executeSupplier(() -> attempt(endpoint, budget, user, call));
	}

	private <T> T attempt(String endpoint, RequestBudget budget, @Nullable String user, Supplier<T> call) {
		if (budget.isOver()) {
			throw WebexApiException.deadlinePassed(endpoint);
		}
		RateLimitedUsers.Limit limit = this.rateLimitedUsers.current(user);
		if (limit != null) {
			throw WebexApiException.stillRateLimited(endpoint, limit.remaining(), limit.trackingId());
		}
		try {
			return call.get();
		}
		catch (WebexApiException ex) {
			if (user != null && isBusy(ex.getStatus())) {
				this.rateLimitedUsers.limit(user, retryAfter(ex), ex.getTrackingId());
			}
			throw ex;
		}
	}

	private long waitMillis(int attempt, WebexApiException failure, RequestBudget budget) {
		// Retry-After is capped at parsing (WebexApiException.MAX_RETRY_AFTER): no
		// overflow
		long wait = isBusy(failure.getStatus()) ? retryAfter(failure).toMillis() : this.backoff.apply(attempt);
		if (!budget.tryToWait(Duration.ofMillis(wait))) {
			// resilience4j has no bound on the total wait: rethrowing here ends the
			// retries at once instead of sleeping only to give up afterwards
			throw failure;
		}
		return wait;
	}

	private static Duration retryAfter(WebexApiException failure) {
		Duration retryAfter = failure.getRetryAfter();
		if (retryAfter == null) {
			return DEFAULT_RETRY_AFTER;
		}
		return (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) ? MIN_RETRY_AFTER : retryAfter;
	}

	private static boolean isWorthRetrying(Throwable failure, OnRateLimit onRateLimit) {
		if (!(failure instanceof WebexApiException webexFailure)) {
			return false;
		}
		HttpStatusCode status = webexFailure.getStatus();
		if (status == null) {
			// the request never reached Webex (or the deadline passed: not worth
			// retrying)
			Throwable cause = webexFailure.getCause();
			return cause instanceof ConnectException || cause instanceof ConnectTimeoutException;
		}
		if (isBusy(status)) {
			return onRateLimit == OnRateLimit.WAIT;
		}
		return TRANSIENT_STATUSES.contains(status.value());
	}

	private static boolean isBusy(@Nullable HttpStatusCode status) {
		return status != null && BUSY_STATUSES.contains(status.value());
	}

}
