package com.example.webex.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The vault's meters: refresh outcomes by trigger, keeper runs by outcome, and the number of
 * stored grants.
 */
class VaultMetrics {

	// The gauge is read on every scrape; a few seconds of staleness keeps it to one cheap query.
	private static final Duration GAUGE_CACHE = Duration.ofSeconds(10);

	private final MeterRegistry registry;

	private final JdbcGrantStore store;

	private final Clock clock;

	private volatile long storedGrants = -1;

	private volatile Instant countedAt = Instant.MIN;

	VaultMetrics(MeterRegistry registry, JdbcGrantStore store, Clock clock) {
		this.registry = registry;
		this.store = store;
		this.clock = clock;
		Gauge.builder("webex.grants.stored", this, VaultMetrics::storedGrants)
			.description("Webex grants in the vault")
			.register(registry);
	}

	void refresh(Trigger trigger, Outcome outcome) {
		this.registry
			.counter("webex.token.refreshes", "outcome", outcome.tag(), "trigger", trigger.tag())
			.increment();
	}

	/**
	 * One keeper run, {@code completed} or {@code stopped} after too many failures in a row.
	 */
	void keeperRun(boolean stopped) {
		this.registry.counter("webex.keeper.runs", "outcome", stopped ? "stopped" : "completed").increment();
	}

	private double storedGrants() {
		Instant now = this.clock.instant();
		if (this.countedAt.plus(GAUGE_CACHE).isBefore(now)) {
			try {
				this.storedGrants = this.store.count();
				this.countedAt = now;
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
		}
		return this.storedGrants;
	}

	/** What started a refresh. */
	enum Trigger {

		/** The access token was about to expire when someone asked for it. */
		PROACTIVE,

		/** Webex answered 401 to the stored access token. */
		UNAUTHORIZED,

		/** The keeper kept an unused grant alive. */
		KEEPER;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * How a refresh attempt ended: refreshed, not needed, refused by Webex, or one of the
	 * failures that leave the grant exactly as it was (the tag says which, so a dashboard can
	 * tell a WAF or a wrong base URL from Webex being down).
	 */
	enum Outcome {

		/** New tokens were stored. */
		REFRESHED,

		/** On a fresh read the refresh turned out unnecessary: someone else had done it. */
		SKIPPED,

		/**
		 * Webex refused the grant itself ({@code invalid_grant}, or its expired refresh token
		 * answer), or no usable refresh token was left: the grant now needs the user to
		 * reconnect.
		 */
		REJECTED,

		/** Any other 4xx: a WAF's or proxy's page, a wrong base URL's 404, a bare {@code 400}. */
		CLIENT_ERROR,

		/** The token endpoint refused the app's own client credentials ({@code invalid_client}). */
		INVALID_CLIENT,

		/** 429: Webex is limiting us. */
		RATE_LIMITED,

		/** 5xx. */
		SERVER_ERROR,

		/** An answer that is not a token response: HTML, broken JSON, an empty body, a redirect. */
		MALFORMED_RESPONSE,

		/** Webex accepted the connection but did not answer within the read timeout. */
		TIMEOUT,

		/** No connection: refused, timed out connecting, unknown host, reset. */
		UNREACHABLE,

		/** Webex answered but storing the new tokens failed; the next call refreshes again. */
		DATABASE_ERROR,

		/**
		 * Another instance held the grant's refresh lease for longer than a lease lasts; the
		 * caller gave up waiting.
		 */
		LEASE_TIMEOUT,

		/** Anything else that went wrong; the grant is unchanged. */
		FAILED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
