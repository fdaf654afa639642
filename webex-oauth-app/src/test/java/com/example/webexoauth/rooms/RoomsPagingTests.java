package com.example.webexoauth.rooms;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Accessibility;
import com.example.webexoauth.ApiClient;
import com.example.webexoauth.ApiClient.Response;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorStats.Counter;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages of rooms through real HTTP against the simulator: {@code /spaces} 100 rows at a
 * time with links that keep the filter and search, {@code /api/rooms} {@code limit} at a
 * time with a cursor that survives a refresh, bad values answered 400, and conditional
 * requests.
 */
class RoomsPagingTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of("webex.rooms.cache-ttl", "60s"));

	static Browser mega;

	static Browser zoe;

	static ApiClient zoeApi;

	static String zoeId;

	static List<String> zoesIdsByActivity;

	@BeforeAll
	static void signIn() {
		mega = new Browser();
		mega.signIn(app, "mega@example.com");
		zoe = new Browser();
		zoe.signIn(app, "zoe@example.com");
		zoeApi = ApiClient.signedInAs(app, zoe);
		zoeId = RoomsHttp.personId(app, zoe);
		zoesIdsByActivity = SimulatorRooms.of(app, zoe, "lastactivity")
			.stream()
			.map((room) -> room.get("id").asString())
			.toList();
	}

	@AfterEach
	void forgetZoesList() {
		// the added rooms are gone at the simulator (reset after each test): the cache
		// must not keep them
		app.bean(RoomCache.class).evict(zoeId);
	}

	@AfterAll
	static void stop() {
		mega.close();
		zoe.close();
	}

	@Test
	void spacesWhenFiveThousandRoomsThenFiftyPagesOfAHundredWalkedByTheirLinks() {
		HtmlPage page = mega.page(app.url("/spaces"));
		List<String> titles = new ArrayList<>(RoomsPageTests.titles(page));

		assertThat(RoomsPageTests.titles(page)).hasSize(100);
		assertThat(RoomsPageTests.resultCount(page)).isEqualTo("Showing 1–100 of 5,000");
		assertThat(RoomsPageTests.text(page, ".page-number")).isEqualTo("Page 1 of 50");
		assertThat((DomNode) page.querySelector("a[rel=prev]")).isNull();
		assertThat(((DomElement) page.querySelector("a[rel=next]")).getAttribute("href"))
			.isEqualTo("/spaces?type=all&page=2");
		for (int number = 2; number <= 50; number++) {
			page = RoomsPageTests.click(page.querySelector("a[rel=next]"));
			assertThat(RoomsPageTests.text(page, ".page-number")).isEqualTo("Page " + number + " of 50");
			titles.addAll(RoomsPageTests.titles(page));
		}
		assertThat((DomNode) page.querySelector("a[rel=next]")).isNull();
		assertThat(RoomsPageTests.resultCount(page)).isEqualTo("Showing 4,901–5,000 of 5,000");
		// titles repeat (direct rooms are named after people): compare with the whole
		// list in order
		assertThat(titles).hasSize(5000).containsExactlyElementsOf(allTitles(mega));
		assertThat(RoomsPageTests.titles(RoomsPageTests.click(page.querySelector("a[rel=first]"))))
			.containsExactlyElementsOf(titles.subList(0, 100));
		Accessibility.assertAccessible(page);
	}

	@Test
	void spacesWhenFilteredAndSearchedThenEveryPageLinkKeepsBothAndTheLastHasTheRemainder() {
		HtmlPage first = mega.page(app.url("/spaces?type=group&q=planning"));
		int count = Integer.parseInt(RoomsPageTests.resultCount(first).replaceFirst(".* of ", "").replace(",", ""));
		int pages = (count + 99) / 100;
		assertThat(count % 100).as("the last page is not full").isPositive();
		assertThat(pages).isGreaterThan(1);

		for (DomNode link : first.querySelectorAll(".pager a")) {
			assertThat(((DomElement) link).getAttribute("href")).contains("type=group", "q=planning");
		}
		HtmlPage last = RoomsPageTests.click(first.querySelector("a[rel=last]"));

		assertThat(last.getUrl().getQuery()).contains("type=group", "q=planning", "page=" + pages);
		assertThat(RoomsPageTests.titles(last)).hasSize(count % 100)
			.allSatisfy((title) -> assertThat(title.toLowerCase()).contains("planning"));
		assertThat(last.querySelectorAll("table.rooms .badge"))
			.allSatisfy((badge) -> assertThat(((DomElement) badge).getAttribute("class")).contains("badge-group"));
		assertThat(RoomsPageTests.resultCount(last))
			.isEqualTo("Showing %,d–%,d of %,d".formatted((pages - 1) * 100 + 1, count, count));
		assertThat(((HtmlInput) last.getHtmlElementById("q")).getValue()).isEqualTo("planning");
		for (DomNode link : last.querySelectorAll(".pager a")) {
			assertThat(((DomElement) link).getAttribute("href")).contains("type=group", "q=planning");
		}
	}

	@Test
	void spacesWhenTheSearchHasAnAmpersandThenThePageLinksKeepItWhole() {
		HtmlPage first = mega.page(app.url("/spaces?q=ops+%26+on-call"));

		HtmlPage second = RoomsPageTests.click(first.querySelector("a[rel=next]"));

		assertThat(((DomElement) first.querySelector("a[rel=next]")).getAttribute("href"))
			.isEqualTo("/spaces?type=all&q=ops%20%26%20on-call&page=2");
		assertThat(RoomsPageTests.text(second, ".page-number")).startsWith("Page 2 of ");
		assertThat(RoomsPageTests.titles(second)).isNotEmpty()
			.allSatisfy((title) -> assertThat(title).containsIgnoringCase("ops & on-call"));
		assertThat(((HtmlInput) second.getHtmlElementById("q")).getValue()).isEqualTo("ops & on-call");
	}

	@Test
	void spacesWhenThePageIsOutOfRangeOrNotANumberThenTheLastOrTheFirstPage() {
		HtmlPage beyond = mega.page(app.url("/spaces?page=999"));
		HtmlPage negative = mega.page(app.url("/spaces?page=-3"));
		HtmlPage garbage = mega.page(app.url("/spaces?page=abc"));

		assertThat(beyond.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat(RoomsPageTests.text(beyond, ".page-number")).isEqualTo("Page 50 of 50");
		assertThat(RoomsPageTests.text(negative, ".page-number")).isEqualTo("Page 1 of 50");
		assertThat(RoomsPageTests.text(garbage, ".page-number")).isEqualTo("Page 1 of 50");
		assertThat(RoomsPageTests.titles(zoe.page(app.url("/spaces?page=7")))).as("one page only").hasSize(25);
	}

	@Test
	void roomsWhenNoLimitThenTheFirstHundredAndANext() {
		JsonNode body = ApiClient.signedInAs(app, mega).get("/api/rooms").json();

		assertThat(body.get("items")).hasSize(100);
		assertThat(body.get("count").asInt()).isEqualTo(5000);
		assertThat(body.get("total").asInt()).isEqualTo(5000);
		assertThat(body.get("next").isString()).isTrue();
		assertThat(body.get("stale").asBoolean()).isFalse();
		assertThat(body.has("warning")).isFalse();
		assertThat(body.get("fetchedAt").asString()).isNotBlank();
	}

	@Test
	void roomsWhenWalkedTwoAtATimeThenEveryRoomOnceInOrderEvenWithARefreshInBetween() {
		WebexSimulator webex = SimulatedWebex.simulator();
		List<String> walked = new ArrayList<>();
		String next = null;
		int calls = 0;
		do {
			JsonNode body = zoeApi.get("/api/rooms?limit=2" + ((next != null) ? "&cursor=" + next : "")).json();
			assertThat(body.get("items").size()).isBetween(1, 2);
			body.get("items").forEach((room) -> walked.add(room.get("id").asString()));
			next = body.get("next").isNull() ? null : body.get("next").asString();
			if (++calls == 5) {
				// a new room at Webex, and a refresh that fetches it: newest, so first in
				// the order
				RoomsHttp.addRoom("zoe", "Added during the walk");
				webex.resetCalls();
				JsonNode refreshed = zoeApi.get("/api/rooms?limit=1&refresh=true").json();
				assertThat(webex.calls(Counter.ROOMS)).isOne();
				assertThat(refreshed.get("count").asInt()).isEqualTo(26);
				assertThat(refreshed.get("items").get(0).get("title").asString()).isEqualTo("Added during the walk");
			}
		}
		while (next != null);

		assertThat(calls).isEqualTo(13);
		assertThat(walked).as("no duplicates, no gaps, the order kept").containsExactlyElementsOf(zoesIdsByActivity);
	}

	@Test
	void roomsWhenWalkedInEachOrderWithAFilterThenTheSameAsOneBigPage() {
		for (String query : List.of("sortBy=title", "sortBy=created&type=group", "sortBy=id&q=e", "type=direct")) {
			List<String> whole = ids(zoeApi.get("/api/rooms?limit=1000&" + query).json());
			List<String> walked = new ArrayList<>();
			String next = null;
			do {
				JsonNode body = zoeApi.get("/api/rooms?limit=3&" + query + ((next != null) ? "&cursor=" + next : ""))
					.json();
				walked.addAll(ids(body));
				next = body.get("next").isNull() ? null : body.get("next").asString();
			}
			while (next != null);
			assertThat(walked).as(query).isNotEmpty().containsExactlyElementsOf(whole);
		}
	}

	@Test
	void roomsWhenLimitCursorOrRefreshIsInvalidThen400JsonNamingIt() {
		String titleCursor = zoeApi.get("/api/rooms?limit=2&sortBy=title").json().get("next").asString();
		Map<String, String> expected = Map.of("/api/rooms?limit=0", "limit", "/api/rooms?limit=1001", "limit",
				"/api/rooms?limit=ten", "limit", "/api/rooms?limit=-1", "limit", "/api/rooms?cursor=not-a-cursor",
				"cursor", "/api/rooms?cursor=%25%25%25", "cursor", "/api/rooms?sortBy=id&cursor=" + titleCursor,
				"cursor", "/api/rooms?cursor=" + "A".repeat(3000), "cursor", "/api/rooms?refresh=yes", "refresh");
		WebexSimulator webex = SimulatedWebex.simulator();
		webex.resetCalls();
		expected.forEach((path, parameter) -> {
			Response response = zoeApi.get(path);

			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/json");
			assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
			assertThat(response.json().get("message").asString()).as(path).startsWith(parameter + " must ");
			assertThat(response.body()).doesNotContain("not-a-cursor", titleCursor);
		});
		assertThat(webex.calls(Counter.REST_CALLS)).as("checked before asking Webex").isZero();
	}

	@Test
	void roomsWhenIfNoneMatchHasTheCurrentEtagThen304WithoutABody() {
		String session = zoe.cookie("SESSION");
		HttpResponse<String> first = AppHttp.get(app.url("/api/rooms?limit=5"), "Cookie", "SESSION=" + session);
		String etag = first.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> again = AppHttp.get(app.url("/api/rooms?limit=5"), "Cookie", "SESSION=" + session,
				"If-None-Match", etag);
		HttpResponse<String> otherPage = AppHttp.get(app.url("/api/rooms?limit=6"), "Cookie", "SESSION=" + session,
				"If-None-Match", etag);
		HttpResponse<String> refetched = AppHttp.get(app.url("/api/rooms?limit=5&refresh=true"), "Cookie",
				"SESSION=" + session, "If-None-Match", etag);
		RoomsHttp.addRoom("zoe", "Changes the list");
		app.bean(RoomCache.class).evict(zoeId);
		HttpResponse<String> changed = AppHttp.get(app.url("/api/rooms?limit=5"), "Cookie", "SESSION=" + session,
				"If-None-Match", etag);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(etag).startsWith("W/\"");
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.headers().firstValue("ETag")).hasValue(etag);
		assertThat(otherPage.statusCode()).isEqualTo(200);
		assertThat(refetched.statusCode()).as("the same rooms fetched again: the same ETag").isEqualTo(304);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
	}

	/** Every title in the page's order, from the API, 1,000 at a time. */
	private static List<String> allTitles(Browser browser) {
		ApiClient api = ApiClient.signedInAs(app, browser);
		List<String> titles = new ArrayList<>();
		String next = null;
		do {
			JsonNode body = api.get("/api/rooms?limit=1000" + ((next != null) ? "&cursor=" + next : "")).json();
			body.get("items").forEach((room) -> titles.add(room.get("title").asString()));
			next = body.get("next").isNull() ? null : body.get("next").asString();
		}
		while (next != null);
		return titles;
	}

	private static List<String> ids(JsonNode body) {
		return body.get("items").valueStream().map((room) -> room.get("id").asString()).toList();
	}

}
