package com.example.webex.simulator;

import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the simulator was asked to do, so tests can assert e.g. "exactly one
 * refresh".
 */
public class SimulatorStats {

	private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);

	// Which reset a request began after: a call still sleeping in the simulated latency
	// when a test resets the counts must not land in the next test's counts when it wakes
	// up.
	private final AtomicLong resets = new AtomicLong();

	private final ThreadLocal<Long> requestBeganAfter = new ThreadLocal<>();

	SimulatorStats() {
		for (Counter counter : Counter.values()) {
			this.counters.put(counter, new LongAdder());
		}
	}

	void increment(Counter counter) {
		Long began = this.requestBeganAfter.get();
		if (began != null && began != this.resets.get()) {
			return;
		}
		this.counters.get(counter).increment();
	}

	/**
	 * Runs a request whose counts belong to the counts as they are now: if they are reset
	 * while it runs, it counts nowhere.
	 */
	void countAsOfNow(ThrowingRunnable request) throws IOException, ServletException {
		this.requestBeganAfter.set(this.resets.get());
		try {
			request.run();
		}
		finally {
			this.requestBeganAfter.remove();
		}
	}

	/**
	 * The current value of one counter.
	 * @param counter which counter
	 * @return its value since start or the last {@link #reset()}
	 */
	public long get(Counter counter) {
		return this.counters.get(counter).sum();
	}

	public void reset() {
		this.resets.incrementAndGet();
		this.counters.values().forEach(LongAdder::reset);
	}

	/** All counters by their JSON name, in declaration order. */
	public Map<String, Long> asMap() {
		Map<String, Long> map = new LinkedHashMap<>();
		this.counters.forEach((counter, adder) -> map.put(counter.jsonName(), adder.sum()));
		return map;
	}

	/** What is counted. */
	public enum Counter {

		/** Consent pages shown ({@code GET /v1/authorize} with a valid request). */
		AUTHORIZE("authorize"),

		/** Consents given (redirects carrying a code). */
		AUTHORIZE_ACCEPTED("authorizeAccepted"),

		/** Consents refused (redirects carrying {@code access_denied}). */
		AUTHORIZE_DECLINED("authorizeDeclined"),

		/**
		 * {@code grant_type=authorization_code} requests from an authenticated client,
		 * successful or not, and any answered by {@code tokenAnswer}.
		 */
		TOKEN_CODE_EXCHANGES("tokenCodeExchanges"),

		/**
		 * {@code grant_type=refresh_token} requests from an authenticated client,
		 * successful or not, and any answered by {@code tokenAnswer}.
		 */
		TOKEN_REFRESHES("tokenRefreshes"),

		/** Token endpoint requests answered with an error. */
		TOKEN_ERRORS("tokenErrors"),

		/**
		 * REST calls ({@code /v1/people/me}, {@code /v1/rooms}), whatever the outcome.
		 */
		REST_CALLS("restCalls"),

		/** Successful {@code GET /v1/people/me}. */
		PEOPLE_ME("peopleMe"),

		/** Successful {@code GET /v1/rooms} pages. */
		ROOMS("rooms"),

		/**
		 * REST calls rejected for a missing, unknown, expired or revoked access token.
		 */
		UNAUTHORIZED("unauthorized"),

		/** REST calls answered 429 by {@code rateLimitEveryNth}. */
		RATE_LIMITED("rateLimited"),

		/** REST calls answered {@code failStatus} by {@code failEveryNth}. */
		INJECTED_FAILURES("injectedFailures"),

		/** Every error response under {@code /v1} (REST, token and authorize). */
		ERRORS("errors");

		private final String jsonName;

		Counter(String jsonName) {
			this.jsonName = jsonName;
		}

		public String jsonName() {
			return this.jsonName;
		}

	}

	/** A request handler, as a servlet filter chain runs it. */
	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws IOException, ServletException;

	}

}
