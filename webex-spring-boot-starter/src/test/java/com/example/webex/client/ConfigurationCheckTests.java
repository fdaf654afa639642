package com.example.webex.client;

import org.junit.jupiter.api.Test;

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
	void problemsWhenNoCredentialsThenOneSentenceNamingBoth() {
		assertThat(ConfigurationCheck.problems(null, " ", "http://localhost:10060/oauth", "https://webexapis.com/v1",
				"spark:people_read spark:rooms_read"))
			.singleElement()
			.asString()
			.contains("WEBEX_CLIENT_ID", "WEBEX_CLIENT_SECRET");
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
		assertThat(ConfigurationCheck.problems("id", "secret", "http://localhost:10060/oauth",
				"https://webexapis.com/v1", "spark:people_read openid spark:rooms_read"))
			.singleElement()
			.asString()
			.startsWith("WEBEX_SCOPES must not contain openid");
		assertThat(ConfigurationCheck.problems("id", "secret", "http://localhost:10060/oauth",
				"https://webexapis.com/v1", "spark:people_read openid:x"))
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

}
