package com.example.webex.vault.store;

import com.example.webex.client.ConfigurationProblemsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The issuer identity a grant is stored under: spellings of one base URL agree, different
 * ones do not.
 */
class GrantIssuerTests {

	@Test
	void ofWhenSameBaseUrlSpelledDifferentlyThenSameIssuer() {
		assertThat(GrantIssuer.of("https://webexapis.com/v1")).isEqualTo("https://webexapis.com/v1");
		assertThat(GrantIssuer.of(" HTTPS://WebexAPIs.COM:443/v1/ ")).isEqualTo("https://webexapis.com/v1");
		assertThat(GrantIssuer.of("http://LOCALHOST:80/simulator/v1//")).isEqualTo("http://localhost/simulator/v1");
		assertThat(GrantIssuer.of("https://webexapis.com")).isEqualTo("https://webexapis.com");
		assertThat(GrantIssuer.of("https://webexapis.com/")).isEqualTo("https://webexapis.com");
	}

	@Test
	void ofWhenHostPortSchemeOrPathDiffersThenOtherIssuer() {
		String commercial = GrantIssuer.of("https://webexapis.com/v1");
		assertThat(GrantIssuer.of("https://api-usgov.webex.com/v1")).isNotEqualTo(commercial);
		assertThat(GrantIssuer.of("https://api.ciscospark.com/v1")).isNotEqualTo(commercial);
		assertThat(GrantIssuer.of("http://webexapis.com/v1")).isNotEqualTo(commercial);
		assertThat(GrantIssuer.of("https://webexapis.com:8443/v1")).isEqualTo("https://webexapis.com:8443/v1");
		assertThat(GrantIssuer.of("https://webexapis.com/v2")).isNotEqualTo(commercial);
		// the path is case-sensitive in URLs
		assertThat(GrantIssuer.of("https://webexapis.com/V1")).isNotEqualTo(commercial);
		assertThat(GrantIssuer.of("http://localhost:10061/v1"))
			.isNotEqualTo(GrantIssuer.of("http://127.0.0.1:10061/v1"));
	}

	@Test
	void ofWhenBaseUrlCarriesUserInfoThenLeftOutOfTheStoredIssuer() {
		assertThat(GrantIssuer.of("https://proxy-user:s3cret@webexapis.com/v1")).isEqualTo("https://webexapis.com/v1");
	}

	@Test
	void ofWhenLongerThanTheColumnThenStartupSentenceNamingTheVariable() {
		String base = "https://webexapis.com/" + "v".repeat(GrantIssuer.MAX_LENGTH);
		assertThatExceptionOfType(ConfigurationProblemsException.class).isThrownBy(() -> GrantIssuer.of(base))
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.asString()
				.startsWith("WEBEX_API_BASE_URL must be at most 1000 characters long"));
	}

	@Test
	void sqlLiteralContentWhenIssuerHasAQuoteThenDoubled() {
		assertThat(GrantIssuer.sqlLiteralContent("https://example.com/o'brien"))
			.isEqualTo("https://example.com/o''brien");
	}

}
