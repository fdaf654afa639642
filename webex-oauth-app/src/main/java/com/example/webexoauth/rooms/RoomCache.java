package com.example.webexoauth.rooms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.example.webex.vault.GrantDisconnected;
import com.example.webex.client.OnRateLimit;
import com.example.webex.client.WebexApiException;
import com.example.webex.client.WebexClient;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;

/**
 * The signed-in users' room lists, fetched from Webex at most once per
 * {@code webex.rooms.cache-ttl} per user, however many tabs and scripts ask.
 * <p>
 * A Caffeine async cache behind Spring's cache abstraction, keyed by the person id, holds
 * each user's list as a future: while a fetch runs, every other request for that user
 * receives the same future and waits for it (within its own request deadline) instead of
 * fetching too. That holds with the cache off ({@code 0}) as well, since Caffeine keeps
 * an entry that has not completed whatever its lifetime and drops it the moment it
 * completes. The fetch itself runs on the thread of the request that started it, with
 * that request's user, token and deadline.
 * <p>
 * An entry past its lifetime stays up to {@code cache-keep-stale} longer: when Webex
 * rate-limits the user, it is the answer (marked stale) instead of an error.
 */
class RoomCache {

	/** The name of the cache, e.g. in the {@code cache_gets_total} metric. */
	static final String NAME = "rooms";

	private static final Logger logger = LoggerFactory.getLogger(RoomCache.class);

	private final WebexClient webex;

	private final CaffeineCache cache;

	// The same entries as a map: Spring's Cache can get-or-load and evict, but a list
	// past its TTL must be swapped for a new fetch atomically, so that two requests never
	// both fetch.
	private final ConcurrentMap<String, CompletableFuture<RoomSnapshot>> entries;

	private final Duration ttl;

	private final Clock clock;

	private final Duration refreshInterval;

	// who forced a refresh when: an entry blocks the next forced refresh until it expires
	private final Cache<String, Boolean> recentRefreshes;

	RoomCache(WebexClient webex, CaffeineCache cache, RoomsProperties properties, Clock clock) {
		this.webex = webex;
		this.cache = cache;
		this.entries = entries(cache.getAsyncCache());
		this.ttl = properties.cacheTtl();
		this.clock = clock;
		this.refreshInterval = properties.refreshInterval();
		this.recentRefreshes = Caffeine.newBuilder()
			.expireAfterWrite(properties.refreshInterval())
			.maximumSize(100_000)
			.build();
	}

	/**
	 * Builds the Caffeine cache: weighed by each list's estimated heap, so the bound
	 * holds for a few users with 5,000 rooms as for many with 25; a list lives
	 * {@code cache-ttl} plus {@code cache-keep-stale} from its fetch (not from the last
	 * time it was put back), or not at all past its fetch when the TTL is 0.
	 * @param properties the bounds
	 * @param clock the clock {@link RoomSnapshot#fetchedAt()} is read from
	 * @return the cache, with statistics for the {@code cache.*} metrics
	 */
	static AsyncCache<Object, Object> build(RoomsProperties properties, Clock clock) {
		Duration lifetime = properties.cacheTtl().isZero() ? Duration.ZERO
				: properties.cacheTtl().plus(properties.cacheKeepStale());
		return Caffeine.newBuilder()
			.maximumWeight(properties.cacheMaxSize().toBytes())
			.weigher((Object user, Object snapshot) -> ((RoomSnapshot) snapshot).estimatedBytes())
			.expireAfter(Expiry.writing((Object user, Object snapshot) -> {
				Duration left = lifetime.minus(((RoomSnapshot) snapshot).age(clock.instant()));
				return left.isNegative() ? Duration.ZERO : left;
			}))
			.recordStats()
			.buildAsync();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ConcurrentMap<String, CompletableFuture<RoomSnapshot>> entries(AsyncCache<Object, Object> cache) {
		// keys are person ids and values room snapshots: rooms() is the only writer
		return (ConcurrentMap) cache.asMap();
	}

	/**
	 * The user's rooms: from the cache while fresh, else from the fetch that is running
	 * or a new one.
	 * @param user the person id of the signed-in user
	 * @param refresh whether the user asked for a list fetched now; granted once per
	 * {@code refresh-interval}, otherwise answered as without it
	 * @return the rooms, and whether they are older than the TTL because Webex is
	 * rate-limiting the user
	 * @throws WebexApiException if the fetch failed (for {@code RATE_LIMITED}: with no
	 * list to fall back on), or the request's deadline passed while waiting for another
	 * request's fetch
	 */
	RoomsAnswer rooms(String user, boolean refresh) {
		boolean forced = refresh && this.recentRefreshes.asMap().putIfAbsent(user, Boolean.TRUE) == null;
		boolean deferred = refresh && !forced;
		while (true) {
			CompletableFuture<RoomSnapshot> mine = new CompletableFuture<>();
			CompletableFuture<RoomSnapshot> shared = this.cache.retrieve(user, () -> mine);
			if (shared == mine) {
				return answer(lead(user, mine, null), deferred);
			}
			if (!shared.isDone()) {
				return answer(await(shared), deferred);
			}
			if (shared.isCompletedExceptionally()) {
				// failed a moment ago and not yet removed by Caffeine
				this.entries.remove(user, shared);
				continue;
			}
			RoomSnapshot cached = shared.join();
			if (!forced && isFresh(cached)) {
				return answer(cached, deferred);
			}
			if (this.webex.rateLimitLeft().isPresent()) {
				// Webex said to wait: the older list now, no call
				return answer(cached, deferred);
			}
			// Only the request that swaps its own future in fetches; one that loses the
			// swap finds the winner's fetch on the next round and waits for it.
			if (this.entries.replace(user, shared, mine)) {
				return answer(lead(user, mine, cached), deferred);
			}
		}
	}

	/** The shortest time between two forced refreshes of one user. */
	Duration refreshInterval() {
		return this.refreshInterval;
	}

	/** Forgets the user's list (and their last forced refresh). */
	void evict(String user) {
		this.cache.evict(user);
		this.recentRefreshes.invalidate(user);
	}

	/** A disconnected user's rooms must not be shown to whoever connects next. */
	@EventListener
	void disconnected(GrantDisconnected event) {
		evict(event.principalName());
	}

	/**
	 * Signing out drops the list too, so signing in again shows the rooms as they are
	 * now.
	 */
	@EventListener
	void signedOut(LogoutSuccessEvent event) {
		evict(event.getAuthentication().getName());
	}

	/**
	 * Fetches the list for everyone waiting on {@code mine}.
	 * @param previous the list this fetch replaces, if any: when Webex rate-limits the
	 * user, it is the answer instead, without waiting for Webex
	 */
	private RoomSnapshot lead(String user, CompletableFuture<RoomSnapshot> mine, @Nullable RoomSnapshot previous) {
		try {
			long start = System.nanoTime();
			RoomSnapshot fetched = new RoomSnapshot(
					this.webex.rooms((previous != null) ? OnRateLimit.FAIL_FAST : OnRateLimit.WAIT),
					this.clock.instant());
			mine.complete(fetched);
			if (logger.isDebugEnabled()) {
				logger.debug("Fetched {} rooms in {} ms, about {} KiB in the cache", fetched.total(),
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), fetched.estimatedBytes() / 1024);
			}
			return fetched;
		}
		catch (WebexApiException ex) {
			if (previous != null && ex.getReason() == WebexApiException.Reason.RATE_LIMITED) {
				mine.complete(previous);
				return previous;
			}
			throw failed(user, mine, previous, ex);
		}
		catch (RuntimeException ex) {
			throw failed(user, mine, previous, ex);
		}
		finally {
			if (!mine.isDone()) {
				// an Error: an entry left in flight would keep every later request of the
				// user waiting until its deadline
				failed(user, mine, previous, new IllegalStateException("the room fetch ended abnormally"));
			}
		}
	}

	/**
	 * Hands the failure to everyone waiting on {@code mine}; the list it was to replace
	 * stays cached (put back before the failure, which Caffeine would otherwise answer by
	 * removing the entry).
	 */
	private RuntimeException failed(String user, CompletableFuture<RoomSnapshot> mine, @Nullable RoomSnapshot previous,
			RuntimeException failure) {
		if (previous != null) {
			this.entries.replace(user, mine, CompletableFuture.completedFuture(previous));
		}
		mine.completeExceptionally(failure);
		return failure;
	}

	/** Waits for another request's fetch, but no longer than this request may. */
	private RoomSnapshot await(CompletableFuture<RoomSnapshot> fetch) {
		try {
			return fetch.get(this.webex.timeLeft().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw WebexApiException.deadlinePassed("/rooms");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw WebexApiException.deadlinePassed("/rooms");
		}
	}

	private boolean isFresh(RoomSnapshot snapshot) {
		return snapshot.age(this.clock.instant()).compareTo(this.ttl) < 0;
	}

	private RoomsAnswer answer(RoomSnapshot snapshot, boolean refreshDeferred) {
		Instant now = this.clock.instant();
		// only a list served past its TTL is stale, and only a rate limit lets that
		// happen
		boolean stale = !this.ttl.isZero() && snapshot.age(now).compareTo(this.ttl) >= 0;
		return new RoomsAnswer(snapshot, stale, refreshDeferred, now);
	}

	/**
	 * A user's rooms as one request gets them.
	 *
	 * @param snapshot the rooms
	 * @param stale whether they are older than the TTL: Webex is rate-limiting the user
	 * @param refreshDeferred whether a forced refresh was asked for too soon after the
	 * last one
	 * @param now when this answer was made, to say how old the list is
	 */
	record RoomsAnswer(RoomSnapshot snapshot, boolean stale, boolean refreshDeferred, Instant now) {

		// public, as the accessors are: the page's expressions call them

		public Instant fetchedAt() {
			return this.snapshot.fetchedAt();
		}

		public Duration age() {
			return this.snapshot.age(this.now);
		}

	}

}
