package com.example.webexoauth.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.webexoauth.WebexOAuthApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up refuses a configuration that cannot work, with one sentence per problem.
 */
class ConfigurationCheckTests {

	@Test
	void problemsWhenDefaultsThenNone() {
		assertThat(ConfigurationCheck.problems(null, null, "http://localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:people_read spark:rooms_read"))
			.isEmpty();
	}

	@Test
	void problemsWhenClientIdWithoutSecretThenNamesTheMissingVariable() {
		assertThat(ConfigurationCheck.problems("id", "", "http://localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_CLIENT_SECRET is not");
	}

	@Test
	void problemsWhenSecretWithoutClientIdThenNamesTheMissingVariable() {
		assertThat(ConfigurationCheck.problems(null, "secret", "http://localhost:10060/oauth",
				"https://webexapis.com/v1", "spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_CLIENT_ID is not");
	}

	@Test
	void problemsWhenRedirectPathIsNotOauthThenExplains() {
		assertThat(ConfigurationCheck.problems(null, null, "http://localhost:10060/callback",
				"https://webexapis.com/v1", "spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_REDIRECT_URI must end in the path /oauth");
	}

	@Test
	void problemsWhenRedirectIsNotAnHttpUrlThenExplains() {
		assertThat(ConfigurationCheck.problems(null, null, "localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_REDIRECT_URI must be an absolute http(s) URL");
	}

	@Test
	void problemsWhenBaseUrlIsNotHttpThenExplains() {
		assertThat(ConfigurationCheck.problems(null, null, "http://localhost:10060/oauth", "ftp://webexapis.com/v1",
				"spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_API_BASE_URL must be an http(s) URL");
	}

	@Test
	void problemsWhenScopesContainOpenidThenRefusedWithOneSentence() {
		assertThat(ConfigurationCheck.problems("id", "secret", "http://localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:people_read openid spark:rooms_read"))
			.singleElement()
			.asString()
			.startsWith("WEBEX_SCOPES must not contain openid");
		assertThat(ConfigurationCheck.problems("id", "secret", "http://localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:people_read openid:x"))
			.isEmpty();
	}

	@Test
	void revokeProblemsWhenSetToSomethingElseThanHttpThenExplains() {
		assertThat(ConfigurationCheck.revokeProblems("mailto:revoke@example.com")).singleElement()
			.asString()
			.contains("WEBEX_REVOKE_URL must be an http(s) URL");
		assertThat(ConfigurationCheck.revokeProblems("")).isEmpty();
		assertThat(ConfigurationCheck.revokeProblems("https://idbroker.webex.com/idb/oauth2/v1/revoke")).isEmpty();
	}

	@Test
	void problemsWhenSeveralThenOneSentenceEach() {
		assertThat(ConfigurationCheck.problems("id", null, "nonsense", "also nonsense", " ")).hasSize(4);
	}

	@Test
	void startWhenConfigurationIsBrokenThenExitsNonZeroWithEveryProblemListed(@TempDir Path dataDir)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(WebexOAuthApplication.class.getName());
		command.add("--server.port=0");
		command.add("--webex.data-dir=" + dataDir);
		command.add("--webex.client-id=only-an-id");
		command.add("--webex.redirect-uri=http://localhost:10060/callback");
		command.add("--webex.api-base-url=webexapis.com");
		Path log = dataDir.resolve("start.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean exited = process.waitFor(60, TimeUnit.SECONDS);
		process.destroyForcibly();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(exited).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(output).contains("The configuration has 3 problem(s):", "WEBEX_CLIENT_ID is set but WEBEX_CLIENT_SECRET is not",
				"WEBEX_REDIRECT_URI must end in the path /oauth", "WEBEX_API_BASE_URL must be an http(s) URL");
		assertThat(output).doesNotContain("\tat org.springframework");
	}

}
