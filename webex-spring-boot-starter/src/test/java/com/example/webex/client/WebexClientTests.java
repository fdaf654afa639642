package com.example.webex.client;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static com.example.webex.client.TestWebex.json;
import static com.example.webex.client.TestWebex.rooms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebexClient} reading profiles and paging through rooms over real HTTP.
 */
class WebexClientTests extends AbstractWebexClientTests {

	@Test
	void meWhenFullProfileThenParsesEveryField() throws InterruptedException {
		this.webex.enqueue(json(200, """
				{"id":"Y2lzY29zcGFyazovL3VzL1BFT1BMRS8x","emails":["harold@example.com","h@example.org"],
				"phoneNumbers":[{"type":"work","value":"+1 555 0100"}],"displayName":"Harold Finch",
				"nickName":"Harry","firstName":"Harold","lastName":"Finch",
				"avatar":"https://avatar.example/harold.png","orgId":"org-1","created":"2018-03-15T03:12:59.220Z",
				"lastActivity":"2024-05-07T10:11:12.345Z","status":"active","type":"person"}""").build());

		Person me = this.client.me();

		assertThat(me).isEqualTo(new Person("Y2lzY29zcGFyazovL3VzL1BFT1BMRS8x", "Harold Finch", "Harry", "Harold",
				"Finch", List.of("harold@example.com", "h@example.org"), "https://avatar.example/harold.png", "org-1",
				"active", "person", Instant.parse("2018-03-15T03:12:59.220Z"),
				Instant.parse("2024-05-07T10:11:12.345Z")));
		RecordedRequest request = this.webex.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/people/me");
		assertThat(request.getUrl().query()).isNull();
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestWebex.TOKEN);
		assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
	}

	@Test
	void meWhenFieldsMissingAndUnknownThenToleratesThem() {
		this.webex.enqueue(json(200, """
				{"id":"p-2","displayName":"Bot","type":"bot","licenses":["x"],"someFutureField":{"a":1}}""").build());

		Person me = this.client.me();

		assertThat(me.id()).isEqualTo("p-2");
		assertThat(me.displayName()).isEqualTo("Bot");
		assertThat(me.emails()).isEmpty();
		assertThat(me.nickName()).isNull();
		assertThat(me.created()).isNull();
		assertThat(me.lastActivity()).isNull();
	}

	@Test
	void meWhenCalledThenSpeaksHttp11WithoutUpgradeAttempt() throws InterruptedException {
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());

		this.client.me();

		RecordedRequest request = this.webex.takeRequest();
		assertThat(request.getVersion()).isEqualTo("HTTP/1.1");
		assertThat(request.getHeaders().get("Upgrade")).isNull();
	}

	@Test
	void roomsWhenThreePagesThenFollowsNextLinksToTheLast() throws InterruptedException {
		this.webex.enqueue(
				json(200, rooms(0, 1000))
					.addHeader("Link",
							"<%s>; rel=\"prev\", <%s>; rel=\"next\"".formatted(url("/v1/rooms?max=1000"),
									url("/v1/rooms?max=1000&cursor=page2")))
					.build());
		this.webex.enqueue(json(200, rooms(1000, 2000))
			.addHeader("Link", "<%s>; rel=\"first\"".formatted(url("/v1/rooms?max=1000")))
			.addHeader("Link", "<%s>; rel=\"next\"".formatted(url("/v1/rooms?max=1000&cursor=page3")))
			.build());
		this.webex.enqueue(json(200, rooms(2000, 2500)).build());

		List<Room> rooms = this.client.rooms();

		assertThat(rooms).hasSize(2500);
		assertThat(rooms.get(0)).isEqualTo(new Room("room-0", "Room 0", "group", false, null,
				Instant.parse("2024-05-07T10:00:00Z"), Instant.parse("2024-01-01T09:00:00Z"), "person-1"));
		assertThat(rooms.get(2499).id()).isEqualTo("room-2499");
		assertThat(this.webex.getRequestCount()).isEqualTo(3);
		assertThat(this.webex.takeRequest().getTarget()).isEqualTo("/v1/rooms?max=1000");
		assertThat(this.webex.takeRequest().getTarget()).isEqualTo("/v1/rooms?max=1000&cursor=page2");
		RecordedRequest last = this.webex.takeRequest();
		assertThat(last.getTarget()).isEqualTo("/v1/rooms?max=1000&cursor=page3");
		assertThat(last.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestWebex.TOKEN);
	}

	@Test
	void listWhenQueryGivenThenSendsItOnTheFirstPage() throws InterruptedException {
		this.webex.enqueue(json(200, rooms(0, 2)).build());

		this.client.list("/rooms", new LinkedHashMap<>(Map.of("type", "direct")), Room.class);

		assertThat(this.webex.takeRequest().getTarget()).isEqualTo("/v1/rooms?type=direct");
	}

	@Test
	void listWhenNextLinkHasMaxNullAndDropsParametersThenRepairsIt() throws InterruptedException {
		this.webex.enqueue(json(200, rooms(0, 1000))
			.addHeader("Link", "<%s>; rel=\"next\"".formatted(url("/v1/rooms?max=null&cursor=Y2lz%3D%3D")))
			.build());
		this.webex.enqueue(json(200, rooms(1000, 2000))
			.addHeader("Link", "<%s>; rel=\"next\"".formatted(url("/v1/rooms?cursor=page3&type=group")))
			.build());
		this.webex.enqueue(json(200, rooms(2000, 2001)).build());

		Map<String, Object> query = new LinkedHashMap<>();
		query.put("max", 1000);
		query.put("type", "group");
		query.put("sortBy", "lastactivity");
		List<Room> rooms = this.client.list("/rooms", query, Room.class);

		assertThat(rooms).hasSize(2001);
		assertThat(this.webex.takeRequest().getTarget()).isEqualTo("/v1/rooms?max=1000&type=group&sortBy=lastactivity");
		RecordedRequest second = this.webex.takeRequest();
		assertThat(second.getUrl().queryParameterValues("max")).containsExactly("1000");
		assertThat(second.getUrl().queryParameterValues("type")).containsExactly("group");
		assertThat(second.getUrl().queryParameterValues("sortBy")).containsExactly("lastactivity");
		assertThat(second.getTarget()).contains("cursor=Y2lz%3D%3D").doesNotContain("null");
		RecordedRequest third = this.webex.takeRequest();
		assertThat(third.getUrl().queryParameterValues("max")).containsExactly("1000");
		assertThat(third.getUrl().queryParameterValues("type")).containsExactly("group");
		assertThat(third.getUrl().queryParameterValues("sortBy")).containsExactly("lastactivity");
		assertThat(third.getUrl().queryParameter("cursor")).isEqualTo("page3");
	}

	@Test
	void roomsWhenNextLinkPointsToAnotherHostThenRefusesToFollow() throws IOException {
		try (MockWebServer elsewhere = new MockWebServer()) {
			elsewhere.start();
			this.webex.enqueue(json(200, rooms(0, 1000)).setHeader("TrackingID", "ROUTER_PAGE1")
				.addHeader("Link", "<%s>; rel=\"next\"".formatted(elsewhere.url("/v1/rooms?max=1000&cursor=p2")))
				.build());

			assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms()).satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.MALFORMED);
				assertThat(ex.getTrackingId()).isEqualTo("ROUTER_PAGE1");
				assertThat(ex.getWebexMessage()).contains("next-page link points away from");
			});
			assertThat(elsewhere.getRequestCount()).isZero();
			assertThat(this.webex.getRequestCount()).isOne();
		}
	}

	@Test
	void roomsWhenNextLinkRepeatsAPageThenStops() {
		String page2 = url("/v1/rooms?max=1000&cursor=page2");
		this.webex.enqueue(json(200, rooms(0, 1000)).addHeader("Link", "<%s>; rel=\"next\"".formatted(page2)).build());
		this.webex
			.enqueue(json(200, rooms(1000, 2000)).addHeader("Link", "<%s>; rel=\"next\"".formatted(page2)).build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms()).satisfies((ex) -> {
			assertThat(ex.getReason()).isEqualTo(WebexApiException.Reason.MALFORMED);
			assertThat(ex.getWebexMessage()).isEqualTo("next-page link repeats an earlier page");
		});
		assertThat(this.webex.getRequestCount()).isEqualTo(2);
	}

	@Test
	void roomsWhenNextLinksNeverEndThenStopsAtPageLimit() {
		this.webex.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String cursor = request.getUrl().queryParameter("cursor");
				int next = (cursor != null) ? Integer.parseInt(cursor) + 1 : 1;
				// MockWebServer answers ~50 ms late on a reused connection: a fresh one
				// per page keeps 100 pages quick
				return json(200, rooms(0, 1)).setHeader("Connection", "close")
					.addHeader("Link", "<%s>; rel=\"next\"".formatted(url("/v1/rooms?max=1000&cursor=" + next)))
					.build();
			}

		});

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms())
			.extracting(WebexApiException::getWebexMessage)
			.isEqualTo("more than 100 pages");
		assertThat(this.webex.getRequestCount()).isEqualTo(WebexClient.MAX_PAGES);
	}

	@Test
	void roomsWhenBodyHasNoItemsThenMalformed() {
		this.webex.enqueue(json(200, "{\"message\":\"surprise\"}").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.rooms())
			.extracting(WebexApiException::getReason)
			.isEqualTo(WebexApiException.Reason.MALFORMED);
	}

	@Test
	void roomsWhenPagesFetchedThenTimesEachCallByEndpointWithoutQuery() {
		this.webex.enqueue(json(200, rooms(0, 1000))
			.addHeader("Link", "<%s>; rel=\"next\"".formatted(url("/v1/rooms?max=1000&cursor=page2")))
			.build());
		this.webex.enqueue(json(200, rooms(1000, 1001)).build());

		this.client.rooms();

		assertThat(this.meterRegistry.get("webex.api.calls").tag("endpoint", "/rooms").tag("status", "200").timer())
			.extracting(Timer::count)
			.isEqualTo(2L);
		assertThat(this.meterRegistry.get("webex.api.calls").meters()).map((meter) -> meter.getId().getTag("endpoint"))
			.containsOnly("/rooms");
		assertThat(this.meterRegistry.getMeters()).map(Meter::getId)
			.allSatisfy((id) -> assertThat(id.getTags()).noneMatch((tag) -> tag.getValue().contains("?")));
	}

	private String url(String pathAndQuery) {
		return this.webex.url(pathAndQuery).toString();
	}

}
