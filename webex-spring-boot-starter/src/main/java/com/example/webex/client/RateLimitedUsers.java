package com.example.webex.client;

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
 * Each entry expires by itself when its wait is over (Caffeine's variable expiry), and
 * the number of users held is bounded, so a storm of 429s for many users cannot grow
 * memory.
 */
final class RateLimitedUsers {

	/**
	 * More users than are rate-limited at once on one instance; beyond it the oldest go
	 * first.
	 */
	static final int MAX_USERS = 10_000;

	private final Cache<String, Until> limits = Caffeine.newBuilder()
		.maximumSize(MAX_USERS)
		.expireAfter(Expiry.writing((String user, Until until) -> until.left()))
		.build();

	/**
	 * Records that Webex rate-limited the user for {@code retryAfter}; an earlier, longer
	 * limit stays.
	 * @param user the user's person id
	 * @param retryAfter what Webex announced, already capped
	 * @param trackingId the tracking id of Webex's 429, shown with the calls it holds
	 * back
	 */
	void limit(String user, Duration retryAfter, @Nullable String trackingId) {
		Until until = new Until(System.nanoTime() + retryAfter.toNanos(), trackingId);
		this.limits.asMap()
			.merge(user, until, (earlier, later) -> (earlier.nanos() - later.nanos() > 0) ? earlier : later);
	}

	/**
	 * The user's limit, if it still lasts.
	 * @param user the user's person id, {@code null} outside a signed-in request
	 * @return the time left and the 429 it comes from, or {@code null} when the user is
	 * not limited
	 */
	@Nullable Limit current(@Nullable String user) {
		if (user == null) {
			return null;
		}
		Until until = this.limits.getIfPresent(user);
		if (until == null || until.left().isZero()) {
			return null;
		}
		return new Limit(until.left(), until.trackingId());
	}

	/**
	 * A rate limit still in force.
	 *
	 * @param remaining how long it still lasts
	 * @param trackingId the tracking id of the 429 that set it
	 */
	record Limit(Duration remaining, @Nullable String trackingId) {
	}

	/** When a limit ends, in {@link System#nanoTime()}, and the 429 it comes from. */
	private record Until(long nanos, @Nullable String trackingId) {

		Duration left() {
			return Duration.ofNanos(Math.max(this.nanos - System.nanoTime(), 0));
		}

	}

}
