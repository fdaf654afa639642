package com.example.webexoauth.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.example.webex.login.MutableClock;
import com.example.webexoauth.rooms.RoomCache.RoomsAnswer;
import com.example.webex.client.OnRateLimit;
import com.example.webex.client.Room;
import com.example.webex.client.WebexApiException;
import com.example.webex.client.WebexClient;
import org.junit.jupiter.api.Test;

import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The rules of {@link RoomCache} with a stand-in Webex client: who fetches, who waits,
 * what stays cached when a fetch fails, and when a list past its TTL is the answer.
 */
class RoomCacheTests {

	static final List<Room> ROOMS = List.of(new Room("r-1", "Design", "group", false, null,
			Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:00Z"), "p-1"));

	final MutableClock clock = new MutableClock();

	final WebexClient webex = mock(WebexClient.class);

	final RoomCache cache = cache(Duration.ofSeconds(60));

	RoomCacheTests() {
		given(this.webex.timeLeft()).willReturn(Duration.ofSeconds(10));
	}

	@Test
	void roomsWhenManyAskWhileTheFetchRunsThenOneFetchForAll() throws Exception {
		CountDownLatch fetching = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		willAnswer((invocation) -> {
			fetching.countDown();
			release.await(10, TimeUnit.SECONDS);
			return ROOMS;
		}).given(this.webex).rooms(any(OnRateLimit.class));

		List<Future<RoomsAnswer>> answers = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			answers.add(executor.submit(() -> this.cache.rooms("u", false)));
			assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 20; i++) {
				// a forced refresh too finds the running fetch and waits for it
				boolean refresh = i % 2 == 0;
				answers.add(executor.submit(() -> this.cache.rooms("u", refresh)));
			}
			Thread.sleep(200);
			release.countDown();
			for (Future<RoomsAnswer> answer : answers) {
				assertThat(answer.get().snapshot().rooms()).isEqualTo(ROOMS);
			}
		}
		verify(this.webex, times(1)).rooms(any(OnRateLimit.class));
	}

	@Test
	void roomsWhenTheFetchFailsThenEveryoneWaitingGetsTheFailureAndTheNextRequestFetchesAgain() {
		WebexApiException unavailable = WebexApiException.deadlinePassed("/rooms");
		given(this.webex.rooms(any(OnRateLimit.class))).willThrow(unavailable).willReturn(ROOMS);

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.cache.rooms("u", false))
			.isSameAs(unavailable);
		assertThat(this.cache.rooms("u", false).snapshot().rooms()).isEqualTo(ROOMS);
		assertThat(this.cache.rooms("u", false).stale()).isFalse();
		verify(this.webex, times(2)).rooms(any(OnRateLimit.class));
	}

	@Test
	void roomsWhenTheRefetchIsRateLimitedThenTheOlderListMarkedStaleWithoutWaiting() {
		WebexApiException rateLimited = mock(WebexApiException.class);
		given(rateLimited.getReason()).willReturn(WebexApiException.Reason.RATE_LIMITED);
		given(this.webex.rooms(OnRateLimit.WAIT)).willReturn(ROOMS);
		given(this.webex.rooms(OnRateLimit.FAIL_FAST)).willThrow(rateLimited);
		RoomSnapshot first = this.cache.rooms("u", false).snapshot();
		this.clock.advance(Duration.ofSeconds(61));

		RoomsAnswer answer = this.cache.rooms("u", false);

		assertThat(answer.snapshot()).isSameAs(first);
		assertThat(answer.stale()).isTrue();
		assertThat(answer.age()).isBetween(Duration.ofSeconds(61), Duration.ofSeconds(71));
	}

	@Test
	void roomsWhenTheRefetchFailsOtherwiseThenTheFailureAndTheOlderListStaysForLater() {
		WebexApiException rateLimited = mock(WebexApiException.class);
		given(rateLimited.getReason()).willReturn(WebexApiException.Reason.RATE_LIMITED);
		given(this.webex.rooms(OnRateLimit.WAIT)).willReturn(ROOMS);
		given(this.webex.rooms(OnRateLimit.FAIL_FAST)).willThrow(WebexApiException.deadlinePassed("/rooms"))
			.willThrow(rateLimited);
		RoomSnapshot first = this.cache.rooms("u", false).snapshot();
		this.clock.advance(Duration.ofSeconds(61));

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.cache.rooms("u", false));
		RoomsAnswer later = this.cache.rooms("u", false);

		assertThat(later.snapshot()).isSameAs(first);
		assertThat(later.stale()).isTrue();
	}

	@Test
	void roomsWhenTheUserIsStillRateLimitedThenTheOlderListWithoutAnyCall() {
		given(this.webex.rooms(OnRateLimit.WAIT)).willReturn(ROOMS);
		RoomSnapshot first = this.cache.rooms("u", false).snapshot();
		this.clock.advance(Duration.ofSeconds(61));
		given(this.webex.rateLimitLeft()).willReturn(Optional.of(Duration.ofSeconds(5)));

		RoomsAnswer answer = this.cache.rooms("u", true);

		assertThat(answer.snapshot()).isSameAs(first);
		assertThat(answer.stale()).isTrue();
		verify(this.webex, times(1)).rooms(any(OnRateLimit.class));
	}

	@Test
	void roomsWhenRefreshedTwiceWithinTheIntervalThenTheSecondIsDeferred() {
		given(this.webex.rooms(any(OnRateLimit.class))).willReturn(ROOMS);
		this.cache.rooms("u", false);

		RoomsAnswer refreshed = this.cache.rooms("u", true);
		RoomsAnswer again = this.cache.rooms("u", true);
		RoomsAnswer otherUser = this.cache.rooms("v", true);

		assertThat(refreshed.refreshDeferred()).isFalse();
		assertThat(again.refreshDeferred()).isTrue();
		assertThat(again.snapshot()).isSameAs(refreshed.snapshot());
		assertThat(otherUser.refreshDeferred()).isFalse();
		verify(this.webex, times(3)).rooms(any(OnRateLimit.class));
	}

	@Test
	void roomsWhenTheCacheIsOffThenEveryRequestAfterAFetchFetchesAgainAndNothingIsStale() {
		RoomCache off = cache(Duration.ZERO);
		given(this.webex.rooms(any(OnRateLimit.class))).willReturn(ROOMS);

		assertThat(off.rooms("u", false).stale()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(off.rooms("u", false).stale()).isFalse();
		verify(this.webex, times(2)).rooms(OnRateLimit.WAIT);
	}

	private RoomCache cache(Duration ttl) {
		RoomsProperties properties = new RoomsProperties(ttl, Duration.ofMinutes(10), DataSize.ofMegabytes(24),
				Duration.ofSeconds(10));
		CaffeineCache caffeine = new CaffeineCache(RoomCache.NAME, RoomCache.build(properties, this.clock), false);
		return new RoomCache(this.webex, caffeine, properties, this.clock);
	}

}
