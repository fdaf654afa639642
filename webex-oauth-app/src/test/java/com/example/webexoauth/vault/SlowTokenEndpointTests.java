package com.example.webexoauth.vault;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.junit.LoopbackPorts;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.example.webex.vault.TestDatabase;
import com.example.webex.vault.TestKeys;
import com.example.webex.vault.OnEachDatabase;
import com.example.webex.vault.Concurrently;
import com.example.webex.vault.ConnectionWatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow Webex token endpoint degrades only the pages that need a refresh: with a pool of
 * four connections, twelve users whose access tokens expired wait five seconds for Webex
 * while everyone else's pages answer as fast as before and readiness stays up, because no
 * refresh holds a connection while it waits. The figures go to the test's output.
 */
class SlowTokenEndpointTests {

	static final int REFRESHING_USERS = 12;

	static final int FRESH_REQUESTS = 30;

	static final Duration TOKEN_DELAY = Duration.ofSeconds(5);

	static final List<String> FRESH_USERS = List.of("zoe@example.com", "rahul@example.com", "chen@example.com");

	static final String ROOM_TABLE = "class=\"room-title\"";

	static final int PORT = LoopbackPorts.reserve();

	// A simulator of its own: it needs a dozen more people than the shared one has.
	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create()
		.clientId(SimulatedWebex.CLIENT_ID)
		.clientSecret(SimulatedWebex.CLIENT_SECRET)
		.redirectUris("http://localhost:" + PORT + "/oauth")
		.property("simulator.extra-people", REFRESHING_USERS)
		.build();

	@TempDir
	Path dataDir;

	@OnEachDatabase
	void spacesWhenTwelveRefreshesWaitOnASlowTokenEndpointThenOtherPagesAndReadinessUnaffected(TestDatabase database)
			throws Exception {
		try (RunningApp app = start(database.fresh());
				ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
			AppDatabase grants = new AppDatabase(app);
			ConnectionWatch connections = app.bean(ConnectionWatch.class);
			List<String> refreshing = new ArrayList<>();
			for (int i = 1; i <= REFRESHING_USERS; i++) {
				refreshing.add(Browser.signedInSession(app, "load-" + i + "@example.com"));
			}
			List<String> fresh = new ArrayList<>();
			for (String user : FRESH_USERS) {
				fresh.add(Browser.signedInSession(app, user));
			}
			// Their normal time: the same thirty requests at once, after a round to warm
			// up.
			freshRequests(app, fresh);
			Timings normal = freshRequests(app, fresh);

			for (String session : refreshing) {
				grants.expireAccessToken(grants.principalOf(session));
			}
			webex.simulator().settings().update(Map.of("tokenLatency", TOKEN_DELAY.toMillis() + "ms"));
			webex.simulator().resetCalls();
			connections.reset();
			long stormStarted = System.nanoTime();
			List<CompletableFuture<Timed>> storm = new ArrayList<>();
			for (String session : refreshing) {
				storm.add(CompletableFuture.supplyAsync(() -> Timed.get(app.url("/spaces"), session), requests));
			}
			awaitRefreshesInFlight(grants);

			Timings during = freshRequests(app, fresh);
			long readinessStarted = System.nanoTime();
			HttpResponse<String> readiness = AppHttp.get(app.url("/actuator/health/readiness"));
			Duration readinessTook = Duration.ofNanos(System.nanoTime() - readinessStarted);
			Duration freshDoneAfter = Duration.ofNanos(System.nanoTime() - stormStarted);

			List<Timed> refreshed = storm.stream().map(CompletableFuture::join).toList();
			Duration stormTook = Duration.ofNanos(System.nanoTime() - stormStarted);
			System.out.printf("FIGURES %s: fresh /spaces x%d at once, normal: median %d ms, max %d ms;"
					+ " while %d refreshes wait %d s on Webex: median %d ms, max %d ms (all done %d ms into the wait);"
					+ " readiness %d in %d ms; %d refreshes, pages %d-%d ms; longest connection checkout %d ms%n",
					database, FRESH_REQUESTS, normal.median(), normal.max(), REFRESHING_USERS, TOKEN_DELAY.toSeconds(),
					during.median(), during.max(), freshDoneAfter.toMillis(), readiness.statusCode(),
					readinessTook.toMillis(), webex.simulator().calls(Counter.TOKEN_REFRESHES),
					refreshed.stream().mapToLong(Timed::millis).min().orElse(0),
					refreshed.stream().mapToLong(Timed::millis).max().orElse(0), connections.longestHeld().toMillis());

			assertThat(during.statuses()).containsOnly(200);
			assertThat(during.max()).isLessThanOrEqualTo(normal.max() + 1000);
			assertThat(freshDoneAfter).isLessThan(TOKEN_DELAY);
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"status\":\"UP\"");
			// not queued behind the refreshes, which wait TOKEN_DELAY on Webex
			assertThat(readinessTook).isLessThan(TOKEN_DELAY.dividedBy(2));
			assertThat(refreshed).allSatisfy((page) -> {
				assertThat(page.status()).isEqualTo(200);
				assertThat(page.body()).contains(ROOM_TABLE);
			});
			assertThat(stormTook).isGreaterThanOrEqualTo(TOKEN_DELAY);
			assertThat(webex.simulator().calls(Counter.TOKEN_REFRESHES)).isEqualTo(REFRESHING_USERS);
			assertThat(webex.simulator().calls(Counter.TOKEN_ERRORS)).isZero();
			// No connection was out for anything like the time the refreshes waited on
			// Webex (a few hundred milliseconds happen when thirty requests share two
			// busy cores).
			assertThat(connections.longestHeld()).isLessThan(TOKEN_DELAY.dividedBy(2));
		}
		finally {
			webex.simulator().settings().reset();
		}
	}

	private RunningApp start(TestDatabase database) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("webex.client-id", SimulatedWebex.CLIENT_ID);
		properties.put("webex.client-secret", SimulatedWebex.CLIENT_SECRET);
		properties.put("webex.api-base-url", "http://localhost:" + webex.simulator().port() + "/v1");
		properties.put("webex.redirect-uri", "http://localhost:" + PORT + "/oauth");
		properties.put("webex.simulated", true);
		properties.put("webex.data-dir", this.dataDir.toString());
		properties.put("webex.vault.keeper.enabled", false);
		properties.put("spring.datasource.hikari.maximum-pool-size", 4);
		if (database == TestDatabase.POSTGRES) {
			properties.put("spring.datasource.url", database.jdbcUrl());
			properties.put("spring.datasource.username", database.username());
			properties.put("spring.datasource.password", "");
			properties.put("webex.vault.keys", TestKeys.A);
		}
		return RunningApp.startWith(PORT, properties, ConnectionWatch.class);
	}

	/**
	 * Thirty requests for the spaces page at once, spread over the signed-in sessions.
	 */
	private static Timings freshRequests(RunningApp app, List<String> sessions) throws InterruptedException {
		List<Callable<Timed>> calls = new ArrayList<>();
		for (int i = 0; i < FRESH_REQUESTS; i++) {
			String session = sessions.get(i % sessions.size());
			calls.add(() -> Timed.get(app.url("/spaces"), session));
		}
		Concurrently.Outcomes<Timed> outcomes = Concurrently.run(calls);
		assertThat(outcomes.failures()).isEmpty();
		return new Timings(outcomes.results());
	}

	// Every refresh has taken its grant's lease: all twelve are waiting on Webex.
	private static void awaitRefreshesInFlight(AppDatabase grants) throws InterruptedException {
		long deadline = System.nanoTime() + TOKEN_DELAY.toNanos() / 2;
		while (leases(grants) < REFRESHING_USERS && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(leases(grants)).isEqualTo(REFRESHING_USERS);
	}

	private static long leases(AppDatabase grants) {
		return grants.jdbc()
			.queryForObject("SELECT COUNT(*) FROM webex_grant WHERE refresh_lease_owner IS NOT NULL", Long.class);
	}

	/** One page request and how long it took. */
	record Timed(int status, String body, long millis) {

		static Timed get(String url, String session) {
			long started = System.nanoTime();
			HttpResponse<String> response = SessionHttp.page(url, session);
			return new Timed(response.statusCode(), response.body(), (System.nanoTime() - started) / 1_000_000);
		}

	}

	/** A batch of timed requests. */
	record Timings(List<Timed> requests) {

		long max() {
			return this.requests.stream().mapToLong(Timed::millis).max().orElseThrow();
		}

		long median() {
			return this.requests.stream()
				.mapToLong(Timed::millis)
				.sorted()
				.skip(this.requests.size() / 2)
				.findFirst()
				.orElseThrow();
		}

		List<Integer> statuses() {
			return this.requests.stream().map(Timed::status).toList();
		}

	}

}
