package com.example.webex.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a value from one step of Spring's login to {@link JdbcGrantStore#saveAuthorizedClient},
 * keyed by one of the new grant's tokens.
 * <p>
 * Spring's {@code OAuth2AuthorizedClient} has no room for what the store needs beyond the tokens,
 * but its login filter exchanges the code, loads the user and saves the grant synchronously, in
 * one request and so in one JVM, so a small in-memory hand-over is enough. It is keyed by a
 * SHA-256 of the token (never the token itself); entries are consumed on save, expire after a few
 * minutes, and the map is bounded, so an abandoned login leaves nothing behind for long.
 *
 * @param <V> what is handed over
 */
final class LoginHandOver<V> {

	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

	private static final int CAPACITY = 1000;

	private final Map<String, Entry<V>> entries = new LinkedHashMap<>();

	private final Clock clock;

	LoginHandOver(Clock clock) {
		this.clock = clock;
	}

	void put(String token, V value) {
		Instant now = this.clock.instant();
		synchronized (this.entries) {
			removeStale(now);
			this.entries.put(hash(token), new Entry<>(value, now));
		}
	}

	/** Take the value handed over with this token, if any. */
	Optional<V> take(String token) {
		Instant now = this.clock.instant();
		synchronized (this.entries) {
			removeStale(now);
			return Optional.ofNullable(this.entries.remove(hash(token))).map(Entry::value);
		}
	}

	private void removeStale(Instant now) {
		Instant oldest = now.minus(TIME_TO_LIVE);
		Iterator<Entry<V>> iterator = this.entries.values().iterator();
		while (iterator.hasNext()) {
			if (iterator.next().putAt().isBefore(oldest) || this.entries.size() >= CAPACITY) {
				iterator.remove();
			}
			else {
				break;
			}
		}
	}

	private static String hash(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Entry<V>(V value, Instant putAt) {
	}

}
