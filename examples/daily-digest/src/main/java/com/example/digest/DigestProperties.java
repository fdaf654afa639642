package com.example.digest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;

/**
 * When the daily digest runs and how far back it looks.
 *
 * @param cron when it runs: a Spring cron expression (six fields, seconds first) in the
 * server's time zone, or {@code -} for never (it then runs only when called)
 * @param window how far back from each run "since yesterday" reaches
 */
@ConfigurationProperties("digest")
record DigestProperties(@DefaultValue("0 0 7 * * *") String cron, @DefaultValue("24h") Duration window) {

	DigestProperties {
		// checked here, at binding, so a typo stops start-up with the setting's name
		if (!ScheduledTaskRegistrar.CRON_DISABLED.equals(cron) && !CronExpression.isValidExpression(cron)) {
			throw new IllegalArgumentException("digest.cron must be a cron expression of six fields, seconds first "
					+ "(e.g. '0 0 7 * * *', every day at 7:00), or '-' for never; not '" + cron + "'");
		}
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("digest.window must be longer than 0, e.g. 24h; not " + window);
		}
	}

}
