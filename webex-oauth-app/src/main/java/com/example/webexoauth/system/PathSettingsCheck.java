package com.example.webexoauth.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.webex.client.ConfigurationProblemsException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Stops start-up when a setting that names a file or directory holds a placeholder
 * nothing defines. Spring Boot binds such a value as it is, and
 * {@code ${webex.data-dir}/...} then becomes a directory of that name (one holding a
 * signing secret was once committed). The environment itself resolves strictly, so each
 * setting is read through it once, after the configuration files, before anything touches
 * the disk; for every application on this class path, the standalone simulator included.
 */
class PathSettingsCheck implements EnvironmentPostProcessor, Ordered {

	/** The settings that name files and directories (the JDBC URL names the H2 file). */
	static final List<String> PATH_SETTINGS = List.of("webex.data-dir", "webex.store-dir", "webex.vault.key-file",
			"spring.datasource.url", "simulator.secret-file");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// one sentence per missing placeholder, naming the first setting that uses it:
		// the settings built on webex.data-dir fail with it
		Map<String, String> settingByPlaceholder = new LinkedHashMap<>();
		for (String setting : PATH_SETTINGS) {
			try {
				environment.getProperty(setting);
			}
			catch (PlaceholderResolutionException ex) {
				settingByPlaceholder.putIfAbsent(ex.getPlaceholder(), setting);
			}
		}
		List<String> problems = new ArrayList<>();
		settingByPlaceholder.forEach((placeholder, setting) -> problems.add(setting + " refers to ${" + placeholder
				+ "}, which is not set: set " + placeholder + ", or write the path out."));
		ConfigurationProblemsException.throwIfAny(problems);
	}

}
