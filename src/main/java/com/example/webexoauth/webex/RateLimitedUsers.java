package com.example.webexoauth.webex;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;

/**
 * Users whose token Webex has rate-limited, each until the end of the {@code Retry-After}
 * Webex announced: until then their calls wait or fail without reaching Webex, instead of
 * meeting the limit again (and making it last longer) from every tab and script at once.
 * <p>
 * Each entry expires by itself when its wait is over (Caffeine's variable expiry), and the
 * number of users held is bounded, so a storm of 429s for many users cannot grow memory.
 */
final class RateLimitedUsers {

	/** More users than are rate-limited at once on one instance; beyond it the oldest go first. */
	static final int MAX_USERS = 10_000;

	// the value is when the limit ends, in System.nanoTime()
	private final Cache<String, Long> limitedUntil = Caffeine.newBuilder()
		.maximumSize(MAX_USERS)
		.expireAfter(Expiry.writing((String user, Long until) -> Duration.ofNanos(until - System.nanoTime())))
		.build();

	/**
	 * Records that Webex rate-limited the user for {@code retryAfter}; an earlier, longer
	 * limit stays.
	 * @param user the user's person id
	 * @param retryAfter what Webex announced, already capped
	 */
	void limit(String user, Duration retryAfter) {
		long until = System.nanoTime() + retryAfter.toNanos();
		this.limitedUntil.asMap().merge(user, until, (earlier, later) -> (earlier - later > 0) ? earlier : later);
	}

	/**
	 * How long the user's limit still lasts.
	 * @param user the user's person id, {@code null} outside a signed-in request
	 * @return the time left, or {@code null} when the user is not limited
	 */
	@Nullable Duration remaining(@Nullable String user) {
		if (user == null) {
			return null;
		}
		Long until = this.limitedUntil.getIfPresent(user);
		if (until == null) {
			return null;
		}
		long left = until - System.nanoTime();
		return (left > 0) ? Duration.ofNanos(left) : null;
	}

}
