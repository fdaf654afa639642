package com.example.webex.client;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static com.example.webex.client.TestWebex.error;
import static com.example.webex.client.TestWebex.json;
import static com.example.webex.client.TestWebex.rooms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for how {@link WebexClient} bounds waiting: {@code Retry-After} read safely
 * whatever it says, one deadline and one retry-wait budget per incoming request (a
 * {@link RequestBudget} bound as {@link RequestBudgetFilter} binds it), and a user's rate
 * limit honoured by their later calls.
 */
class WebexClientBudgetTests extends AbstractWebexClientTests {

	private static final Duration NOT_SLEPT = Duration.ofSeconds(4);

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void meWhenRetryAfterIsAbsurdlyLargeThenRateLimitedAtOnceWithTheWaitCapped() {
		for (String retryAfter : List.of("9223372036854775", "9223372036854775807", "99999999999999999999999",
				"Fri, 31 Dec 9999 23:59:59 GMT")) {
			this.webex
				.enqueue(error(429, "Too Many Requests", "ROUTER_HUGE").setHeader("Retry-After", retryAfter).build());
			long start = System.nanoTime();

			assertThatExceptionOfType(WebexApiException.class).as(retryAfter)
				.isThrownBy(this.client::me)
				.satisfies((ex) -> {
					assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.RATE_LIMITED);
					assertThat(ex.getRetryAfter()).isEqualTo(WebexApiException.MAX_RETRY_AFTER);
				});
			// not a performance target: proves it neither slept nor overflowed into a
			// retry
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(retryAfter).isLessThan(NOT_SLEPT);
		}
		assertThat(this.webex.getRequestCount()).isEqualTo(4);
	}

	@Test
	void meWhenRetryAfterIsNegativeOrGarbageThenTakenAsAbsent() {
		for (String retryAfter : List.of("-5", "soon", "1.5", "")) {
			this.webex
				.enqueue(error(429, "Too Many Requests", "ROUTER_ODD").setHeader("Retry-After", retryAfter).build());

			// absent means 15 s (as Webex's SDK assumes), beyond the test's 5 s of
			// waiting
			assertThatExceptionOfType(WebexApiException.class).as(retryAfter)
				.isThrownBy(this.client::me)
				.satisfies((ex) -> {
					assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.RATE_LIMITED);
					assertThat(ex.getRetryAfter()).isNull();
				});
		}
		assertThat(this.webex.getRequestCount()).isEqualTo(4);
	}

	@Test
	void meWhenRetryAfterIsAnHttpDateThenWaitsUntilThen() {
		String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
		this.webex.enqueue(error(429, "Too Many Requests", "ROUTER_DATE").setHeader("Retry-After", past).build());
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());

		// a date already past means "now": the shortest wait, 1 s, then the call succeeds
		assertThat(this.client.me().id()).isEqualTo("p-1");
		assertThat(this.webex.getRequestCount()).isEqualTo(2);
	}

	@Test
	void roomsWhenEveryPageIsRateLimitedThenOneWaitBudgetForTheWholeRequest() {
		// three pages, each first answered 429 with a 1 s wait; the request may wait 2 s
		// in all
		this.webex.enqueue(busy());
		this.webex.enqueue(json(200, rooms(0, 2)).addHeader("Link", next("page2")).build());
		this.webex.enqueue(busy());
		this.webex.enqueue(json(200, rooms(2, 4)).addHeader("Link", next("page3")).build());
		this.webex.enqueue(busy());
		this.webex.enqueue(json(200, rooms(4, 6)).build());

		assertThatExceptionOfType(WebexApiException.class)
			.isThrownBy(() -> withinRequest(Duration.ofSeconds(20), Duration.ofSeconds(2), () -> this.client.rooms()))
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.RATE_LIMITED);
		// each page alone was within budget: per call, the third would have waited too
		assertThat(this.webex.getRequestCount()).isEqualTo(5);
	}

	@Test
	void meWhenTheAnswerTakesLongerThanTheRequestHasLeftThenTimeoutAtTheDeadline() {
		// slower than the deadline, though within the 3 s read timeout
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").headersDelay(2500, TimeUnit.MILLISECONDS).build());
		long start = System.nanoTime();

		assertThatExceptionOfType(WebexApiException.class)
			.isThrownBy(() -> withinRequest(Duration.ofMillis(800), Duration.ofSeconds(5), this.client::me))
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.TIMEOUT);
		// not a performance target: proves the wait ended at the deadline, not at the
		// answer
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2400));
	}

	@Test
	void meWhenTheDeadlineHasPassedThenNothingIsSent() {
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());

		assertThatExceptionOfType(WebexApiException.class)
			.isThrownBy(() -> withinRequest(Duration.ofNanos(1), Duration.ofSeconds(5), this.client::me))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.TIMEOUT);
				assertThat(ex.getStatus()).isNull();
			});
		assertThat(this.webex.getRequestCount()).isZero();
	}

	@Test
	void meWhenAWaitWouldPassTheDeadlineThenGivesUpWithoutWaiting() {
		this.webex.enqueue(busy());
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());
		long start = System.nanoTime();

		assertThatExceptionOfType(WebexApiException.class)
			.isThrownBy(() -> withinRequest(Duration.ofMillis(900), Duration.ofSeconds(5), this.client::me))
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.RATE_LIMITED);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenTheUserWasRateLimitedThenTheirNextCallsWaitWithoutReachingWebex() {
		signIn("person-1");
		this.webex.enqueue(error(429, "Too Many Requests", "ROUTER_LONG").setHeader("Retry-After", "60").build());
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());
		this.webex.enqueue(json(200, "{\"id\":\"p-2\"}").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me);
		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.RATE_LIMITED);
			assertThat(ex.getRetryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
		});
		assertThat(this.client.rateLimitLeft())
			.hasValueSatisfying((left) -> assertThat(left).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
		assertThat(this.webex.getRequestCount()).as("the second call was not sent").isOne();

		signIn("person-2");
		assertThat(this.client.rateLimitLeft()).isEmpty();
		assertThat(this.client.me().id()).as("another user's calls go out").isEqualTo("p-1");
	}

	@Test
	void roomsWhenFailFastAndRateLimitedThenNeitherWaitsNorRetries() {
		signIn("person-1");
		this.webex.enqueue(busy());
		this.webex.enqueue(json(200, rooms(0, 1)).build());
		long start = System.nanoTime();

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms(OnRateLimit.FAIL_FAST))
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.RATE_LIMITED);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(this.webex.getRequestCount()).isOne();
		assertThat(this.client.rateLimitLeft()).isPresent();
	}

	@Test
	void roomsWhenTheUsersRateLimitEndsWithinTheBudgetThenWaitsItOutAndSucceeds() {
		signIn("person-1");
		this.webex.enqueue(busy());
		this.webex.enqueue(json(200, rooms(0, 1)).build());
		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms(OnRateLimit.FAIL_FAST));

		assertThat(this.client.rooms()).hasSize(1);
		assertThat(this.webex.getRequestCount()).isEqualTo(2);
	}

	private static mockwebserver3.MockResponse busy() {
		return error(429, "Too Many Requests", "ROUTER_429").setHeader("Retry-After", "1").build();
	}

	private String next(String cursor) {
		return "<%s>; rel=\"next\"".formatted(this.webex.url("/v1/rooms?max=1000&cursor=" + cursor));
	}

	private static void signIn(String personId) {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(personId, null, "USER"));
	}

	private static <T> T withinRequest(Duration deadline, Duration maxRetryWait, Supplier<T> call) {
		return ScopedValue.where(RequestBudget.CURRENT, new RequestBudget(deadline, maxRetryWait)).call(call::get);
	}

}
