package com.example.webexoauth.rooms;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.ApiClient;
import com.example.webexoauth.ApiClient.Response;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webexoauth.rooms.RoomsHttp.ClockBean;
import com.example.webex.simulator.SimulatorSettings;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.vault.store.GrantSummary;
import com.example.webex.vault.TokenVault;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webex rate-limiting a user, through real HTTP against the simulator: the cached list,
 * marked stale, instead of an error; with nothing cached a 503 with {@code Retry-After}
 * within the request's deadline; and whatever {@code Retry-After} says, an answer within
 * the deadline and never a 500.
 */
class RoomsRateLimitTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	/** Generous: the answers here need at most 2 s of waiting on an idle machine. */
	static final Duration DEADLINE = Duration.ofSeconds(20);

	static final String RATE_LIMITED = "Webex is limiting requests right now. Please wait a little and try again.";

	@TempDir
	static Path dataDir;

	static RunningApp app;

	static Browser zoe;

	static ApiClient zoeApi;

	static String zoeId;

	final WebexSimulator webex = SimulatedWebex.simulator();

	final SimulatorSettings settings = SimulatedWebex.simulator().settings();

	@BeforeAll
	static void signIn() {
		// less retry waiting than the 15 s a Retry-After without a number stands for
		app = RunningApp.start(SimulatedWebex.appPort(0), dataDir,
				Map.of("webex.http.max-retry-wait", "10s", "webex.rooms.cache-ttl", "60s"), ClockBean.class);
		zoe = new Browser();
		zoe.signIn(app, "zoe@example.com");
		zoeApi = ApiClient.signedInAs(app, zoe);
		zoeId = RoomsHttp.personId(app, zoe);
	}

	@AfterEach
	void forget() throws InterruptedException {
		ClockBean.clock.reset();
		app.bean(RoomCache.class).evict(zoeId);
		// the user's own rate limit (at most the 1 s the simulator announces) runs out
		Thread.sleep(1100);
	}

	@AfterAll
	static void stop() {
		zoe.close();
		app.close();
	}

	@Test
	void spacesWhenEveryCallIsRateLimitedAndTheCacheHoldsAListThenThatListMarkedStale() {
		assertThat(RoomsPageTests.titles(zoe.page(app.url("/spaces")))).hasSize(25);
		ClockBean.clock.advance(Duration.ofSeconds(61));
		this.settings.update(Map.of("rateLimitEveryNth", 1, "retryAfter", "1s"));
		this.webex.resetCalls();

		HtmlPage page = zoe.page(app.url("/spaces"));
		Response api = zoeApi.get("/api/rooms");

		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat(RoomsPageTests.titles(page)).hasSize(25);
		assertThat(RoomsPageTests.text(page, "p.stale"))
			.startsWith("Webex is limiting requests right now, so this list");
		assertThat(RoomsPageTests.text(page, ".age")).isEqualTo("Fetched from Webex 61 seconds ago");
		assertThat(api.status()).isEqualTo(200);
		JsonNode body = api.json();
		assertThat(body.get("items")).hasSize(25);
		assertThat(body.get("stale").asBoolean()).isTrue();
		assertThat(body.get("warning").asString()).startsWith("110 Response is stale")
			.contains(body.get("fetchedAt").asString());
		assertThat(this.webex.calls(Counter.RATE_LIMITED)).as("one 429, then the user's limit kept calls back").isOne();
		assertThat(this.webex.calls(Counter.ROOMS)).isZero();

		this.settings.reset();
		ClockBean.clock.advance(Duration.ofSeconds(2));
		awaitRateLimitOver();
		HtmlPage recovered = zoe.page(app.url("/spaces"));
		assertThat((DomNode) recovered.querySelector("p.stale")).as("fetched again once Webex answers").isNull();
		assertThat(this.webex.calls(Counter.ROOMS)).isOne();
	}

	@Test
	void spacesWhenEveryCallIsRateLimitedAndTheCacheIsEmptyThen503WithRetryAfterWithinTheDeadline() {
		this.settings.update(Map.of("rateLimitEveryNth", 1, "retryAfter", "1s"));
		long start = System.nanoTime();

		HtmlPage page = zoe.page(app.url("/spaces"));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(503);
		assertThat(page.getWebResponse().getResponseHeaderValue("Retry-After")).isEqualTo("1");
		assertThat(page.asNormalizedText()).contains(RATE_LIMITED);
		assertThat(this.webex.calls(Counter.RATE_LIMITED)).as("waited out twice, then gave up").isEqualTo(3);

		start = System.nanoTime();
		Response api = zoeApi.get("/api/rooms");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
		assertThat(api.status()).isEqualTo(503);
		assertThat(api.retryAfter()).hasValue("1");
		assertThat(api.json().get("error").asString()).isEqualTo("webex_rate_limited");
	}

	@Test
	void spacesWhenRetryAfterIsAbsurdThenAnAnswerWithinTheDeadlineAndNever500() {
		// one user per value: each stays rate-limited as long as its Retry-After said (a
		// day)
		Map<String, String> values = Map.of("rahul@example.com", "9223372036854775", "chen@example.com",
				"99999999999999999999999", "sam@example.com", "Fri, 31 Dec 9999 23:59:59 GMT", "bulk@example.com", "-5",
				"mega@example.com", "garbage");
		values.forEach((user, retryAfter) -> {
			try (Browser browser = new Browser()) {
				browser.signIn(app, user);
				String personId = RoomsHttp.personId(app, browser);
				GrantSummary before = app.bean(TokenVault.class).summary(personId).orElseThrow();
				this.settings.update(Map.of("rateLimitEveryNth", 1, "retryAfterHeader", retryAfter));
				this.webex.resetCalls();
				long start = System.nanoTime();

				HttpResponse<String> page = AppHttp.get(app.url("/spaces"), "Cookie",
						"SESSION=" + browser.cookie("SESSION"));
				Response api = ApiClient.signedInAs(app, browser).get("/api/rooms");

				assertThat(Duration.ofNanos(System.nanoTime() - start)).as(retryAfter).isLessThan(DEADLINE);
				assertThat(page.statusCode()).as(retryAfter).isEqualTo(503);
				assertThat(page.body()).contains(RATE_LIMITED);
				assertThat(api.status()).as(retryAfter).isEqualTo(503);
				assertThat(api.json().get("error").asString()).isEqualTo("webex_rate_limited");
				if (retryAfter.matches("[0-9]+|.*GMT")) {
					// capped at a day: come back then, not in 292 million years
					assertThat(page.headers().firstValue("Retry-After")).as(retryAfter).hasValue("86400");
					assertThat(api.retryAfter()).as(retryAfter).hasValue("86400");
				}
				else {
					// no usable value: none passed on
					assertThat(page.headers().firstValue("Retry-After")).as(retryAfter).isEmpty();
				}
				assertThat(this.webex.calls(Counter.RATE_LIMITED)).as("the API call did not reach Webex").isOne();
				assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isZero();
				assertThat(app.bean(TokenVault.class).summary(personId)).as("the grant is untouched").hasValue(before);
				this.settings.reset();
			}
		});
	}

	private void awaitRateLimitOver() {
		try {
			Thread.sleep(1100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
