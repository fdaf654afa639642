package com.example.webexoauth.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.webex.simulator.junit.LoopbackPorts;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.AppProcess;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.WebexOAuthApplication;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Demo mode is asked for with {@code WEBEX_DEMO=true}, never fallen into: a start without
 * credentials stops, demo mode refuses real settings, and runs on loopback with data of
 * its own under {@code WEBEX_DATA_DIR/demo}.
 */
class DemoModeTests {

	@TempDir
	Path dataDir;

	@Test
	void startWhenNoCredentialsAndNoDemoThenExitsNonZeroWithOneSentenceAndStoresNothing() {
		Path data = this.dataDir.resolve("data");
		AppProcess start = AppProcess.run(this.dataDir, Map.of(), "--server.address=127.0.0.1", "--server.port=0",
				"--webex.data-dir=" + data);
		assertThat(start.exitCode()).isNotZero();
		assertThat(start.output())
			.contains("The configuration has 1 problem(s):",
					"  - WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET are not set: set both to use real Webex, or set "
							+ "WEBEX_DEMO=true (and neither of them) to run the demo on the built-in Webex simulator.")
			.doesNotContain("\tat org.springframework")
			.doesNotContain("Tomcat started");
		// at most the owner-only directory the database would have gone into (see
		// OwnerOnlyDataDirectory), and nothing in it: no database, no key
		assertThat(data).satisfiesAnyOf((path) -> assertThat(path).doesNotExist(),
				(path) -> assertThat(path).isEmptyDirectory());
	}

	@Test
	void startWhenDemoWithSpringDatasourceUrlThenRefusedBeforeTouchingThatDatabase() {
		Path production = this.dataDir.resolve("production");
		AppProcess start = AppProcess.run(this.dataDir,
				Map.of("WEBEX_DEMO", "true", "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + production + "/webex-oauth"),
				"--server.address=127.0.0.1", "--server.port=0", "--webex.data-dir=" + this.dataDir.resolve("data"));
		assertThat(start.exitCode()).isNotZero();
		assertThat(start.output())
			.contains("The configuration has 1 problem(s):",
					"WEBEX_DEMO=true keeps its own H2 database in WEBEX_DATA_DIR/demo: unset SPRING_DATASOURCE_URL")
			.doesNotContain("\tat org.springframework");
		assertThat(production).doesNotExist();
	}

	@Test
	void startWhenDemoWithCredentialsThenRefused() {
		AppProcess start = AppProcess.run(this.dataDir,
				Map.of("WEBEX_DEMO", "true", "WEBEX_CLIENT_ID", "C123", "WEBEX_CLIENT_SECRET", "real-secret"),
				"--server.address=127.0.0.1", "--server.port=0", "--webex.data-dir=" + this.dataDir.resolve("data"));
		assertThat(start.exitCode()).isNotZero();
		assertThat(start.output())
			.contains("The configuration has 1 problem(s):",
					"WEBEX_DEMO=true runs the demo on the built-in Webex simulator and takes no credentials")
			.doesNotContain("real-secret");
	}

	@Test
	void environmentWhenDemoAskedForThenDemoProfileOnLoopbackWithDataUnderDemo() {
		ConfigurableEnvironment environment = preparedEnvironment("--webex.demo=true");
		assertThat(environment.getActiveProfiles()).containsExactly("demo");
		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("webex.simulated")).isEqualTo("true");
		Path demo = this.dataDir.resolve("demo");
		assertThat(environment.getProperty("spring.datasource.url"))
			.startsWith("jdbc:h2:file:" + demo + "/webex-oauth;");
		assertThat(environment.getProperty("webex.vault.key-file")).isEqualTo(demo + "/token-keys");
		assertThat(environment.getProperty("simulator.secret-file")).isEqualTo(demo + "/simulator-secret");
	}

	@Test
	void environmentWhenDemoAndServerAddressGivenThenThatAddress() {
		ConfigurableEnvironment environment = preparedEnvironment("--webex.demo=true", "--server.address=192.0.2.10");
		assertThat(environment.getProperty("server.address")).isEqualTo("192.0.2.10");
	}

	@Test
	void environmentWhenDemoNotAskedForThenNoDemoProfileAndDataInTheDataDirectory() {
		ConfigurableEnvironment environment = preparedEnvironment("--webex.demo=false", "--webex.client-id=an-id",
				"--webex.client-secret=a-secret");
		assertThat(environment.getActiveProfiles()).isEmpty();
		assertThat(environment.getProperty("server.address")).isNull();
		assertThat(environment.getProperty("webex.simulated")).isNull();
		assertThat(environment.getProperty("webex.vault.key-file")).isEqualTo(this.dataDir + "/token-keys");
		assertThat(environment.getProperty("spring.datasource.url"))
			.startsWith("jdbc:h2:file:" + this.dataDir + "/webex-oauth;");
	}

	@Test
	void demoWhenSignedInThenEverythingItStoresIsUnderDemo() throws IOException {
		try (RunningApp demo = RunningApp.startWith(LoopbackPorts.reserve(),
				Map.of("webex.demo", true, "webex.data-dir", this.dataDir)); Browser browser = new Browser()) {
			HtmlPage granted = browser.signIn(demo, "zoe@example.com");
			assertThat(granted.querySelector("h1").getTextContent()).isEqualTo("Access granted, Zoë Ångström");
			assertThat(granted.querySelectorAll(".demo-banner")).hasSize(1);
		}
		try (Stream<Path> top = Files.list(this.dataDir);
				Stream<Path> demo = Files.list(this.dataDir.resolve("demo"))) {
			assertThat(top).containsExactly(this.dataDir.resolve("demo"));
			assertThat(demo.map((file) -> file.getFileName().toString())).contains("webex-oauth.mv.db", "token-keys",
					"simulator-secret");
		}
	}

	@Test
	void simulatorAdminWhenCrossSiteOrForwardedForAnotherMachineThenRefusedAndNothingChanged() {
		try (RunningApp demo = RunningApp.startWith(LoopbackPorts.reserve(),
				Map.of("webex.demo", true, "webex.data-dir", this.dataDir))) {
			String settings = AppHttp.get(demo.url("/simulator/settings")).body();
			// a form posted from another site's page: no simple request can send JSON
			assertThat(AppHttp
				.send("POST", demo.url("/simulator/settings"), "latency=5s&failStatus=500", "Content-Type",
						"application/x-www-form-urlencoded", "Origin", "http://evil.example")
				.statusCode()).isEqualTo(415);
			assertThat(AppHttp
				.send("POST", demo.url("/simulator/clock/advance?by=30d"), "", "Content-Type", "text/plain", "Origin",
						"http://evil.example")
				.statusCode()).isEqualTo(415);
			// the app trusts X-Forwarded-For from loopback, as from a proxy on this
			// machine
			assertThat(AppHttp
				.send("POST", demo.url("/simulator/settings"), "{\"failStatus\": 500}", "Content-Type",
						"application/json", "X-Forwarded-For", "203.0.113.9")
				.statusCode()).isEqualTo(403);
			assertThat(AppHttp.get(demo.url("/simulator/settings"), "X-Forwarded-For", "203.0.113.9").statusCode())
				.isEqualTo(403);
			assertThat(AppHttp.get(demo.url("/simulator/settings")).body()).isEqualTo(settings);
			// what a browser elsewhere needs still answers
			assertThat(
					AppHttp.get(demo.url("/simulator/avatars/zoe.svg"), "X-Forwarded-For", "203.0.113.9").statusCode())
				.isEqualTo(200);
		}
	}

	/**
	 * The environment the app would start with, given these command-line arguments: the
	 * start is stopped right after the configuration has been read, before any server or
	 * database exists.
	 */
	private ConfigurableEnvironment preparedEnvironment(String... arguments) {
		List<String> args = new ArrayList<>(List.of(arguments));
		args.add("--webex.data-dir=" + this.dataDir);
		List<ConfigurableEnvironment> prepared = new ArrayList<>();
		ApplicationListener<ApplicationEnvironmentPreparedEvent> stop = (event) -> {
			prepared.add(event.getEnvironment());
			throw new PreparedOnly();
		};
		assertThatExceptionOfType(PreparedOnly.class)
			.isThrownBy(() -> new SpringApplicationBuilder(WebexOAuthApplication.class).listeners(stop)
				.run(args.toArray(String[]::new)));
		return prepared.get(0);
	}

	private static final class PreparedOnly extends RuntimeException {

	}

}
