package com.example.webexoauth.system;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.webexoauth.WebexOAuthApplication;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
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
		if (!application.getAllSources().contains(WebexOAuthApplication.class)) {
			return; // e.g. the simulator running on its own
		}
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
		// Below command-line arguments and environment variables, above application.properties.
		MutablePropertySources sources = environment.getPropertySources();
		MapPropertySource demoSource = new MapPropertySource(PROPERTY_SOURCE_NAME, demo);
		sources.stream()
			.map(PropertySource::getName)
			.filter((name) -> name.startsWith("Config resource"))
			.findFirst()
			.ifPresentOrElse((name) -> sources.addBefore(name, demoSource), () -> sources.addLast(demoSource));
	}

}
