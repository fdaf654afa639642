package com.example.webex.vault;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.refresh.Outcome;
import com.example.webex.vault.refresh.Trigger;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.JdbcGrantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes grants nobody used for a while before their refresh token expires, so users
 * who come back after weeks need not reconnect.
 * <p>
 * Webex extends a refresh token when it is used, but changes nothing if used more than
 * once a day, so a grant is kept at most once per {@code keeper.min-interval}. Each grant
 * goes through the same lease and re-check as any refresh, so with several instances each
 * grant is refreshed by exactly one of them. Grants without a known refresh-token expiry
 * are left alone.
 * <p>
 * A failure that says nothing about the grant (Webex down, a WAF, a wrong base URL) is
 * most likely the same for the next grant: after {@code keeper.max-consecutive-failures}
 * of them in a row the run stops, says so once, and leaves the rest for the next run.
 * Refusals do not count: they are answers about one grant.
 */
public class GrantKeeper {

	private static final Logger logger = LoggerFactory.getLogger(GrantKeeper.class);

	private final String registrationId;

	private final JdbcGrantStore store;

	private final GrantRefresher refresher;

	private final VaultProperties.Keeper settings;

	private final VaultMetrics metrics;

	private final Clock clock;

	GrantKeeper(String registrationId, JdbcGrantStore store, GrantRefresher refresher, VaultProperties.Keeper settings,
			VaultMetrics metrics, Clock clock) {
		this.registrationId = registrationId;
		this.store = store;
		this.refresher = refresher;
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Refreshes every grant due for keeping now, as a scheduled run does.
	 * @return what the run did
	 */
	public KeeperReport runOnce() {
		Instant now = this.clock.instant();
		List<String> due = this.store.dueForKeeping(this.registrationId, now.plus(this.settings.window()),
				now.minus(this.settings.minInterval()));
		int refreshed = 0;
		int skipped = 0;
		int rejected = 0;
		int failed = 0;
		int failedInARow = 0;
		boolean stopped = false;
		for (String principalName : due) {
			if (failedInARow >= this.settings.maxConsecutiveFailures()) {
				stopped = true;
				break;
			}
			try {
				Outcome outcome = this.refresher.refresh(principalName, Trigger.KEEPER, (grant) -> isDue(grant, now))
					.outcome();
				if (outcome == Outcome.REFRESHED) {
					refreshed++;
				}
				else {
					skipped++;
				}
				failedInARow = 0;
			}
			catch (ReconnectRequiredException ex) {
				if (ex.reason() == Reason.NO_GRANT) {
					skipped++;
				}
				else {
					rejected++;
				}
				failedInARow = 0;
			}
			catch (RuntimeException ex) {
				failed++;
				failedInARow++;
				// The refresher has logged Webex's failures already.
				if (!(ex instanceof TokenEndpointUnavailableException)) {
					logger.warn("Keeper could not refresh a grant ({}); retrying next run",
							ex.getClass().getSimpleName());
				}
				logger.debug("Keeper failed for {}", principalName, ex);
			}
		}
		this.metrics.keeperRun(stopped);
		KeeperReport report = new KeeperReport(due.size(), refreshed, skipped, rejected, failed, stopped);
		if (stopped) {
			logger.warn("Grant keeper stopped after {} failed refreshes in a row; {} due grant(s) left for the"
					+ " next run", failedInARow, due.size() - refreshed - skipped - rejected - failed);
		}
		logger.info("Grant keeper checked {} grant(s): {} refreshed, {} skipped, {} rejected, {} failed",
				report.checked(), report.refreshed(), report.skipped(), report.rejected(), report.failed());
		return report;
	}

	private boolean isDue(Grant grant, Instant now) {
		return grant.isActive() && grant.refreshToken() != null && grant.refreshTokenExpiresAt() != null
				&& grant.refreshTokenExpiresAt().isBefore(now.plus(this.settings.window()))
				&& grant.lastTouchedAt().isBefore(now.minus(this.settings.minInterval()));
	}

}
