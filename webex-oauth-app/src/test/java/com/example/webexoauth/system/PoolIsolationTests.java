package com.example.webexoauth.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a virtual thread per request, the pools bound concurrency: the Webex connections
 * ({@code webex.http.max-connections}) and the database's (Hikari). A request waiting for
 * one must hold nothing of the other, or a slow Webex would take the database from
 * everyone (and readiness with it). Here Webex has one connection and answers slowly, the
 * database two (the fewest the app starts with: Flyway's migration takes two), and three
 * users' room lists queue for the one Webex connection: if the two waiting held a
 * database connection each, nothing else could reach the database.
 */
class PoolIsolationTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final Duration LATENCY = Duration.ofSeconds(2);

	static final List<String> USERS = List.of("zoe@example.com", "rahul@example.com", "chen@example.com");

	@TempDir
	static Path dataDir;

	static RunningApp app;

	static List<Browser> browsers = new ArrayList<>();

	@BeforeAll
	static void signIn() {
		app = RunningApp.start(SimulatedWebex.appPort(0), dataDir,
				Map.of("webex.http.max-connections", "1", "spring.datasource.hikari.maximum-pool-size", "2",
						// the third user waits for two calls before its own: no give-up
						// meanwhile
						"webex.http.connect-timeout", "9s"));
		for (String user : USERS) {
			Browser browser = new Browser();
			browser.signIn(app, user);
			browsers.add(browser);
		}
	}

	@AfterAll
	static void stop() {
		browsers.forEach(Browser::close);
		app.close();
	}

	@Test
	void databaseWhenRequestsQueueForTheOneWebexConnectionThenStillServesReadinessAndSessions() throws Exception {
		SimulatedWebex.simulator().settings().update(Map.of("latency", LATENCY.toMillis() + "ms"));
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<CompletableFuture<HttpResponse<String>>> rooms = new ArrayList<>();
		for (Browser browser : browsers) {
			rooms.add(client.sendAsync(HttpRequest.newBuilder(URI.create(app.url("/api/rooms")))
				.header("Cookie", "SESSION=" + browser.cookie("SESSION"))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString()));
		}
		// all three are in: one on the connection, two waiting
		Thread.sleep(LATENCY.toMillis() / 4);

		HttpResponse<String> readiness = AppHttp.get(app.url("/actuator/health/readiness"));
		HttpResponse<String> home = AppHttp.get(app.url("/"), "Cookie", "SESSION=" + browsers.get(0).cookie("SESSION"));
		long waiting = rooms.stream().filter((answer) -> !answer.isDone()).count();

		// requests waiting for Webex holding both database connections would have made
		// these wait 3 s (Hikari's connection timeout) and fail
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(waiting).as("room lists still waiting for Webex meanwhile").isGreaterThanOrEqualTo(2);
		for (CompletableFuture<HttpResponse<String>> answer : rooms) {
			assertThat(answer.get().statusCode()).as("each got the connection in turn").isEqualTo(200);
		}
	}

}
