package com.example.webex.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static com.example.webex.client.TestWebex.json;
import static com.example.webex.client.TestWebex.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebexClient} on responses shaped exactly as Webex sends them, kept as
 * files under {@code src/test/resources/com/example/webex/client/}: the profile, pages of
 * rooms with their {@code Link} headers and known defects, and the error envelope. To
 * cover another endpoint, add its recorded body there and copy one of these tests.
 */
class RecordedWebexResponsesTests extends AbstractWebexClientTests {

	@Test
	void meWhenWebexSendsItsProfileThenReadsItAndIgnoresTheRest() throws InterruptedException {
		this.webex.enqueue(json(200, recorded("people-me.json")).build());

		Person me = this.client.me();

		assertThat(me.displayName()).isEqualTo("Harold Finch");
		assertThat(me.emails()).containsExactly("harold.finch@example.com");
		assertThat(me.created()).isEqualTo(Instant.parse("2018-03-15T03:12:59.220Z"));
		assertThat(me.type()).isEqualTo("person");
		assertThat(this.webex.takeRequest().getTarget()).isEqualTo("/v1/people/me");
	}

	@Test
	void roomsWhenTwoPagesThenFollowsTheNextLinkAndReadsEveryRoom() throws InterruptedException {
		this.webex.enqueue(json(200, recorded("rooms-page-1.json"))
			.addHeader("Link", "<%s>; rel=\"next\"".formatted(url("/v1/rooms?max=1000&cursor=bGltaXQ9MiZwYWdlPTI")))
			.build());
		this.webex.enqueue(json(200, recorded("rooms-page-2.json")).build());

		List<Room> rooms = this.client.rooms();

		assertThat(rooms).extracting(Room::title)
			.containsExactly("Project Unicorn - Sprint 0", "John Reese", "Machine Room");
		assertThat(rooms.get(0).locked()).isTrue();
		assertThat(rooms.get(0).teamId()).startsWith("Y2lzY29zcGFyazovL3VzL1RFQU0v");
		assertThat(rooms.get(1).type()).isEqualTo("direct");
		assertThat(rooms.get(1).teamId()).isNull();
		assertThat(rooms.get(2).lastActivity()).isEqualTo(Instant.parse("2024-04-02T08:15:00.000Z"));
		this.webex.takeRequest();
		assertThat(this.webex.takeRequest().getTarget()).isEqualTo("/v1/rooms?max=1000&cursor=bGltaXQ9MiZwYWdlPTI");
	}

	@Test
	void listWhenNextLinkHasMaxNullAndLosesTheFilterThenSendsBoth() throws InterruptedException {
		// WebexPythonSDK #168: Webex's next link may carry max=null and drop the query's
		// filters
		this.webex.enqueue(json(200, recorded("rooms-page-1.json"))
			.addHeader("Link", "<%s>; rel=\"next\"".formatted(url("/v1/rooms?max=null&cursor=bGltaXQ9MiZwYWdlPTI")))
			.build());
		this.webex.enqueue(json(200, recorded("rooms-page-2.json")).build());

		List<Room> rooms = this.client.list("/rooms", Map.of("max", 1000, "sortBy", "lastactivity"), Room.class);

		assertThat(rooms).hasSize(3);
		this.webex.takeRequest();
		RecordedRequest second = this.webex.takeRequest();
		assertThat(second.getUrl().queryParameterValues("max")).containsExactly("1000");
		assertThat(second.getUrl().queryParameterValues("sortBy")).containsExactly("lastactivity");
		assertThat(second.getUrl().queryParameter("cursor")).isEqualTo("bGltaXQ9MiZwYWdlPTI");
		assertThat(second.getTarget()).doesNotContain("null");
	}

	@Test
	void meWhenTokenRejectedThenUnauthorizedWithWebexMessageAndTrackingId() {
		this.webex.enqueue(json(401, recorded("error-401-unauthorized.json")).build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::me).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.UNAUTHORIZED);
			assertThat(ex.getWebexMessage())
				.isEqualTo("The request requires a valid access token set in the Authorization request header.");
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_5E708612-B906-01BB-2E6D-6B0D98D52E6D");
		});
	}

	@Test
	void roomsWhenScopeMissingThenForbiddenWithWebexMessage() {
		this.webex.enqueue(json(403, recorded("error-403-forbidden.json")).build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::rooms).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.FORBIDDEN);
			assertThat(ex.getWebexMessage()).isEqualTo("Failed to get activity.");
			assertThat(ex.getTrackingId()).startsWith("ROUTERGW_");
		});
	}

	@Test
	void roomsWhenRateLimitedWithRetryAfterThenWaitsAndReadsTheNextAnswer() {
		this.webex
			.enqueue(json(429, recorded("error-429-too-many-requests.json")).setHeader("Retry-After", "1").build());
		this.webex.enqueue(json(200, recorded("rooms-page-2.json")).build());

		assertThat(this.client.rooms()).extracting(Room::title).containsExactly("Machine Room");
		assertThat(this.webex.getRequestCount()).isEqualTo(2);
	}

	@Test
	void roomsWhenRateLimitedLongerThanAllowedThenRateLimitedWithRetryAfter() {
		this.webex
			.enqueue(json(429, recorded("error-429-too-many-requests.json")).setHeader("Retry-After", "60").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(this.client::rooms).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.RATE_LIMITED);
			assertThat(ex.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
			assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
			assertThat(ex.getTrackingId()).isEqualTo("ROUTER_62E0C9A4-1B5D-01BB-0F14-0A6B8C1D4F70");
		});
		assertThat(this.webex.getRequestCount()).isOne();
	}

	private String url(String pathAndQuery) {
		return this.webex.url(pathAndQuery).toString();
	}

}
