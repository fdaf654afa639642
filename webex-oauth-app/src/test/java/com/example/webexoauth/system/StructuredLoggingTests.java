package com.example.webexoauth.system;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code logging.structured.format.console=ecs} the app logs one JSON object per
 * line, and each line about a Webex call carries endpoint, status, latency and tracking
 * id as fields of their own, and no secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	static final Set<String> CALL_LOGGERS = Set.of("com.example.webex.client.WebexClient",
			"com.example.webex.client.WebexCallLog");

	static final Pattern PLAIN_LOG_LINE = Pattern
		.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) ");

	static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@AfterEach
	void restorePlainLogging() {
		SimulatedWebex.simulator().settings().reset();
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.cleanUp();
		logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
	}

	@Test
	void logsWhenEcsFormatThenJsonLinesAndWebexCallsAsFields(CapturedOutput output) {
		// The logging system is shared by the JVM and set up once, by whichever context
		// starts first (the simulator, say): start afresh so this app's format applies.
		SimulatedWebex.simulator();
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
		List<String> secrets = new ArrayList<>();
		secrets.add(SimulatedWebex.CLIENT_SECRET);
		int logStart;
		try (RunningApp app = RunningApp.start(SimulatedWebex.appPort(0), this.dataDir,
				Map.of("logging.structured.format.console", "ecs", "logging.level.com.example.webexoauth", "DEBUG",
						"logging.level.com.example.webex", "DEBUG", "webex.http.max-attempts", 1));
				Browser browser = new Browser()) {
			logStart = output.getAll().length();
			URI callback = browser.signInUntilCallback(app, "zoe@example.com");
			secrets.add(UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code"));
			assertThat(browser.page(callback.toString()).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(browser.page(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			SimulatedWebex.simulator().settings().update(Map.of("failEveryNth", 1, "failStatus", 500));
			assertThat(browser.page(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(502);
			String session = browser.cookie("SESSION");
			secrets.add(session);
			secrets.add(new String(Base64.getDecoder().decode(session), StandardCharsets.UTF_8));
			OAuth2AuthorizedClientService clients = app.bean(OAuth2AuthorizedClientService.class);
			for (String principal : app.bean(JdbcTemplate.class)
				.queryForList("SELECT principal_name FROM webex_grant", String.class)) {
				OAuth2AuthorizedClient client = clients.loadAuthorizedClient("webex", principal);
				secrets.add(client.getAccessToken().getTokenValue());
				secrets.add(client.getRefreshToken().getTokenValue());
			}
		}
		List<String> lines = output.getAll().substring(logStart).lines().toList();
		assertThat(lines).noneMatch((line) -> PLAIN_LOG_LINE.matcher(line).find());
		List<JsonNode> events = lines.stream().filter((line) -> line.startsWith("{")).map(json::readTree).toList();
		assertThat(events).hasSizeGreaterThan(10)
			.allSatisfy((event) -> assertThat(event.propertyNames()).contains("@timestamp", "log", "message"));
		List<JsonNode> calls = events.stream()
			.filter((event) -> CALL_LOGGERS.contains(event.path("log").path("logger").asString()))
			.toList();
		assertThat(calls).allSatisfy(StructuredLoggingTests::assertCallFields);
		assertThat(calls).anySatisfy((call) -> {
			assertThat(call.path("endpoint").asString()).isEqualTo("/rooms");
			assertThat(call.path("status").asString()).isEqualTo("200");
			assertThat(call.path("log").path("level").asString()).isEqualTo("DEBUG");
		});
		assertThat(calls).anySatisfy((call) -> {
			assertThat(call.path("endpoint").asString()).isEqualTo("/rooms");
			assertThat(call.path("status").asString()).isEqualTo("500");
			assertThat(call.path("log").path("level").asString()).isEqualTo("WARN");
			assertThat(call.path("log").path("logger").asString()).endsWith("WebexClient");
		});
		// the code exchange and the profile at sign-in are logged as every API call is
		assertThat(calls).anySatisfy((call) -> {
			assertThat(call.path("endpoint").asString()).isEqualTo("/access_token");
			assertThat(call.path("status").asString()).isEqualTo("200");
			assertThat(call.path("log").path("logger").asString()).endsWith("WebexCallLog");
		});
		assertThat(calls).filteredOn((call) -> call.path("endpoint").asString().equals("/people/me")).isNotEmpty();
		for (String line : lines) {
			for (String secret : secrets) {
				assertThat(line).doesNotContain(secret);
			}
		}
	}

	private static void assertCallFields(JsonNode call) {
		assertThat(call.path("endpoint").asString()).as(call.toString()).isNotBlank();
		assertThat(call.path("status").asString()).as(call.toString()).isNotBlank();
		assertThat(call.path("latencyMs").isNumber()).as(call.toString()).isTrue();
		assertThat(call.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
		// the simulator, like Webex, answers every call with a TrackingID header
		assertThat(call.path("trackingId").asString()).as(call.toString()).isNotBlank();
	}

}
