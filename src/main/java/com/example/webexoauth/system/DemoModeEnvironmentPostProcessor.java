package com.example.webexoauth.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns on demo mode when no Integration credentials are configured: the app then talks to
 * the built-in Webex simulator served by this same process. Demo mode is nothing but
 * configuration (a base URL and the simulator's demo client); no code asks "am I in a
 * demo?".
 */
class DemoModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "webexDemoMode";

	/** The simulator's demo Integration (its defaults, repeated so both sides agree). */
	static final String DEMO_CLIENT_ID = "C0ffee5dbe6a4c1d9c2e1f7b3a8d4e6f0a1b2c3d4e5f60718293a4b5c6d7e8f9";

	static final String DEMO_CLIENT_SECRET = "demo-secret-not-for-production";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean noId = !StringUtils.hasText(environment.getProperty("webex.client-id"));
		boolean noSecret = !StringUtils.hasText(environment.getProperty("webex.client-secret"));
		if (!noId || !noSecret) {
			return; // credentials given (a half-configured pair is reported by ConfigurationCheck)
		}
		Map<String, Object> demo = new LinkedHashMap<>();
		demo.put("webex.client-id", DEMO_CLIENT_ID);
		demo.put("webex.client-secret", DEMO_CLIENT_SECRET);
		demo.put("webex.api-base-url", "http://localhost:${server.port}/v1");
		demo.put("webex.simulated", "true");
		demo.put("simulator.embedded", "true");
		demo.put("simulator.client-id", DEMO_CLIENT_ID);
		demo.put("simulator.client-secret", DEMO_CLIENT_SECRET);
		demo.put("simulator.redirect-uris", "${webex.redirect-uri}");
		// Tokens issued by the embedded simulator stay valid across restarts, as real ones do.
		demo.put("simulator.secret-file", "${webex.data-dir}/simulator-secret");
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, demo));
	}

}
