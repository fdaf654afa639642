package com.example.webex.simulator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.example.webex.simulator.junit.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code -exec} jar run on its own, as {@code java -jar} runs it: the port, the
 * Integration, users, rooms and knobs given as options take effect. Runs after
 * {@code package}, in {@code integration-test} ({@code ./mvnw verify}), where the jar
 * exists.
 */
class ExecJarTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final String DEFAULT_REDIRECT_URI = "http://localhost:10060/oauth";

	private static final String DEFAULT_SECRET = "demo-secret-not-for-production";

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@TempDir
	Path directory;

	@Test
	void javaJarWhenOptionsGivenThenListensOnThatPortWithThoseKnobsUsersAndRooms() throws Exception {
		String jar = System.getProperty("webex-simulator.exec-jar");
		assertThat(jar).as("the -exec jar; run ./mvnw verify, which builds it before this test").isNotNull();
		assertThat(Path.of(jar)).exists();
		int port = LoopbackPorts.reserve();
		Path log = this.directory.resolve("simulator.log");
		String java = ProcessHandle.current().info().command().orElseThrow();
		Process simulator = new ProcessBuilder(java, "-jar", jar, "--server.port=" + port, "--server.address=127.0.0.1",
				"--simulator.client-id=exec-client", "--simulator.latency=15ms", "--simulator.rate-limit-every-nth=7",
				"--simulator.users[0].key=dana", "--simulator.users[0].email=dana@example.com",
				"--simulator.users[0].display-name=Dana Scully", "--simulator.rooms[0].user=dana",
				"--simulator.rooms[0].title=X-Files")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			String root = "http://127.0.0.1:" + port;
			JsonNode settings = awaitSettings(root, simulator, log);
			assertThat(settings.get("latency").asString()).isEqualTo("PT0.015S");
			assertThat(settings.get("rateLimitEveryNth").asInt()).isEqualTo(7);

			Map<String, String> authorize = new LinkedHashMap<>();
			authorize.put("client_id", "exec-client");
			authorize.put("redirect_uri", DEFAULT_REDIRECT_URI);
			authorize.put("response_type", "code");
			authorize.put("scope", "spark:rooms_read");
			HttpResponse<String> consent = send(
					HttpRequest.newBuilder(URI.create(root + "/v1/authorize?" + form(authorize))));
			assertThat(consent.statusCode()).isEqualTo(200);
			assertThat(consent.body()).contains("Dana Scully", "dana@example.com");

			authorize.put("user", "dana@example.com");
			authorize.put("decision", "accept");
			HttpResponse<String> accepted = post(root + "/v1/authorize", authorize);
			String location = accepted.headers().firstValue("Location").orElseThrow();
			String code = URI.create(location).getQuery().replaceFirst("^code=", "");
			Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
					DEFAULT_REDIRECT_URI, "client_id", "exec-client", "client_secret", DEFAULT_SECRET);
			HttpResponse<String> tokens = post(root + "/v1/access_token", exchange);
			assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
			String accessToken = JsonMapper.shared().readTree(tokens.body()).get("access_token").asString();

			HttpResponse<String> rooms = send(HttpRequest.newBuilder(URI.create(root + "/v1/rooms"))
				.header("Authorization", "Bearer " + accessToken));
			assertThat(JsonMapper.shared().readTree(rooms.body()).get("items").findValuesAsString("title"))
				.containsExactly("X-Files");
		}
		finally {
			simulator.destroy();
			if (!simulator.waitFor(30, TimeUnit.SECONDS)) {
				simulator.destroyForcibly().waitFor();
			}
		}
	}

	/** Polls {@code GET /simulator/settings} until the simulator answers. */
	private JsonNode awaitSettings(String root, Process simulator, Path log) throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(simulator.isAlive()).as("the simulator exited early:%n%s", tail(log)).isTrue();
			try {
				HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(root + "/simulator/settings")));
				assertThat(response.statusCode()).isEqualTo(200);
				return JsonMapper.shared().readTree(response.body());
			}
			catch (ConnectException ex) {
				Thread.sleep(200);
			}
		}
		throw new AssertionError("The simulator did not answer within " + START_TIMEOUT + ":\n" + tail(log));
	}

	private HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form))));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
