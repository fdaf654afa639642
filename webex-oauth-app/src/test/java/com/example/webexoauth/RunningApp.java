package com.example.webexoauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * One instance of the application on a real port, configured like production against the
 * simulated Webex: tests restart it, run two at once, and look at its database. The app
 * of a whole test class is a JUnit extension ({@link #perClass}), started before its
 * tests.
 */
public final class RunningApp implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

	private final int port;

	private ConfigurableApplicationContext context;

	// for an app per class: what to start it with, and where it keeps its data
	private final Map<String, Object> overrides;

	private final Class<?>[] extraSources;

	private Path dataDir;

	private RunningApp(int port, ConfigurableApplicationContext context) {
		this.port = port;
		this.context = context;
		this.overrides = Map.of();
		this.extraSources = new Class<?>[0];
	}

	private RunningApp(int port, Map<String, Object> overrides, Class<?>[] extraSources) {
		this.port = port;
		this.overrides = Map.copyOf(overrides);
		this.extraSources = extraSources;
	}

	/**
	 * The app of a test class, for a static {@code @RegisterExtension} field: started
	 * against the shared simulator before the class's {@code @BeforeAll} methods, its H2
	 * database in a directory of its own, and stopped (its directory deleted) after the
	 * class.
	 * @param portIndex which of {@link SimulatedWebex#appPort}
	 * @param overrides settings on top of the test defaults (see {@link #start})
	 * @param extraSources extra bean definitions (see {@link #start})
	 * @return the app, not yet started
	 */
	public static RunningApp perClass(int portIndex, Map<String, Object> overrides, Class<?>... extraSources) {
		return new RunningApp(SimulatedWebex.appPort(portIndex), overrides, extraSources);
	}

	@Override
	public void beforeAll(ExtensionContext extensionContext) throws IOException {
		this.dataDir = Files.createTempDirectory("webex-oauth-app-");
		this.context = start(this.port, this.dataDir, this.overrides, this.extraSources).context;
	}

	@Override
	public void afterAll(ExtensionContext extensionContext) {
		try {
			if (this.context != null) {
				close();
			}
		}
		finally {
			deleteDataDir();
		}
	}

	private void deleteDataDir() {
		try {
			if (this.dataDir != null) {
				FileSystemUtils.deleteRecursively(this.dataDir);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts an instance against the shared simulator, its H2 database in
	 * {@code dataDir}.
	 */
	public static RunningApp start(int port, Path dataDir, Map<String, Object> overrides) {
		return start(port, dataDir, overrides, new Class<?>[0]);
	}

	/**
	 * Starts an instance against the shared simulator with extra bean definitions, e.g. a
	 * {@code Clock} the test moves. The extra classes must not be {@code @Configuration}
	 * or {@code @Component}: the app's component scan would pick them up in every other
	 * test.
	 */
	public static RunningApp start(int port, Path dataDir, Map<String, Object> overrides, Class<?>... extraSources) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", port);
		properties.put("webex.client-id", SimulatedWebex.CLIENT_ID);
		properties.put("webex.client-secret", SimulatedWebex.CLIENT_SECRET);
		properties.put("webex.api-base-url", SimulatedWebex.apiBaseUrl());
		properties.put("webex.redirect-uri", "http://localhost:" + port + "/oauth");
		properties.put("webex.simulated", true);
		properties.put("webex.data-dir", dataDir.toString());
		properties.putAll(overrides);
		return startWith(port, properties, extraSources);
	}

	/**
	 * Starts an instance with exactly these properties (on top of
	 * application.properties).
	 */
	public static RunningApp startWith(int port, Map<String, Object> properties) {
		return startWith(port, properties, new Class<?>[0]);
	}

	/**
	 * Starts an instance with exactly these properties and extra bean definitions. The
	 * room list cache is off ({@code webex.rooms.cache-ttl=0}) unless the properties turn
	 * it on: most tests load {@code /spaces} to make Webex calls happen (refreshes,
	 * failures), and a list cached by an earlier request would answer instead.
	 */
	public static RunningApp startWith(int port, Map<String, Object> properties, Class<?>... extraSources) {
		Map<String, Object> all = new HashMap<>();
		// HtmlUnit logs every page with a failing status at INFO, and many tests expect
		// those.
		all.put("logging.level.org.htmlunit", "WARN");
		all.put("webex.rooms.cache-ttl", "0");
		// Test servers listen on loopback only, never on every interface of the machine.
		all.put("server.address", "127.0.0.1");
		all.putAll(properties);
		all.put("server.port", port);
		// As command-line arguments: they win over application.properties, as environment
		// variables do in production.
		String[] args = all.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		Class<?>[] sources = new Class<?>[extraSources.length + 1];
		sources[0] = WebexOAuthApplication.class;
		System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources).run(args);
		return new RunningApp(port, context);
	}

	public String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	public int port() {
		return this.port;
	}

	public <T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	public ConfigurableApplicationContext context() {
		if (this.context == null) {
			throw new IllegalStateException("The app on port " + this.port + " is not started yet");
		}
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
