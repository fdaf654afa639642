package com.example.webexoauth.rooms;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webexoauth.rooms.RoomsHttp.ClockBean;
import com.example.webex.simulator.SimulatorStats.Counter;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room list cache through real HTTP against the simulator: one fetch per user however
 * many requests ask at once, none within the TTL, one again after it, one per burst with
 * the cache off; Refresh, limited to one every 10 s; the list dropped on sign-out and
 * Disconnect.
 */
class RoomsCacheTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	/**
	 * Long enough that all 40 requests arrive while the 5 pages (5,000 rooms) are
	 * fetched.
	 */
	static final String LATENCY = "400ms";

	@TempDir
	static Path uncachedDataDir;

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of("webex.rooms.cache-ttl", "60s"), ClockBean.class);

	static Browser mega;

	static Browser zoe;

	static String megaId;

	static String zoeId;

	final WebexSimulator webex = SimulatedWebex.simulator();

	@BeforeAll
	static void signIn() {
		mega = new Browser();
		mega.signIn(app, "mega@example.com");
		megaId = RoomsHttp.personId(app, mega);
		zoe = new Browser();
		zoe.signIn(app, "zoe@example.com");
		zoeId = RoomsHttp.personId(app, zoe);
	}

	@AfterEach
	void forget() {
		ClockBean.clock.reset();
		app.bean(RoomCache.class).evict(megaId);
		app.bean(RoomCache.class).evict(zoeId);
	}

	@AfterAll
	static void stop() {
		mega.close();
		zoe.close();
	}

	@Test
	void spacesWhenFortyAtOnceForTheBiggestUserThenOneFetchThenNoneWithinTheTtlThenOneAfterIt() throws Exception {
		SimulatedWebex.simulator().settings().update(Map.of("latency", LATENCY));
		this.webex.resetCalls();

		assertAllOk(RoomsHttp.concurrently(40, app.url("/spaces"), mega.cookie("SESSION")));
		assertThat(this.webex.calls(Counter.ROOMS)).as("one fetch: 5 pages of 1,000").isEqualTo(5);

		assertAllOk(RoomsHttp.concurrently(40, app.url("/spaces"), mega.cookie("SESSION")));
		assertThat(this.webex.calls(Counter.ROOMS)).as("within the TTL: from the cache").isEqualTo(5);

		ClockBean.clock.advance(Duration.ofSeconds(61));
		assertAllOk(RoomsHttp.concurrently(40, app.url("/spaces"), mega.cookie("SESSION")));
		assertThat(this.webex.calls(Counter.ROOMS)).as("after the TTL: one fetch again").isEqualTo(10);
		assertThat(this.webex.calls(Counter.REST_CALLS)).isEqualTo(10);
		assertThat(AppHttp.get(app.url("/actuator/prometheus")).body())
			.containsPattern("(?m)^cache_gets_total\\{[^}]*cache=\"rooms\"[^}]*result=\"hit\"[^}]*\\} [1-9]")
			.containsPattern("(?m)^cache_size\\{[^}]*cache=\"rooms\"[^}]*\\} [1-9]");
	}

	@Test
	void spacesWhenTheCacheIsOffThenFortyAtOnceStillShareOneFetch() throws Exception {
		try (RunningApp uncached = RunningApp.start(SimulatedWebex.appPort(1), uncachedDataDir,
				Map.of("webex.rooms.cache-ttl", "0")); Browser user = new Browser()) {
			user.signIn(uncached, "mega@example.com");
			SimulatedWebex.simulator().settings().update(Map.of("latency", LATENCY));
			this.webex.resetCalls();

			assertAllOk(RoomsHttp.concurrently(40, uncached.url("/spaces"), user.cookie("SESSION")));
			assertThat(this.webex.calls(Counter.ROOMS)).as("one shared fetch").isEqualTo(5);

			assertAllOk(RoomsHttp.concurrently(40, uncached.url("/api/rooms"), user.cookie("SESSION")));
			assertThat(this.webex.calls(Counter.ROOMS)).as("nothing kept: the next burst fetches again").isEqualTo(10);
		}
	}

	@Test
	void spacesWhenRefreshedThenShowsARoomAddedSinceAndASecondRefreshWithinTenSecondsComesFromTheCache() {
		HtmlPage before = zoe.page(app.url("/spaces"));
		assertThat(RoomsPageTests.titles(before)).hasSize(25);
		assertThat(RoomsPageTests.text(before, ".age")).isEqualTo("Fetched from Webex just now");
		RoomsHttp.addRoom("zoe", "Added since the last fetch");
		this.webex.resetCalls();

		HtmlPage cached = zoe.page(app.url("/spaces"));
		assertThat(RoomsPageTests.titles(cached)).hasSize(25).doesNotContain("Added since the last fetch");
		ClockBean.clock.advance(Duration.ofSeconds(30));
		assertThat(RoomsPageTests.text(zoe.page(app.url("/spaces")), ".age"))
			.isEqualTo("Fetched from Webex 30 seconds ago");

		HtmlPage refreshed = RoomsPageTests.click(zoe.page(app.url("/spaces")).getHtmlElementById("refresh"));
		assertThat(refreshed.getUrl().getQuery()).contains("refresh=true");
		assertThat(RoomsPageTests.titles(refreshed)).hasSize(26).first().isEqualTo("Added since the last fetch");
		assertThat(RoomsPageTests.text(refreshed, ".age")).isEqualTo("Fetched from Webex just now");
		assertThat(this.webex.calls(Counter.ROOMS)).isOne();
		assertThat((DomElement) refreshed.querySelector("p.notice")).isNull();

		RoomsHttp.addRoom("zoe", "Added after the refresh");
		HtmlPage again = RoomsPageTests.click(refreshed.getHtmlElementById("refresh"));
		assertThat(RoomsPageTests.titles(again)).hasSize(26).doesNotContain("Added after the refresh");
		assertThat(RoomsPageTests.text(again, "p.notice"))
			.isEqualTo("This list was refreshed less than 10 seconds ago, so it is shown as it was then.");
		assertThat(this.webex.calls(Counter.ROOMS)).as("the second refresh came from the cache").isOne();
	}

	@Test
	void spacesWhenRefreshedThenKeepsTheFilterAndSearch() {
		HtmlPage page = zoe.page(app.url("/spaces?type=group&q=caf%C3%A9"));

		HtmlPage refreshed = RoomsPageTests.click(page.getHtmlElementById("refresh"));

		assertThat(RoomsPageTests.titles(refreshed)).containsExactly("Café ☕ & Chat");
		assertThat(refreshed.getUrl().getQuery()).contains("type=group", "q=caf", "refresh=true");
	}

	@Test
	void spacesWhenSignedOutAndInAgainThenTheListIsFetchedAgain() throws Exception {
		try (Browser user = new Browser()) {
			user.signIn(app, "zoe@example.com");
			user.page(app.url("/spaces"));
			RoomsHttp.addRoom("zoe", "Added before signing out");
			assertThat(RoomsPageTests.titles(user.page(app.url("/spaces")))).hasSize(25);

			HtmlPage signedOut = ((DomElement) user.page(app.url("/spaces"))
				.getFirstByXPath("//form[@action='/logout']/button")).click();
			assertThat(signedOut.getUrl().getPath()).isEqualTo("/");
			user.signIn(app, "zoe@example.com");

			assertThat(RoomsPageTests.titles(user.page(app.url("/spaces")))).hasSize(26)
				.contains("Added before signing out");
		}
	}

	@Test
	void spacesWhenDisconnectedAndConnectedAgainThenTheListIsFetchedAgain() throws Exception {
		try (Browser user = new Browser()) {
			user.signIn(app, "zoe@example.com");
			user.page(app.url("/spaces"));
			RoomsHttp.addRoom("zoe", "Added before disconnecting");

			HtmlPage disconnected = ((DomElement) user.page(app.url("/profile")).getElementById("disconnect")).click();
			assertThat(disconnected.getUrl().getPath()).isEqualTo("/");
			user.signIn(app, "zoe@example.com");

			assertThat(RoomsPageTests.titles(user.page(app.url("/spaces")))).hasSize(26)
				.contains("Added before disconnecting");
		}
		// the grant zoe holds again serves the other browser's session too
		assertThat(zoe.page(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
	}

	private static void assertAllOk(List<HttpResponse<String>> responses) {
		assertThat(responses).hasSize(40)
			.allSatisfy((response) -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200));
	}

}
