package com.example.webexoauth.system;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Accessibility;
import com.example.webexoauth.ApiClient;
import com.example.webexoauth.ApiClient.Response;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.vault.GrantRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user and an API caller see when Webex fails behind a page: the friendly
 * {@code webex/failed} page (or a JSON error) with the status that fits, Webex's tracking
 * id when there is one, and nothing of the exception. Failures come from the simulator's
 * knobs, a grant without {@code spark:rooms_read}, and a stand-in Webex that answers
 * garbage.
 */
class WebexFailurePagesTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String TRACKING_ID = "ROUTER_[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}";

	static final String UNAVAILABLE = "Webex is unavailable right now. Please try again in a moment.";

	static final String TIMEOUT = "Webex took too long to answer. Please try again.";

	static final String FORBIDDEN = "Webex refused this request: the grant lacks a permission it needs.";

	static final String RATE_LIMITED = "Webex is limiting requests right now. Please wait a little and try again.";

	static final String MALFORMED = "Webex sent an answer we could not read. Please try again.";

	@TempDir
	static Path dataDir;

	static RunningApp app;

	static Browser browser;

	static ApiClient api;

	@BeforeAll
	static void signIn() {
		app = RunningApp.start(SimulatedWebex.appPort(0), dataDir, Map.of());
		browser = new Browser();
		assertThat(browser.signIn(app, "zoe@example.com").getElementById("spaces")).isNotNull();
		api = ApiClient.signedInAs(app, browser);
	}

	@AfterAll
	static void stop() {
		browser.close();
		app.close();
	}

	@Test
	void webexWhenFailingWith503OnEveryAttemptThen502PageAfterThreeAttempts() {
		knobs(Map.of("failEveryNth", 1, "failStatus", 503));

		HtmlPage spaces = browser.page(app.url("/spaces?type=group&q=caf%C3%A9"));

		assertThat(stats(Counter.INJECTED_FAILURES)).isEqualTo(3);
		assertFriendlyPage(spaces, 502, UNAVAILABLE, true);
		assertThat(tryAgain(spaces)).isEqualTo("/spaces?type=group&q=caf%C3%A9");
		assertFriendlyPage(browser.page(app.url("/profile")), 502, UNAVAILABLE, true);
		assertJsonError(api.get("/api/rooms"), 502, "webex_unavailable", UNAVAILABLE, true);
		assertJsonError(api.get("/api/me"), 502, "webex_unavailable", UNAVAILABLE, true);
	}

	@Test
	void webexWhenFailingWith500ThenNotRetriedAnd502Page() {
		knobs(Map.of("failEveryNth", 1, "failStatus", 500));

		HtmlPage spaces = browser.page(app.url("/spaces"));

		assertThat(stats(Counter.INJECTED_FAILURES)).isEqualTo(1);
		assertFriendlyPage(spaces, 502, UNAVAILABLE, true);
		assertJsonError(api.get("/api/rooms"), 502, "webex_unavailable", UNAVAILABLE, true);
	}

	@Test
	void webexWhenSlowerThanTheReadTimeoutThen504PageWithoutTrackingId() {
		// only this instance has the short read timeout: signing in stays unaffected
		try (RunningApp impatient = sameDatabase(2, Map.of("webex.http.read-timeout", "500ms"))) {
			knobs(Map.of("latency", "1500ms"));

			assertFriendlyPage(browser.page(impatient.url("/spaces")), 504, TIMEOUT, false);
			assertFriendlyPage(browser.page(impatient.url("/profile")), 504, TIMEOUT, false);
			Response response = ApiClient.signedInAs(impatient, browser).get("/api/rooms");
			assertJsonError(response, 504, "webex_timeout", TIMEOUT, false);
			double attempts = impatient.bean(MeterRegistry.class)
				.get("webex.api.calls")
				.tag("status", "IO_ERROR")
				.timers()
				.stream()
				.mapToLong(Timer::count)
				.sum();
			assertThat(attempts).as("read timeouts are not retried").isEqualTo(3);
			// the shared simulator is still holding those calls: let them finish before
			// the next test changes its knobs
			awaitRestCalls(3);
		}
	}

	@Test
	void webexWhenRateLimitingLongerThanTheRetryBudgetThen503PageAtOnce() {
		// an instance of its own: it keeps the user's calls back for the minute Webex
		// asked
		try (RunningApp limited = sameDatabase(2, Map.of())) {
			knobs(Map.of("rateLimitEveryNth", 1, "retryAfter", "60s"));

			HtmlPage spaces = browser.page(limited.url("/spaces"));

			assertThat(stats(Counter.RATE_LIMITED)).isEqualTo(1);
			assertFriendlyPage(spaces, 503, RATE_LIMITED, true);
			assertThat(spaces.getWebResponse().getResponseHeaderValue("Retry-After")).isEqualTo("60");
			Response response = ApiClient.signedInAs(limited, browser).get("/api/rooms");
			assertJsonError(response, 503, "webex_rate_limited", RATE_LIMITED, true);
			assertThat(response.retryAfter())
				.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(50, 60));
			assertThat(stats(Counter.RATE_LIMITED)).as("the user's next call waited, unsent").isEqualTo(1);
		}
	}

	@Test
	void roomsWhenTheGrantLacksTheRoomsScopeThen403PageButProfileWorks() {
		try (RunningApp peopleOnly = RunningApp.start(SimulatedWebex.appPort(1), dataDir.resolve("people-only"),
				Map.of("webex.scopes", "spark:people_read")); Browser user = new Browser()) {
			user.signIn(peopleOnly, "rahul@example.com");
			ApiClient rahul = ApiClient.signedInAs(peopleOnly, user);

			assertFriendlyPage(user.page(peopleOnly.url("/spaces")), 403, FORBIDDEN, true);
			assertJsonError(rahul.get("/api/rooms"), 403, "webex_forbidden", FORBIDDEN, true);
			HtmlPage profile = user.page(peopleOnly.url("/profile"));
			assertThat(profile.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(profile.getHtmlElementById("display-name").getTextContent()).isEqualTo("Rahul Deshpande");
			assertThat(rahul.get("/api/me").status()).isEqualTo(200);
		}
	}

	@Test
	void webexWhenAnsweringUnreadableJsonThen502PageWithItsTrackingId() throws IOException {
		try (MockWebServer garbled = new MockWebServer()) {
			garbled.setDispatcher(new GarbledWebex());
			garbled.start();
			try (RunningApp other = sameDatabase(2, Map.of("webex.api-base-url", garbled.url("/v1").toString()))) {
				// zoe's grant must come from this Webex to be used with it
				GrantRows.copyTo(other.bean(JdbcTemplate.class), garbled.url("/v1").toString());
				ApiClient otherApi = ApiClient.signedInAs(other, browser);

				HtmlPage spaces = browser.page(other.url("/spaces"));
				assertFriendlyPage(spaces, 502, MALFORMED, true);
				assertThat(trackingId(spaces)).isEqualTo("ROUTER_GARBLED_ROOMS");
				HtmlPage profile = browser.page(other.url("/profile"));
				assertFriendlyPage(profile, 502, MALFORMED, true);
				assertThat(trackingId(profile)).isEqualTo("ROUTER_GARBLED_ME");
				Response rooms = otherApi.get("/api/rooms");
				assertJsonError(rooms, 502, "webex_malformed", MALFORMED, true);
				assertThat(rooms.json().get("trackingId").asString()).isEqualTo("ROUTER_GARBLED_ROOMS");
				assertJsonError(otherApi.get("/api/me"), 502, "webex_malformed", MALFORMED, true);
				assertThat(garbled.getRequestCount()).isEqualTo(4);
			}
		}
	}

	/**
	 * A second instance on the class's database and key file: the browser's session and
	 * zoe's grant work there too (cookies ignore the port), but with other settings.
	 */
	static RunningApp sameDatabase(int portIndex, Map<String, Object> overrides) {
		return RunningApp.start(SimulatedWebex.appPort(portIndex), dataDir, overrides);
	}

	static void assertFriendlyPage(HtmlPage page, int status, String message, boolean withTrackingId) {
		String body = page.getWebResponse().getContentAsString();
		assertThat(page.getWebResponse().getStatusCode()).as(body).isEqualTo(status);
		assertThat(page.querySelector("h1").getTextContent()).isEqualTo("Webex could not answer");
		assertThat(page.querySelector("section.problem p").getTextContent()).startsWith(message);
		DomElement trackingId = page.getElementById("tracking-id");
		if (withTrackingId) {
			assertThat(trackingId).isNotNull();
			assertThat(trackingId.getTextContent()).matches("ROUTER_[A-Z0-9_-]+");
		}
		else {
			assertThat(trackingId).isNull();
		}
		assertNothingOfTheException(body);
		Accessibility.assertAccessible(page);
	}

	static void assertJsonError(Response response, int status, String error, String message, boolean withTrackingId) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode body = response.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("error", "message", "trackingId");
		assertThat(body.get("error").asString()).isEqualTo(error);
		assertThat(body.get("message").asString()).startsWith(message);
		if (withTrackingId) {
			assertThat(body.get("trackingId").asString()).matches("ROUTER_[A-Z0-9_-]+");
		}
		else {
			assertThat(body.get("trackingId").isNull()).isTrue();
		}
		assertNothingOfTheException(response.body());
	}

	static void assertNothingOfTheException(String body) {
		assertThat(body).doesNotContain("Exception", "exception", "\tat ", "com.example", "java.", "Caused by",
				"HTTP 5", "/v1/", "Bearer");
	}

	static String trackingId(HtmlPage page) {
		return page.getHtmlElementById("tracking-id").getTextContent();
	}

	static String tryAgain(HtmlPage page) {
		return page.querySelectorAll("section.problem a.button-primary")
			.stream()
			.map((link) -> ((DomElement) link).getAttribute("href"))
			.findFirst()
			.orElseThrow();
	}

	static void knobs(Map<String, Object> changes) {
		SimulatedWebex.simulator().settings().update(changes);
		SimulatedWebex.simulator().resetCalls();
	}

	static void awaitRestCalls(long calls) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (stats(Counter.REST_CALLS) < calls && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		assertThat(stats(Counter.REST_CALLS)).isEqualTo(calls);
	}

	static long stats(Counter counter) {
		return SimulatedWebex.simulator().calls(counter);
	}

	/**
	 * A Webex that answers 200 with JSON that breaks off, or with a proxy's HTML page.
	 */
	static final class GarbledWebex extends Dispatcher {

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			String path = request.getUrl().encodedPath();
			if (path.equals("/v1/rooms")) {
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.setHeader("TrackingID", "ROUTER_GARBLED_ROOMS")
					.body("{\"items\":[{\"id\":\"r-1\",\"title\":\"Half a ro")
					.build();
			}
			if (path.equals("/v1/people/me")) {
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.setHeader("TrackingID", "ROUTER_GARBLED_ME")
					.body("<html><body>Gateway says hi</body></html>")
					.build();
			}
			return new MockResponse.Builder().code(404).build();
		}

	}

}
