package com.example.webexoauth.system;

import com.example.webex.client.ConfigurationProblemsException;
import com.example.webexoauth.WebexOAuthApplication;

import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Demo mode is asked for with {@code WEBEX_DEMO=true}, never fallen into: that switches
 * on the {@value #PROFILE} profile, whose settings ({@code application-demo.properties})
 * run the app on the built-in Webex simulator with data of its own.
 * <p>
 * Runs before the configuration files are read, so that the profile's file is read too,
 * and so that it sees only what the operator set (environment, system properties, command
 * line): demo mode together with real credentials, token keys or another database is
 * refused here, where they cannot be mistaken for the profile's own settings.
 */
class DemoProfileEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROFILE = "demo";

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(WebexOAuthApplication.class)) {
			// another application in this JVM (a simulator a test starts) is not ours to
			// check
			return;
		}
		String demo = environment.getProperty("webex.demo");
		List<String> problems = DemoModeCheck.problems(demo, environment.getProperty("webex.client-id"),
				environment.getProperty("webex.client-secret"), environment.getProperty("webex.vault.keys"),
				environment.getProperty("spring.datasource.url"));
		ConfigurationProblemsException.throwIfAny(problems);
		if (Boolean.parseBoolean(demo)) {
			environment.addActiveProfile(PROFILE);
		}
	}

}
