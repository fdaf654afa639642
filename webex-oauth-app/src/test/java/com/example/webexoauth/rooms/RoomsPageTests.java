package com.example.webexoauth.rooms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Accessibility;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorStats.Counter;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /spaces} through real HTTP against the simulator: every room in the right order
 * with its type, last activity and locked state, the counts, the filters, escaping, and a
 * user with 2,500 rooms over Webex's defective next-page links.
 */
class RoomsPageTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String SCRIPT_TITLE = "<script>alert('x')</script> & \"friends\"";

	static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of("webex.rooms.cache-ttl", "60s"));

	static Browser zoe;

	static List<JsonNode> zoesRooms;

	@BeforeAll
	static void signIn() {
		zoe = new Browser();
		zoe.signIn(app, "zoe@example.com");
		zoesRooms = SimulatorRooms.of(app, zoe, "lastactivity");
	}

	@AfterAll
	static void stop() {
		zoe.close();
	}

	@Test
	void spacesWhenSignedInThenEveryRoomNewestActivityFirstWithTypeActivityAndLock() {
		HtmlPage page = zoe.page(app.url("/spaces"));

		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
		List<DomNode> rows = page.querySelectorAll("table.rooms tbody tr");
		assertThat(zoesRooms).hasSize(25);
		assertThat(rows).hasSize(25);
		for (int i = 0; i < rows.size(); i++) {
			JsonNode room = zoesRooms.get(i);
			DomNode row = rows.get(i);
			String type = room.get("type").asString();
			Instant lastActivity = Instant.parse(room.get("lastActivity").asString());
			assertThat(text(row, "td.room-title")).as("row %d", i).isEqualTo(room.get("title").asString());
			DomElement badge = (DomElement) row.querySelector(".badge");
			assertThat(badge.getAttribute("class")).contains("badge-" + type);
			assertThat(badge.getTextContent()).isEqualTo("group".equals(type) ? "Group" : "Direct");
			DomElement time = (DomElement) row.querySelector("time");
			assertThat(time.getTextContent()).isEqualTo(PAGE_DATE.format(lastActivity));
			assertThat(Instant.parse(time.getAttribute("datetime"))).isEqualTo(lastActivity);
			assertThat(row.querySelectorAll("td").get(3).getTextContent())
				.isEqualTo(room.get("isLocked").asBoolean() ? "Locked" : "No");
		}
		assertThat(rows).extracting((row) -> text(row, "td:nth-child(4)")).contains("Locked", "No");
	}

	@Test
	void spacesWhenSignedInThenCountsLineAgreesWithTheRows() {
		HtmlPage page = zoe.page(app.url("/spaces"));

		long groups = zoesRooms.stream().filter((room) -> "group".equals(room.get("type").asString())).count();
		long rowsOfGroups = page.querySelectorAll("table.rooms .badge-group").size();
		long rowsOfDirects = page.querySelectorAll("table.rooms .badge-direct").size();
		assertThat(rowsOfGroups).isEqualTo(groups).isPositive();
		assertThat(rowsOfDirects).isEqualTo(25 - groups).isPositive();
		assertThat(countsLine(page)).isEqualTo("25 spaces: " + rowsOfGroups + " group, " + rowsOfDirects + " direct");
		assertThat(resultCount(page)).isEqualTo("Showing 25");
		assertThat((DomNode) page.querySelector("p.empty")).isNull();
	}

	@Test
	void spacesWhenFilteredByTypeThenOnlyThatTypeAndCountsUnchanged() {
		HtmlPage all = zoe.page(app.url("/spaces"));
		for (String type : List.of("group", "direct")) {
			HtmlPage page = zoe.page(app.url("/spaces?type=" + type));

			List<String> expected = zoesRooms.stream()
				.filter((room) -> type.equals(room.get("type").asString()))
				.map((room) -> room.get("title").asString())
				.toList();
			assertThat(titles(page)).as(type).isNotEmpty().containsExactlyElementsOf(expected);
			assertThat(page.querySelectorAll("table.rooms .badge")).hasSize(expected.size())
				.allSatisfy(
						(badge) -> assertThat(((DomElement) badge).getAttribute("class")).contains("badge-" + type));
			assertThat(countsLine(page)).isEqualTo(countsLine(all));
			assertThat(resultCount(page)).isEqualTo("Showing " + expected.size());
			assertThat(((HtmlRadioButtonInput) page.getHtmlElementById("type-" + type)).isChecked()).isTrue();
			assertThat(((HtmlRadioButtonInput) page.getHtmlElementById("type-all")).isChecked()).isFalse();
		}
	}

	@Test
	void spacesWhenSearchedThroughTheFormThenTitlesContainingTheTextIgnoringCase() {
		HtmlPage page = zoe.page(app.url("/spaces"));
		HtmlForm form = (HtmlForm) page.querySelector("form.filters");
		((HtmlInput) page.getHtmlElementById("q")).setValue("münchen");
		((HtmlRadioButtonInput) page.getHtmlElementById("type-group")).setChecked(true);

		HtmlPage result = click(page.getHtmlElementById("apply"));

		assertThat(form.getMethodAttribute()).isEqualToIgnoringCase("get");
		assertThat(result.getUrl().getPath()).isEqualTo("/spaces");
		assertThat(titles(result)).containsExactly("Übergabe: Release 4.2 (München)");
		assertThat(((HtmlInput) result.getHtmlElementById("q")).getValue()).isEqualTo("münchen");
		assertThat(countsLine(result)).startsWith("25 spaces:");
	}

	@Test
	void spacesWhenSearchedInAnyCaseThenSameRooms() {
		List<String> lower = titles(zoe.page(app.url("/spaces?q=caf%C3%A9")));
		List<String> upper = titles(zoe.page(app.url("/spaces?q=CAF%C3%89")));
		List<String> groupMatches = titles(zoe.page(app.url("/spaces?q=%C3%A9quipe")));

		assertThat(lower).containsExactly("Café ☕ & Chat");
		assertThat(upper).isEqualTo(lower);
		assertThat(groupMatches).containsExactly("Équipe Paris — Support");
	}

	@Test
	void spacesWhenNothingMatchesThenSaysSoWithoutATable() {
		HtmlPage page = zoe.page(app.url("/spaces?q=no+such+space+anywhere"));

		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat((DomNode) page.querySelector("table.rooms")).isNull();
		assertThat(text(page, "p.empty")).isEqualTo("No spaces match this filter.");
		assertThat(resultCount(page)).isEqualTo("Showing 0");
		assertThat(countsLine(page)).startsWith("25 spaces:");
	}

	@Test
	void spacesWhenTheUserIsInNoSpaceThenSaysSoRatherThanBlamingTheFilter() {
		try (Browser sam = new Browser()) {
			sam.signIn(app, "sam@example.com");

			HtmlPage page = sam.page(app.url("/spaces"));

			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(countsLine(page)).isEqualTo("0 spaces: 0 group, 0 direct");
			assertThat(text(page, "p.empty")).isEqualTo("You are not in any spaces yet.");
			assertThat((DomNode) page.querySelector("table.rooms")).isNull();
		}
	}

	@Test
	void spacesWhenTypeIsUnknownThenShowsEverything() {
		HtmlPage page = zoe.page(app.url("/spaces?type=bogus"));

		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat(titles(page)).hasSize(25);
		assertThat(((HtmlRadioButtonInput) page.getHtmlElementById("type-all")).isChecked()).isTrue();
	}

	@Test
	void spacesWhenTitleContainsMarkupThenShownAsTextNeverAsMarkup() {
		HtmlPage page = zoe.page(app.url("/spaces"));
		String source = page.getWebResponse().getContentAsString();

		assertThat(titles(page)).contains(SCRIPT_TITLE, "Ops \"war room\" / 'blameless' 100% <b>bold</b>",
				"Budget 2026 <draft>");
		assertThat(source).doesNotContain("<script>").doesNotContain("<b>bold</b>").doesNotContain("<draft>");
		assertThat(source).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;");
		assertThat(page.getElementsByTagName("script")).isEmpty();
		assertThat(page.getElementsByTagName("b")).isEmpty();

		// rows of any other list are rendered per request rather than kept: the same
		HtmlPage searched = zoe.page(app.url("/spaces?q=friends"));
		assertThat(titles(searched)).containsExactly(SCRIPT_TITLE);
		assertThat(searched.getWebResponse().getContentAsString()).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;");
		assertThat(searched.getElementsByTagName("script")).isEmpty();
	}

	@Test
	void spacesWhenRenderedThenAccessibleWithResultsAndWithout() {
		Accessibility.assertAccessible(zoe.page(app.url("/spaces")));
		Accessibility.assertAccessible(zoe.page(app.url("/spaces?q=no+such+space")));
	}

	@Test
	void spacesWhenTheBrowserPrefersGermanThenEnglishPageMarkedAsEnglish() {
		zoe.client().addRequestHeader("Accept-Language", "de-DE,de;q=0.9");
		try {
			HtmlPage page = zoe.page(app.url("/spaces"));

			assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("en");
			assertThat(page.querySelector("h1").getTextContent()).isEqualTo("Your spaces");
		}
		finally {
			zoe.client().removeRequestHeader("Accept-Language");
		}
	}

	@Test
	void spacesWhenTwoAndAHalfThousandRoomsOverDefectiveNextLinksThenAllInThreeCallsAndPagesOfAHundred() {
		try (Browser bulk = new Browser()) {
			// numbers are formatted as English, like the sentence around them
			bulk.client().addRequestHeader("Accept-Language", "de-DE,de;q=0.9");
			bulk.signIn(app, "bulk@example.com");
			SimulatedWebex.simulator().settings().update(Map.of("nextLinkDefects", true));
			WebexSimulator webex = SimulatedWebex.simulator();
			webex.resetCalls();

			HtmlPage page = bulk.page(app.url("/spaces"));

			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(webex.calls(Counter.ROOMS)).isEqualTo(3);
			assertThat(webex.calls(Counter.REST_CALLS)).isEqualTo(3);
			assertThat(webex.calls(Counter.ERRORS)).isZero();
			assertThat(resultCount(page)).isEqualTo("Showing 1–100 of 2,500");
			assertThat(countsLine(page)).startsWith("2,500 spaces: ");
			List<String> titles = titles(page);
			assertThat(titles).hasSize(100);

			// the API walks the same list in the same order, from the cache
			List<JsonNode> items = new ArrayList<>();
			String next = null;
			do {
				JsonNode api = SimulatorRooms
					.json(bulk.get(app.url("/api/rooms?limit=1000" + ((next != null) ? "&cursor=" + next : "")))
						.getWebResponse()
						.getContentAsString(StandardCharsets.UTF_8));
				assertThat(api.get("count").asInt()).isEqualTo(2500);
				assertThat(api.get("total").asInt()).isEqualTo(2500);
				api.get("items").forEach(items::add);
				next = api.get("next").isNull() ? null : api.get("next").asString();
			}
			while (next != null);
			assertThat(items.stream().map((room) -> room.get("id").asString())).hasSize(2500).doesNotHaveDuplicates();
			assertThat(items.subList(0, 100).stream().map((room) -> room.get("title").asString()))
				.containsExactlyElementsOf(titles);
			assertThat(webex.calls(Counter.ROOMS)).as("answered from the cache").isEqualTo(3);
		}
	}

	static List<String> titles(HtmlPage page) {
		return page.querySelectorAll("td.room-title").stream().map(DomNode::getTextContent).toList();
	}

	static String countsLine(HtmlPage page) {
		return text(page, "p.counts");
	}

	static String resultCount(HtmlPage page) {
		return text(page, "p.result-count");
	}

	static String text(DomNode node, String selector) {
		return node.querySelector(selector).getTextContent().strip();
	}

	static HtmlPage click(DomElement element) {
		try {
			return element.click();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
