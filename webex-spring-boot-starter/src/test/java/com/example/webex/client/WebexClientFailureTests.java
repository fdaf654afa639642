package com.example.webex.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static com.example.webex.client.TestWebex.error;
import static com.example.webex.client.TestWebex.json;
import static com.example.webex.client.TestWebex.rooms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for how {@link WebexClient} retries, waits and reports failures, over real HTTP
 * with the bounds of {@link TestWebex#HTTP} (3 attempts, at most 5 s of waiting, 3 s read
 * timeout).
 */
class WebexClientFailureTests extends AbstractWebexClientTests {

	@Test
	void roomsWhenRateLimitedBrieflyThenWaitsRetryAfterAndSucceeds() {
		this.webex.enqueue(error(429, "Too Many Requests", "ROUTER_429").setHeader("Retry-After", "1").build());
		this.webex.enqueue(json(200, rooms(0, 3)).build());
		long start = System.nanoTime();

		assertThat(this.client.rooms()).hasSize(3);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.webex.getRequestCount()).isEqualTo(2);
		assertThat(this.meterRegistry.get("webex.api.calls").tag("status", "429").timer().count()).isOne();
		assertThat(this.meterRegistry.get("webex.api.calls").tag("status", "200").timer().count()).isOne();
	}

	@Test
	void roomsWhenRetryAfterExceedsMaxRetryWaitThenFailsWithoutWaiting() {
		this.webex.enqueue(error(429, "Too Many Requests", "ROUTER_SLOW").setHeader("Retry-After", "60").build());
		long start = System.nanoTime();

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms()).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.RATE_LIMITED);
			assertThat(ex.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_SLOW");
			assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
		});
		// not a performance target: proves it did not sleep the 60 s before giving up
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenRateLimitedWithoutRetryAfterThenAssumesFifteenSecondsAndGivesUp() {
		// 15 s is beyond the test's 5 s maxRetryWait
		this.webex.enqueue(error(429, "Too Many Requests", "ROUTER_NOHEADER").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me)
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.RATE_LIMITED);
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenLockedBrieflyThenWaitsAndSucceeds() {
		this.webex.enqueue(error(423, "Locked", "ROUTER_423").setHeader("Retry-After", "0").build());
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());

		assertThat(this.client.me().id()).isEqualTo("p-1");
		assertThat(this.webex.getRequestCount()).isEqualTo(2);
	}

	@Test
	void roomsWhenServiceUnavailableTwiceThenSucceedsOnThirdAttempt() {
		this.webex.enqueue(error(503, "Service Unavailable", "ROUTER_1").build());
		this.webex.enqueue(json(502, "<html>Bad Gateway</html>").setHeader("Content-Type", "text/html").build());
		this.webex.enqueue(json(200, rooms(0, 5)).build());

		assertThat(this.client.rooms()).hasSize(5);
		assertThat(this.webex.getRequestCount()).isEqualTo(3);
	}

	@Test
	void roomsWhenServiceUnavailablePersistsThenUnavailableAfterMaxAttempts() {
		this.webex.enqueue(error(503, "Service Unavailable", "ROUTER_A").build());
		this.webex.enqueue(error(503, "Service Unavailable", "ROUTER_B").build());
		this.webex.enqueue(error(503, "Service Unavailable", "ROUTER_C").build());
		this.webex.enqueue(json(200, rooms(0, 1)).build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms()).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.UNAVAILABLE);
			assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_C");
			assertThat(ex.getWebexMessage()).isEqualTo("Service Unavailable");
		});
		assertThat(this.webex.getRequestCount()).isEqualTo(3);
		assertThat(this.meterRegistry.get("webex.api.calls").tag("status", "503").timer().count()).isEqualTo(3);
	}

	@Test
	void meWhenInternalServerErrorThenDoesNotRetry() {
		this.webex.enqueue(error(500, "Internal Server Error", "ROUTER_500").build());
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me)
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.UNAVAILABLE);
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenResponseSlowerThanReadTimeoutThenTimeoutWithoutRetry() {
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").headersDelay(6, TimeUnit.SECONDS).build());
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.TIMEOUT);
			assertThat(ex.getStatus()).isNull();
		});
		assertThat(this.webex.getRequestCount()).isOne();
		assertThat(this.meterRegistry.get("webex.api.calls").tag("status", "IO_ERROR").timer().count()).isOne();
	}

	@Test
	void meWhenBodySlowerThanReadTimeoutThenTimeout() {
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").bodyDelay(6, TimeUnit.SECONDS).build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me)
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.TIMEOUT);
	}

	@Test
	void meWhenWebexUnreachableThenRetriesAndReportsUnreachable() throws IOException {
		MockWebServer gone = new MockWebServer();
		gone.start();
		WebexClient client = TestWebex.client(gone, this.requestFactory, this.meterRegistry);
		gone.close();

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.UNREACHABLE);
			assertThat(ex.getStatus()).isNull();
		});
		assertThat(this.meterRegistry.get("webex.api.calls").tag("status", "IO_ERROR").timer().count())
			.isEqualTo(TestWebex.HTTP.maxAttempts());
	}

	@Test
	void meWhenJsonMalformedThenMalformed() {
		this.webex.enqueue(json(200, "{\"id\": \"p-1\", ").setHeader("TrackingID", "ROUTER_BROKEN").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.MALFORMED);
			assertThat(ex.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_BROKEN");
		});
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenNotJsonThenMalformed() {
		this.webex.enqueue(json(200, "<html>Sign in</html>").setHeader("Content-Type", "text/html").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me)
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.MALFORMED);
	}

	@Test
	void roomsWhenScopeMissingThenForbiddenWithWebexMessage() {
		this.webex.enqueue(error(403, "Failed to get activity.", "ROUTERGW_403").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms()).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.FORBIDDEN);
			assertThat(ex.getWebexMessage()).isEqualTo("Failed to get activity.");
			assertThat(ex.getTrackingId()).isEqualTo("ROUTERGW_403");
			assertThat(ex.getMessage()).contains("/rooms", "FORBIDDEN", "403", "ROUTERGW_403")
				.doesNotContain("max=", TestWebex.TOKEN);
		});
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenTokenRejectedThenUnauthorizedWithoutRetry() {
		this.webex
			.enqueue(error(401, "The request requires a valid access token set in the Authorization request header.",
					"ROUTER_401")
				.build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.UNAUTHORIZED);
			assertThat(ex.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_401");
		});
		assertThat(this.webex.getRequestCount()).isOne();
	}

	@Test
	void meWhenNoErrorBodyThenTrackingIdFromHeaderInAnyCase() {
		this.webex.enqueue(new MockResponse.Builder().code(404).addHeader("trackingid", "NA_lower").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.NOT_FOUND);
			assertThat(ex.getTrackingId()).isEqualTo("NA_lower");
			assertThat(ex.getWebexMessage()).isNull();
		});
	}

	@Test
	void meWhenErrorBodyHasNoTrackingIdThenTrackingIdFromHeader() {
		this.webex.enqueue(json(400, "{\"message\":\"Bad request\"}").addHeader("Trackingid", "ROUTER_HDR").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.BAD_REQUEST);
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_HDR");
			assertThat(ex.getWebexMessage()).isEqualTo("Bad request");
		});
	}

}
