package com.example.webexoauth.system;

import java.nio.file.Path;
import java.util.Map;

import com.example.webexoauth.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up refuses a configuration that cannot work, with one sentence per problem.
 */
class ConfigurationCheckTests {

	@Test
	void problemsWhenCredentialsAndDefaultsThenNone() {
		assertThat(ConfigurationCheck.problems("id", "secret", "http://localhost:10060/oauth",
				"https://webexapis.com/v1", "spark:people_read spark:rooms_read"))
			.isEmpty();
	}

	@Test
	void problemsWhenNoCredentialsThenOneSentenceNamingBothAndWebexDemo() {
		assertThat(ConfigurationCheck.problems(null, " ", "http://localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:people_read spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_CLIENT_ID", "WEBEX_CLIENT_SECRET", "WEBEX_DEMO=true");
	}

	@Test
	void demoProblemsWhenDemoNotAskedForThenNone() {
		assertThat(ConfigurationCheck.demoProblems(null, "id", "secret", "key", "jdbc:postgresql://db/x")).isEmpty();
		assertThat(ConfigurationCheck.demoProblems("false", "id", "secret", "key", "jdbc:postgresql://db/x"))
			.isEmpty();
		assertThat(ConfigurationCheck.demoProblems("true", null, "", null, null)).isEmpty();
	}

	@Test
	void demoProblemsWhenDemoWithRealSettingsThenOneSentenceEach() {
		assertThat(ConfigurationCheck.demoProblems("true", "id", null, null, null)).singleElement()
			.asString()
			.contains("WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET");
		assertThat(ConfigurationCheck.demoProblems("TRUE", "id", "secret", "key", "jdbc:postgresql://db/x"))
			.hasSize(3)
			.anySatisfy((problem) -> assertThat(problem).contains("unset WEBEX_TOKEN_KEYS"))
			.anySatisfy((problem) -> assertThat(problem).contains("unset SPRING_DATASOURCE_URL"));
		assertThat(ConfigurationCheck.demoProblems("yes", null, null, null, null)).singleElement()
			.asString()
			.isEqualTo("WEBEX_DEMO must be true or false, but is 'yes'.");
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
		assertThat(ConfigurationCheck.problems("id", "secret", "http://localhost:10060/callback",
				"https://webexapis.com/v1", "spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_REDIRECT_URI must end in the path /oauth");
	}

	@Test
	void problemsWhenRedirectIsNotAnHttpUrlThenExplains() {
		assertThat(ConfigurationCheck.problems("id", "secret", "localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_REDIRECT_URI must be an absolute http(s) URL");
	}

	@Test
	void problemsWhenBaseUrlIsNotHttpThenExplains() {
		assertThat(ConfigurationCheck.problems("id", "secret", "http://localhost:10060/oauth", "ftp://webexapis.com/v1",
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
	void startWhenConfigurationIsBrokenThenExitsNonZeroWithEveryProblemListed(@TempDir Path dataDir) {
		AppProcess start = AppProcess.run(dataDir, Map.of(), "--server.address=127.0.0.1", "--server.port=0",
				"--webex.data-dir=" + dataDir, "--webex.client-id=only-an-id",
				"--webex.redirect-uri=http://localhost:10060/callback", "--webex.api-base-url=webexapis.com");
		assertThat(start.exitCode()).isNotZero();
		assertThat(start.output()).contains("The configuration has 3 problem(s):",
				"WEBEX_CLIENT_ID is set but WEBEX_CLIENT_SECRET is not", "WEBEX_REDIRECT_URI must end in the path /oauth",
				"WEBEX_API_BASE_URL must be an http(s) URL");
		assertThat(start.output()).doesNotContain("\tat org.springframework");
	}

}
