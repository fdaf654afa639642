package com.example.webex.vault;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * Runs the {@link GrantKeeper} (unless {@code webex.vault.keeper.enabled} is false) every
 * {@code webex.vault.keeper.interval}, starting {@code initial-delay} after the
 * application is up, on a scheduler of its own: an application using the vault need not
 * turn on Spring's scheduling, and the keeper's runs never wait behind its other
 * scheduled tasks.
 */
class KeeperSchedule implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(KeeperSchedule.class);

	private final GrantKeeper keeper;

	private final VaultProperties.Keeper settings;

	private final Clock clock;

	private final SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();

	private volatile ScheduledFuture<?> runs;

	KeeperSchedule(GrantKeeper keeper, VaultProperties.Keeper settings, Clock clock) {
		this.keeper = keeper;
		this.settings = settings;
		this.clock = clock;
		this.scheduler.setThreadNamePrefix("webex-keeper-");
		this.scheduler.setVirtualThreads(true);
	}

	@Override
	public void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.runs = this.scheduler.scheduleWithFixedDelay(this::run,
				this.clock.instant().plus(this.settings.initialDelay()), this.settings.interval());
	}

	private void run() {
		try {
			this.keeper.runOnce();
		}
		catch (RuntimeException ex) {
			// the next run tries again; a failed run must not end the schedule
			logger.warn("Grant keeper run failed ({}); trying again in {}", ex.getClass().getSimpleName(),
					this.settings.interval());
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> scheduled = this.runs;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		this.scheduler.close();
		this.runs = null;
	}

	@Override
	public boolean isRunning() {
		return this.runs != null;
	}

}
