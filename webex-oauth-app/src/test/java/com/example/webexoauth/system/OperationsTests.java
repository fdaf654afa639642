package com.example.webexoauth.system;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.example.webex.simulator.junit.LoopbackPorts;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators and orchestrators see: health probes without login, the readiness probe
 * following the database, metrics only to a client on this machine that is not a proxy
 * (or on the management port), nothing else of the actuator, and a shutdown that lets
 * requests in flight finish.
 */
class OperationsTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dataDir;

	static RunningApp app;

	static String session;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("management.endpoint.health.group.readiness.show-components", "always");
		properties.put("management.endpoint.health.group.liveness.show-components", "always");
		properties.put("webex.vault.keeper.initial-delay", "0s");
		app = RunningApp.start(SimulatedWebex.appPort(0), dataDir.resolve("app"), properties);
		session = Browser.signedInSession(app, ZOE);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void healthWhenAnonymousThenUpWithoutDetails() {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> response = AppHttp.get(app.url(path));
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(json.readTree(response.body()).path("status").asString()).as(path).isEqualTo("UP");
		}
		HttpResponse<String> health = AppHttp.get(app.url("/actuator/health"));
		assertThat(json.readTree(health.body()).has("components")).isFalse();
		assertThat(health.body()).doesNotContain("jdbc", "H2", "details");
	}

	@Test
	void readinessWhenComponentsShownThenIncludesTheDatabaseAndLivenessDoesNot() {
		JsonNode readiness = json.readTree(AppHttp.get(app.url("/actuator/health/readiness")).body());
		assertThat(readiness.path("components").propertyNames()).containsExactlyInAnyOrder("db", "readinessState");
		assertThat(readiness.path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(readiness.path("components").path("db").has("details")).isFalse();
		JsonNode liveness = json.readTree(AppHttp.get(app.url("/actuator/health/liveness")).body());
		assertThat(liveness.path("components").propertyNames()).containsExactly("livenessState");
	}

	@Test
	void prometheusWhenFromLoopbackAfterTrafficThenShowsTheWebexMetrics() throws InterruptedException {
		assertThat(signedIn("/spaces").statusCode()).isEqualTo(200);
		assertThat(signedIn("/api/me").statusCode()).isEqualTo(200);
		app.bean(JdbcTemplate.class)
			.update("UPDATE webex_grant SET access_token_expires_at = ?", Timestamp.from(Instant.now().plusSeconds(5)));
		assertThat(signedIn("/spaces").statusCode()).isEqualTo(200);
		String metrics = scrapeUntil("webex_keeper_runs_total");
		assertThat(metrics)
			.containsPattern("(?m)^webex_api_calls_seconds_count\\{[^}]*endpoint=\"/rooms\"[^}]*"
					+ "status=\"200\"[^}]*\\} [1-9]")
			.containsPattern("(?m)^webex_api_calls_seconds_count\\{[^}]*endpoint=\"/people/me\"")
			.containsPattern("(?m)^webex_token_refreshes_total\\{[^}]*outcome=\"refreshed\"[^}]*"
					+ "trigger=\"proactive\"[^}]*\\} [1-9]")
			.containsPattern("(?m)^webex_grants_stored\\{[^}]*\\} [1-9]")
			.containsPattern("(?m)^webex_keeper_runs_total\\{[^}]*\\} [1-9]");
	}

	@Test
	void prometheusWhenTheProxyForwardsAnotherClientThenRefused() {
		// Loopback is a trusted proxy: what it says about the client decides, as behind
		// nginx.
		for (String path : List.of("/actuator/prometheus", "/actuator")) {
			HttpResponse<String> response = AppHttp.get(app.url(path), "X-Forwarded-For", "203.0.113.9");
			assertThat(response.statusCode()).as(path).isIn(302, 401, 403, 404);
			assertThat(response.body()).doesNotContain("webex_", "jvm_", "_links");
		}
		assertThat(AppHttp.get(app.url("/actuator/health"), "X-Forwarded-For", "203.0.113.9").statusCode())
			.isEqualTo(200);
	}

	@Test
	void prometheusWhenAProxyOnThisMachineForwardsWithoutXForwardedForThenRefused() {
		// nginx's proxy_pass sends none of these unless told to; any one gives the proxy
		// away
		for (String[] header : new String[][] { { "X-Forwarded-Proto", "https" }, { "X-Forwarded-Host", "app.example" },
				{ "Forwarded", "for=203.0.113.9;proto=https" }, { "Via", "1.1 proxy" }, { "X-Real-IP", "203.0.113.9" },
				{ "X-Forwarded-For", "127.0.0.1" } }) {
			HttpResponse<String> response = AppHttp.get(app.url("/actuator/prometheus"), header);
			assertThat(response.statusCode()).as(header[0]).isIn(302, 401, 403);
			assertThat(response.body()).as(header[0]).doesNotContain("webex_", "jvm_");
		}
		assertThat(AppHttp.get(app.url("/actuator/prometheus")).statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusWhenATrustedProxyElsewhereSaysTheClientIsLoopbackThenRefused() throws Exception {
		// 127.0.0.2 stands in for another host: the operator trusts it as a proxy, and
		// what its X-Forwarded-For says becomes the remote address
		Map<String, Object> properties = Map.of("WEBEX_TRUSTED_PROXIES", "127\\.0\\.0\\.2|127\\.0\\.0\\.1");
		try (RunningApp proxied = RunningApp.start(SimulatedWebex.appPort(1), dataDir.resolve("proxied"), properties);
				HttpClient elsewhere = HttpClient.newBuilder()
					.localAddress(InetAddress.getByName("127.0.0.2"))
					.connectTimeout(Duration.ofSeconds(5))
					.build()) {
			for (String forwardedFor : new String[] { "127.0.0.1", "::1", "203.0.113.9, 127.0.0.1" }) {
				HttpResponse<String> response = elsewhere
					.send(HttpRequest.newBuilder(URI.create(proxied.url("/actuator/prometheus")))
						.header("X-Forwarded-For", forwardedFor)
						.build(), BodyHandlers.ofString());
				assertThat(response.statusCode()).as(forwardedFor).isIn(302, 401, 403);
				assertThat(response.body()).as(forwardedFor).doesNotContain("webex_", "jvm_");
			}
			HttpResponse<String> health = elsewhere.send(
					HttpRequest.newBuilder(URI.create(proxied.url("/actuator/health"))).build(),
					BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(AppHttp.get(proxied.url("/actuator/prometheus")).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void prometheusWhenOnTheManagementPortThenServedThereWhateverTheClientAndNotOnTheAppsPort() {
		int managementPort = LoopbackPorts.reserve();
		Map<String, Object> properties = Map.of("management.server.port", managementPort, "management.server.address",
				"127.0.0.1");
		try (RunningApp separate = RunningApp.start(SimulatedWebex.appPort(1), dataDir.resolve("separate"),
				properties)) {
			String management = "http://127.0.0.1:" + managementPort;
			HttpResponse<String> metrics = AppHttp.get(management + "/actuator/prometheus", "X-Forwarded-For",
					"203.0.113.9", "Via", "1.1 proxy");
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("jvm_");
			assertThat(AppHttp.get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200);
			HttpResponse<String> onAppPort = AppHttp.get(separate.url("/actuator/prometheus"));
			assertThat(onAppPort.statusCode()).isIn(302, 401, 403, 404);
			assertThat(onAppPort.body()).doesNotContain("jvm_");
		}
	}

	@Test
	void otherActuatorEndpointsWhenRequestedThenNotExposed() {
		for (String path : List.of("/actuator/env", "/actuator/env/webex.client-secret", "/actuator/beans",
				"/actuator/heapdump", "/actuator/threaddump", "/actuator/configprops", "/actuator/loggers",
				"/actuator/metrics", "/actuator/mappings", "/actuator/info", "/actuator/sessions",
				"/actuator/scheduledtasks", "/actuator/conditions", "/actuator/flyway", "/actuator/shutdown")) {
			for (HttpResponse<String> response : List.of(AppHttp.get(app.url(path)), signedIn(path),
					AppHttp.get(app.url(path), "X-Forwarded-For", "203.0.113.9"),
					AppHttp.send("POST", app.url(path), "", "Cookie", "SESSION=" + session))) {
				assertThat(response.statusCode()).as(path).isIn(302, 401, 403, 404);
				assertThat(response.body()).as(path)
					.doesNotContain("propertySources", "\"beans\"", "\"contexts\"", "\"threads\"",
							SimulatedWebex.CLIENT_SECRET);
				assertThat(response.headers().firstValue("Content-Type").orElse("")).doesNotContain("octet-stream");
			}
		}
	}

	@Test
	void readinessWhenTheDatabaseIsDownThenOutOfServiceWhileAlive(@TempDir Path databaseDir) throws SQLException {
		Server database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", databaseDir.toString())
			.start();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", "jdbc:h2:tcp://localhost:" + database.getPort() + "/webex");
		properties.put("spring.datasource.hikari.connection-timeout", "1000");
		properties.put("webex.vault.keys", Base64.getEncoder().encodeToString(new byte[32]));
		try (RunningApp remote = RunningApp.start(SimulatedWebex.appPort(1), dataDir.resolve("remote"), properties)) {
			assertThat(AppHttp.get(remote.url("/actuator/health/readiness")).statusCode()).isEqualTo(200);
			database.stop();
			HttpResponse<String> readiness = AppHttp.get(remote.url("/actuator/health/readiness"));
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(json.readTree(readiness.body()).path("status").asString()).isEqualTo("DOWN");
			HttpResponse<String> liveness = AppHttp.get(remote.url("/actuator/health/liveness"));
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
		}
		finally {
			database.stop();
		}
	}

	@Test
	void shutdownWhenARequestIsInFlightThenItStillCompletes() throws Exception {
		RunningApp stopping = RunningApp.start(SimulatedWebex.appPort(2), dataDir.resolve("stopping"), Map.of());
		String stoppingSession;
		try (Browser browser = new Browser()) {
			browser.signIn(stopping, ZOE);
			stoppingSession = browser.cookie("SESSION");
		}
		SimulatedWebex.simulator().settings().update(Map.of("latency", "2s"));
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture
			.supplyAsync(() -> AppHttp.get(stopping.url("/spaces"), "Cookie", "SESSION=" + stoppingSession));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (requestsInFlight(stopping) == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(requestsInFlight(stopping)).as("requests in flight").isEqualTo(1);
		stopping.close();
		assertThat(inFlight).isDone();
		HttpResponse<String> response = inFlight.get();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("room-title");
	}

	// Requests run on virtual threads, which no pool counts: the server's own metric
	// does.
	private static int requestsInFlight(RunningApp app) {
		LongTaskTimer active = app.bean(MeterRegistry.class).find("http.server.requests.active").longTaskTimer();
		return (active != null) ? active.activeTasks() : 0;
	}

	private static String scrapeUntil(String metric) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		String body;
		do {
			HttpResponse<String> response = AppHttp.get(app.url("/actuator/prometheus"));
			assertThat(response.statusCode()).isEqualTo(200);
			body = response.body();
			if (body.contains(metric)) {
				return body;
			}
			Thread.sleep(100);
		}
		while (System.nanoTime() < deadline);
		return body;
	}

	private static HttpResponse<String> signedIn(String path) {
		return AppHttp.get(app.url(path), "Cookie", "SESSION=" + session);
	}

}
