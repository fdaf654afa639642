package com.example.webexoauth;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of the application on a real port, configured like production against the
 * simulated Webex: tests restart it, run two at once, and look at its database.
 */
public final class RunningApp implements AutoCloseable {

	private final int port;

	private final ConfigurableApplicationContext context;

	private RunningApp(int port, ConfigurableApplicationContext context) {
		this.port = port;
		this.context = context;
	}

	/** Starts an instance against the shared simulator, its H2 database in {@code dataDir}. */
	public static RunningApp start(int port, Path dataDir, Map<String, Object> overrides) {
		return start(port, dataDir, overrides, new Class<?>[0]);
	}

	/**
	 * Starts an instance against the shared simulator with extra bean definitions, e.g. a
	 * {@code Clock} the test moves. The extra classes must not be {@code @Configuration} or
	 * {@code @Component}: the app's component scan would pick them up in every other test.
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

	/** Starts an instance with exactly these properties (on top of application.properties). */
	public static RunningApp startWith(int port, Map<String, Object> properties) {
		return startWith(port, properties, new Class<?>[0]);
	}

	/**
	 * Starts an instance with exactly these properties and extra bean definitions. The room
	 * list cache is off ({@code webex.rooms.cache-ttl=0}) unless the properties turn it on:
	 * most tests load {@code /spaces} to make Webex calls happen (refreshes, failures), and a
	 * list cached by an earlier request would answer instead.
	 */
	public static RunningApp startWith(int port, Map<String, Object> properties, Class<?>... extraSources) {
		Map<String, Object> all = new HashMap<>();
		// HtmlUnit logs every page with a failing status at INFO, and many tests expect those.
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
		return this.context.getBean(type);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
