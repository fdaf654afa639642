package com.example.webex.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.example.webex.vault.refresh.Outcome;
import com.example.webex.vault.refresh.Trigger;
import com.example.webex.vault.store.JdbcGrantStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The vault's meters: refresh outcomes by trigger, keeper runs by outcome, and the number
 * of stored grants.
 */
class VaultMetrics {

	// The gauge is read on every scrape; a few seconds of staleness keeps it to one cheap
	// query.
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
		this.registry.counter("webex.token.refreshes", "outcome", outcome.tag(), "trigger", trigger.tag()).increment();
	}

	/**
	 * One keeper run, {@code completed} or {@code stopped} after too many failures in a
	 * row.
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

}
