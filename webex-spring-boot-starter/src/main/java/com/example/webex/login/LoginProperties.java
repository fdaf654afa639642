package com.example.webex.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How long and how many sign-ins may be pending in one browser session.
 *
 * @param pendingTtl how long a started sign-in may take until its callback arrives
 * @param pendingMax how many started sign-ins (tabs) a session keeps; the oldest goes
 * first
 */
@ConfigurationProperties("webex.login")
record LoginProperties(@DefaultValue("10m") Duration pendingTtl, @DefaultValue("10") int pendingMax) {

	LoginProperties {
		Assert.isTrue(!pendingTtl.isNegative() && !pendingTtl.isZero(), "webex.login.pending-ttl must be positive");
		Assert.isTrue(pendingMax >= 1, "webex.login.pending-max must be at least 1");
	}

}
