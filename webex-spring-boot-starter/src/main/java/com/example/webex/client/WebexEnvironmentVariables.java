package com.example.webex.client;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * The documented {@code WEBEX_*} environment variables, as the {@code webex.*} settings
 * they set: an application using the starter needs no mapping of its own. A variable that
 * is set wins over the application's configuration files (as environment variables do)
 * and loses to command-line arguments and system properties; one that is not set leaves
 * the setting's default in place (each default is written once, on its settings record).
 */
class WebexEnvironmentVariables implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "webexEnvironmentVariables";

	/** Variable name to setting name. */
	static final Map<String, String> SETTINGS = Map.ofEntries(Map.entry("WEBEX_CLIENT_ID", "webex.client-id"),
			Map.entry("WEBEX_CLIENT_SECRET", "webex.client-secret"),
			Map.entry("WEBEX_REDIRECT_URI", "webex.redirect-uri"),
			Map.entry("WEBEX_API_BASE_URL", "webex.api-base-url"), Map.entry("WEBEX_SCOPES", "webex.scopes"),
			Map.entry("WEBEX_REVOKE_URL", "webex.revoke-url"),
			Map.entry("WEBEX_REQUEST_DEADLINE", "webex.http.request-deadline"),
			Map.entry("WEBEX_TOKEN_KEYS", "webex.vault.keys"),
			Map.entry("WEBEX_ALLOWED_EMAIL_DOMAINS", "webex.allowed.email-domains"),
			Map.entry("WEBEX_ALLOWED_ORG_IDS", "webex.allowed.org-ids"));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> settings = new LinkedHashMap<>();
		Map<String, Object> variables = environment.getSystemEnvironment();
		SETTINGS.forEach((variable, setting) -> {
			Object value = variables.get(variable);
			if (value != null) {
				settings.put(setting, value);
			}
		});
		if (settings.isEmpty()) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, settings);
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addLast(source);
		}
	}

}
