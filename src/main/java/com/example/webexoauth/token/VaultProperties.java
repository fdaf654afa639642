package com.example.webexoauth.token;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the token vault encrypts grants and keeps them fresh.
 *
 * @param keys base64-encoded 32-byte AES keys ({@code WEBEX_TOKEN_KEYS}, comma-separated); the
 * first encrypts, all decrypt. Empty means "use the key file", allowed only on embedded H2
 * @param keyFile where the generated key lives when {@link #keys} is empty on embedded H2
 * @param refreshSkew refresh an access token this long before it expires
 * @param keeper the background refresh that keeps unused grants from expiring
 */
@ConfigurationProperties("webex.vault")
record VaultProperties(@DefaultValue List<String> keys, @DefaultValue("./data/token-keys") Path keyFile,
		@DefaultValue("5m") Duration refreshSkew, @DefaultValue Keeper keeper) {

	/**
	 * The keeper refreshes grants nobody used for a while so their refresh token does not expire.
	 *
	 * @param enabled whether the scheduled run is on
	 * @param interval pause between runs
	 * @param initialDelay pause before the first run after start-up
	 * @param window refresh grants whose refresh token expires within this
	 * @param minInterval leave a grant alone if it was created, refreshed or kept more recently
	 * than this (Webex changes nothing when refreshed more than once a day)
	 */
	record Keeper(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
			@DefaultValue("5m") Duration initialDelay, @DefaultValue("30d") Duration window,
			@DefaultValue("24h") Duration minInterval) {
	}

}
