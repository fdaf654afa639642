package com.example.webex.client;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebexEnvironmentVariables}: the documented {@code WEBEX_*} variables
 * set the {@code webex.*} settings of any application using the starter.
 */
class WebexEnvironmentVariablesTests {

	@Test
	void postProcessWhenWebexVariablesSetThenWebexSettingsHaveTheirValues() {
		StandardEnvironment environment = environment(
				Map.of("WEBEX_CLIENT_ID", "id-from-env", "WEBEX_CLIENT_SECRET", "secret-from-env", "WEBEX_TOKEN_KEYS",
						"k1,k2", "WEBEX_ALLOWED_ORG_IDS", "org-1", "WEBEX_REQUEST_DEADLINE", "7s"));

		new WebexEnvironmentVariables().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("webex.client-id")).isEqualTo("id-from-env");
		assertThat(environment.getProperty("webex.client-secret")).isEqualTo("secret-from-env");
		assertThat(environment.getProperty("webex.vault.keys")).isEqualTo("k1,k2");
		assertThat(environment.getProperty("webex.allowed.org-ids")).isEqualTo("org-1");
		assertThat(environment.getProperty("webex.http.request-deadline")).isEqualTo("7s");
	}

	@Test
	void postProcessWhenEveryDocumentedVariableSetThenEachSetsItsSetting() {
		Map<String, Object> variables = new HashMap<>();
		WebexEnvironmentVariables.SETTINGS.keySet().forEach((variable) -> variables.put(variable, variable + "-value"));
		StandardEnvironment environment = environment(variables);

		new WebexEnvironmentVariables().postProcessEnvironment(environment, new SpringApplication());

		WebexEnvironmentVariables.SETTINGS.forEach((variable,
				setting) -> assertThat(environment.getProperty(setting)).as(variable).isEqualTo(variable + "-value"));
		assertThat(WebexEnvironmentVariables.SETTINGS).containsKeys("WEBEX_CLIENT_ID", "WEBEX_CLIENT_SECRET",
				"WEBEX_REDIRECT_URI", "WEBEX_API_BASE_URL", "WEBEX_TOKEN_KEYS");
	}

	@Test
	void postProcessWhenSystemPropertySetsTheSettingThenSystemPropertyWins() {
		StandardEnvironment environment = environment(Map.of("WEBEX_CLIENT_ID", "id-from-env"));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
							Map.of("webex.client-id", "id-from-jvm")));

		new WebexEnvironmentVariables().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("webex.client-id")).isEqualTo("id-from-jvm");
	}

	@Test
	void postProcessWhenVariableNotSetThenSettingKeepsItsDefault() {
		StandardEnvironment environment = environment(Map.of());

		new WebexEnvironmentVariables().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("webex.client-id")).isNull();
		assertThat(environment.getPropertySources().contains(WebexEnvironmentVariables.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void springFactoriesWhenLoadedThenRegistersThePostProcessor() {
		// other post-processors need arguments this test does not give; only ours matters
		// here
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(EnvironmentPostProcessor.class, null,
					SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
					})))
			.hasAtLeastOneElementOfType(WebexEnvironmentVariables.class);
	}

	/** An environment whose process environment is {@code variables}, not this JVM's. */
	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment() {

			@Override
			public Map<String, Object> getSystemEnvironment() {
				return variables;
			}

		};
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of()));
		return environment;
	}

}
