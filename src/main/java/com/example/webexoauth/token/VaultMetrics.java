package com.example.webexoauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The vault's meters: refresh outcomes by trigger, keeper runs, and the number of stored grants.
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

	void keeperRun() {
		this.registry.counter("webex.keeper.runs").increment();
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

	/** How a refresh attempt ended. */
	enum Outcome {

		/** New tokens were stored. */
		REFRESHED,

		/** Under the row lock the refresh turned out unnecessary: someone else had done it. */
		SKIPPED,

		/** Webex refused; the grant now needs the user to reconnect. */
		REJECTED,

		/** The token endpoint was unreachable or failed, or saving failed; the grant is unchanged. */
		FAILED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
