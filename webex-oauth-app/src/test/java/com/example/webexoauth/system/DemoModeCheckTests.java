package com.example.webexoauth.system;

import java.nio.file.Path;
import java.util.Map;

import com.example.webexoauth.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode is asked for, never fallen into, and start-up refuses a configuration that
 * cannot work with one sentence per problem.
 */
class DemoModeCheckTests {

	@Test
	void problemsWhenNoCredentialsAndNoDemoThenOneSentenceNamingBothAndWebexDemo() {
		assertThat(DemoModeCheck.problems(null, null, " ", null, null)).singleElement()
			.asString()
			.contains("WEBEX_CLIENT_ID", "WEBEX_CLIENT_SECRET", "WEBEX_DEMO=true");
		assertThat(DemoModeCheck.problems("false", "", null, null, null)).hasSize(1);
	}

	@Test
	void demoProblemsWhenDemoNotAskedForThenNone() {
		assertThat(DemoModeCheck.problems(null, "id", "secret", "key", "jdbc:postgresql://db/x")).isEmpty();
		assertThat(DemoModeCheck.problems("false", "id", "secret", "key", "jdbc:postgresql://db/x")).isEmpty();
		assertThat(DemoModeCheck.problems("true", null, "", null, null)).isEmpty();
	}

	@Test
	void demoProblemsWhenDemoWithRealSettingsThenOneSentenceEach() {
		assertThat(DemoModeCheck.problems("true", "id", null, null, null)).singleElement()
			.asString()
			.contains("WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET");
		assertThat(DemoModeCheck.problems("TRUE", "id", "secret", "key", "jdbc:postgresql://db/x")).hasSize(3)
			.anySatisfy((problem) -> assertThat(problem).contains("unset WEBEX_TOKEN_KEYS"))
			.anySatisfy((problem) -> assertThat(problem).contains("unset SPRING_DATASOURCE_URL"));
		assertThat(DemoModeCheck.problems("yes", null, null, null, null)).singleElement()
			.asString()
			.isEqualTo("WEBEX_DEMO must be true or false, but is 'yes'.");
	}

	@Test
	void startWhenConfigurationIsBrokenThenExitsNonZeroWithEveryProblemListed(@TempDir Path dataDir) {
		AppProcess start = AppProcess.run(dataDir, Map.of(), "--server.address=127.0.0.1", "--server.port=0",
				"--webex.data-dir=" + dataDir, "--webex.client-id=only-an-id",
				"--webex.redirect-uri=http://localhost:10060/callback", "--webex.api-base-url=webexapis.com");
		assertThat(start.exitCode()).isNotZero();
		assertThat(start.output()).contains("The configuration has 3 problem(s):",
				"WEBEX_CLIENT_ID is set but WEBEX_CLIENT_SECRET is not",
				"WEBEX_REDIRECT_URI must end in the path /oauth", "WEBEX_API_BASE_URL must be an http(s) URL");
		assertThat(start.output()).doesNotContain("\tat org.springframework");
	}

}
