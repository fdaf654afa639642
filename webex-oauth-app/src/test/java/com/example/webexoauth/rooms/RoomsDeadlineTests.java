package com.example.webexoauth.rooms;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.ApiClient;
import com.example.webexoauth.ApiClient.Response;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.vault.store.GrantSummary;
import com.example.webex.vault.TokenVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One deadline for all of a request's Webex calls ({@code WEBEX_REQUEST_DEADLINE}),
 * through real HTTP against a simulator slower than it: a 504 page or JSON at the
 * deadline, for the request that fetches and for those waiting on its fetch, and the
 * grant left as it was.
 */
class RoomsDeadlineTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final Duration DEADLINE = Duration.ofSeconds(2);

	/** Slower than the deadline, well within the 20 s read timeout. */
	static final Duration LATENCY = Duration.ofSeconds(6);

	static final String TIMEOUT = "Webex took too long to answer. Please try again.";

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of("webex.http.request-deadline", "2s"));

	static Browser zoe;

	@BeforeAll
	static void signIn() {
		zoe = new Browser();
		zoe.signIn(app, "zoe@example.com");
	}

	@AfterAll
	static void stop() {
		zoe.close();
	}

	@Test
	void spacesWhenWebexIsSlowerThanTheDeadlineThen504AtTheDeadlineAndTheGrantUntouched() throws Exception {
		String personId = RoomsHttp.personId(app, zoe);
		GrantSummary before = app.bean(TokenVault.class).summary(personId).orElseThrow();
		SimulatedWebex.simulator().settings().update(Map.of("latency", LATENCY.toMillis() + "ms"));
		WebexSimulator webex = SimulatedWebex.simulator();
		long start = System.nanoTime();

		HttpResponse<String> page = AppHttp.get(app.url("/spaces"), "Cookie", "SESSION=" + zoe.cookie("SESSION"));

		// not a performance target: the answer came at the deadline, not after Webex's
		// latency
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LATENCY.minusSeconds(1));
		assertThat(page.statusCode()).isEqualTo(504);
		assertThat(page.body()).contains(TIMEOUT);

		Response api = ApiClient.signedInAs(app, zoe).get("/api/rooms");
		assertThat(api.status()).isEqualTo(504);
		assertThat(api.json().get("error").asString()).isEqualTo("webex_timeout");

		start = System.nanoTime();
		List<HttpResponse<String>> together = RoomsHttp.concurrently(10, app.url("/spaces"), zoe.cookie("SESSION"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LATENCY.minusSeconds(1));
		assertThat(together).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(504));
		// The simulator still answers those LATENCY after they came, but counts them only
		// if no reset came in between: the counts below (and the next class's) are clean.

		SimulatedWebex.simulator().settings().reset();
		webex.resetCalls();
		HttpResponse<String> recovered = AppHttp.get(app.url("/spaces"), "Cookie", "SESSION=" + zoe.cookie("SESSION"));
		assertThat(recovered.statusCode()).as("the same session, no new consent").isEqualTo(200);
		assertThat(webex.calls(Counter.TOKEN_REFRESHES)).isZero();
		assertThat(webex.calls(Counter.AUTHORIZE)).isZero();
		assertThat(app.bean(TokenVault.class).summary(personId)).hasValue(before);
	}

}
