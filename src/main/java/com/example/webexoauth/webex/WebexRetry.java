package com.example.webexoauth.webex;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.example.webexoauth.system.WebexProperties;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.util.Assert;

/**
 * Retries an idempotent Webex call on transient failures, within the attempts and the total
 * wait that {@link WebexProperties.Http} allows.
 * <p>
 * Retried: 502, 503 and 504 and failures to connect (exponential backoff from
 * {@code backoff}), and 429 and 423 (exactly {@code Retry-After} seconds). Not retried: 500,
 * because Webex gives no sign it is transient; read timeouts, because waiting
 * {@code readTimeout} again mostly doubles what the user waits for; every other 4xx.
 */
final class WebexRetry {

	/** What to wait when a 429 or 423 has no usable {@code Retry-After} (Webex's Python SDK). */
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(15);

	private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Set<Integer> TRANSIENT_STATUSES = Set.of(502, 503, 504);

	private static final Set<Integer> BUSY_STATUSES = Set.of(423, 429);

	private static final Logger logger = LoggerFactory.getLogger(WebexRetry.class);

	private final WebexProperties.Http http;

	private final IntervalFunction backoff;

	WebexRetry(WebexProperties.Http http) {
		Assert.isTrue(http.maxAttempts() >= 1, "webex.http.max-attempts must be at least 1");
		this.http = http;
		this.backoff = IntervalFunction.ofExponentialBackoff(http.backoff(), 2.0);
	}

	/**
	 * Runs the call, again as long as it fails in a way worth retrying and the bounds allow.
	 * @param endpoint the endpoint template, for the log
	 * @param call one HTTP exchange that throws {@link WebexApiException} on failure
	 * @return what the first successful exchange returned
	 * @throws WebexApiException the last failure once retrying stops
	 */
	<T> T call(String endpoint, Supplier<T> call) {
		// a Retry per call: the wait budget belongs to this call alone
		AtomicLong waitedMillis = new AtomicLong();
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(this.http.maxAttempts())
			.retryOnException(WebexRetry::isWorthRetrying)
			.intervalBiFunction((attempt, outcome) -> waitMillis(attempt, (WebexApiException) outcome.getLeft(),
					waitedMillis))
			.build();
		Retry retry = Retry.of("webex", config);
		retry.getEventPublisher().onRetry((event) -> {
			WebexApiException failure = (WebexApiException) event.getLastThrowable();
			HttpStatusCode status = failure.getStatus();
			logger.atDebug()
				.addKeyValue(WebexClient.ENDPOINT, endpoint)
				.addKeyValue(WebexClient.STATUS, (status != null) ? String.valueOf(status.value()) : WebexClient.IO_ERROR)
				.addKeyValue(WebexClient.TRACKING_ID, failure.getTrackingId())
				.addKeyValue("retryInMs", event.getWaitInterval().toMillis())
				.log("Retrying Webex GET {} in {} ms after {}", endpoint, event.getWaitInterval().toMillis(),
						failure.getReason());
		});
		return retry.executeSupplier(call);
	}

	private long waitMillis(int attempt, WebexApiException failure, AtomicLong waitedMillis) {
		long wait = isBusy(failure.getStatus()) ? retryAfter(failure).toMillis() : this.backoff.apply(attempt);
		if (waitedMillis.get() + wait > this.http.maxRetryWait().toMillis()) {
			// resilience4j has no bound on the total wait: rethrowing here ends the retries
			// at once instead of sleeping only to give up afterwards
			throw failure;
		}
		waitedMillis.addAndGet(wait);
		return wait;
	}

	private static Duration retryAfter(WebexApiException failure) {
		Duration retryAfter = failure.getRetryAfter();
		if (retryAfter == null) {
			return DEFAULT_RETRY_AFTER;
		}
		return (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) ? MIN_RETRY_AFTER : retryAfter;
	}

	private static boolean isWorthRetrying(Throwable failure) {
		if (!(failure instanceof WebexApiException webexFailure)) {
			return false;
		}
		HttpStatusCode status = webexFailure.getStatus();
		if (status == null) {
			// the request never reached Webex
			Throwable cause = webexFailure.getCause();
			return cause instanceof ConnectException || cause instanceof ConnectTimeoutException;
		}
		return TRANSIENT_STATUSES.contains(status.value()) || isBusy(status);
	}

	private static boolean isBusy(HttpStatusCode status) {
		return status != null && BUSY_STATUSES.contains(status.value());
	}

}
