package com.example.webex.client;

import java.time.Duration;

import com.example.webex.client.WebexProperties;

/**
 * What one incoming request may still spend on Webex: a deadline for all its Webex calls
 * ({@code webex.http.request-deadline}) and what is left of
 * {@code webex.http.max-retry-wait} for waiting before retries.
 * {@link RequestBudgetFilter} binds one to each request for the whole of it, so every
 * call, page and retry of that request draws on the same budget.
 * <p>
 * Held in a {@link ScopedValue} rather than a request attribute: {@link WebexClient} is
 * called far from the servlet request, and a scoped value is bound exactly as long as the
 * request is in the filter chain, on the request's (virtual) thread only. A call made
 * outside any request (a test, a background task) gets a budget of its own.
 * <p>
 * Times are measured with {@link System#nanoTime()} as differences, which cannot
 * overflow, and every duration is saturated instead of converted with {@code toNanos()},
 * which throws beyond 292 years.
 */
final class RequestBudget {

	static final ScopedValue<RequestBudget> CURRENT = ScopedValue.newInstance();

	private final long startNanos;

	private final long deadlineNanos;

	private long retryWaitLeftNanos;

	RequestBudget(Duration deadline, Duration maxRetryWait) {
		this.startNanos = System.nanoTime();
		this.deadlineNanos = nanos(deadline);
		this.retryWaitLeftNanos = nanos(maxRetryWait);
	}

	/**
	 * The budget of the request this thread is serving, or a new one for a call made
	 * outside any request.
	 * @param http the configured bounds
	 * @return the budget
	 */
	static RequestBudget current(WebexProperties.Http http) {
		return CURRENT.isBound() ? CURRENT.get() : new RequestBudget(http.requestDeadline(), http.maxRetryWait());
	}

	/** How long until the deadline; zero once it has passed. */
	Duration remaining() {
		return Duration.ofNanos(remainingNanos());
	}

	boolean isOver() {
		return remainingNanos() == 0;
	}

	/**
	 * Takes {@code wait} from the retry-wait budget if both it and the time to the
	 * deadline allow that much; otherwise takes nothing, since sleeping only to give up
	 * afterwards helps nobody.
	 * @param wait the wait before the next attempt
	 * @return whether the caller may wait that long and try again
	 */
	synchronized boolean tryToWait(Duration wait) {
		long waitNanos = nanos(wait);
		if (waitNanos > this.retryWaitLeftNanos || waitNanos >= remainingNanos()) {
			return false;
		}
		this.retryWaitLeftNanos -= waitNanos;
		return true;
	}

	private long remainingNanos() {
		return Math.max(this.deadlineNanos - (System.nanoTime() - this.startNanos), 0);
	}

	private static long nanos(Duration duration) {
		if (duration.isNegative()) {
			return 0;
		}
		return (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : duration.toNanos();
	}

}
