package com.example.webex.vault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.example.webex.client.ConfigurationProblemsException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the token vault encrypts grants and keeps them fresh.
 *
 * @param keys base64-encoded 32-byte AES keys ({@code WEBEX_TOKEN_KEYS},
 * comma-separated); the first encrypts, all decrypt. Empty means "use the key file",
 * allowed only on embedded H2
 * @param keyFile where the generated key lives when {@link #keys} is empty on embedded H2
 * @param refreshSkew refresh an access token this long before it expires
 * @param refreshLease how long a refresh may keep other instances from refreshing the
 * same grant; longer than a token call can take ({@code webex.http.connect-timeout} plus
 * {@code read-timeout}), so only a crashed instance's lease ever runs out, and it is what
 * other instances wait at most before refreshing in its place
 * @param retryAfter what pages and API answers put in {@code Retry-After} when a needed
 * refresh could not reach Webex
 * @param keeper the background refresh that keeps unused grants from expiring
 */
@ConfigurationProperties("webex.vault")
record VaultProperties(@DefaultValue List<String> keys, @DefaultValue("./data/token-keys") Path keyFile,
		@DefaultValue("5m") Duration refreshSkew, @DefaultValue("30s") Duration refreshLease,
		@DefaultValue("30s") Duration retryAfter, @DefaultValue Keeper keeper) {

	/**
	 * The keeper refreshes grants nobody used for a while so their refresh token does not
	 * expire.
	 *
	 * @param enabled whether the scheduled run is on
	 * @param interval pause between runs
	 * @param initialDelay pause before the first run after start-up
	 * @param window refresh grants whose refresh token expires within this
	 * @param minInterval leave a grant alone if it was created, refreshed or kept more
	 * recently than this (Webex changes nothing when refreshed more than once a day)
	 * @param maxConsecutiveFailures stop a run after this many refreshes in a row failed
	 * without an answer about the grant (Webex down, a WAF, a wrong URL), instead of
	 * walking every due grant into the same wall; the next run starts over
	 */
	record Keeper(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
			@DefaultValue("5m") Duration initialDelay, @DefaultValue("30d") Duration window,
			@DefaultValue("24h") Duration minInterval, @DefaultValue("3") int maxConsecutiveFailures) {

		Keeper {
			if (maxConsecutiveFailures < 1) {
				throw new ConfigurationProblemsException(List.of("webex.vault.keeper.max-consecutive-failures is "
						+ maxConsecutiveFailures + "; it must be at least 1 (the keeper stops a run after that many"
						+ " failed refreshes in a row)."));
			}
		}

	}

}
