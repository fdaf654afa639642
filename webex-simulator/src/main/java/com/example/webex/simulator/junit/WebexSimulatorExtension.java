package com.example.webex.simulator.junit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.WebexSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts a {@link WebexSimulator} on a loopback port for a test class, stops it after the
 * class, and puts its knobs, clock, call counts and added rooms back as configured after
 * each test; test and lifecycle methods can take the {@link WebexSimulator} as a
 * parameter.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static WebexSimulatorExtension webex = WebexSimulatorExtension.create().build();
 *
 * &#64;DynamicPropertySource
 * static void webexProperties(DynamicPropertyRegistry registry) {
 *     registry.add("webex.api-base-url", () -&gt; webex.simulator().baseUrl());
 *     registry.add("webex.client-id", () -&gt; webex.simulator().clientId());
 *     registry.add("webex.client-secret", () -&gt; webex.simulator().clientSecret());
 * }
 * </pre>
 *
 * Register it on a static field: the simulator then runs before Spring's test context is
 * built, which reads the properties above. On an instance field it runs for each test
 * instead. With {@link Builder#sharedPerJvm()} test classes of the same configuration
 * share one simulator, started once and stopped when the test run ends; they must not run
 * in parallel, since each resets it after every test.
 */
public final class WebexSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(WebexSimulatorExtension.class);

	// null: read from @WebexSimulatorTest
	private final Configuration configuration;

	private WebexSimulator simulator;

	// the unique id of the test class or method whose end stops the simulator; null if
	// shared
	private String owner;

	/**
	 * For {@link WebexSimulatorTest}; register it programmatically through
	 * {@link #create()}.
	 */
	public WebexSimulatorExtension() {
		this(null);
	}

	private WebexSimulatorExtension(Configuration configuration) {
		this.configuration = configuration;
	}

	/**
	 * An extension with the simulator's defaults: port 0, the demo Integration and
	 * people.
	 */
	public static Builder create() {
		return new Builder();
	}

	/**
	 * An extension over a simulator started elsewhere, e.g. by a test support class that
	 * also needs it outside JUnit's callbacks (to configure an application before it
	 * starts): it resets the simulator after each test and hands it to test methods, and
	 * never stops it.
	 * @param running the simulator; whoever started it stops it
	 * @return the extension, for a {@code @RegisterExtension} field
	 */
	public static WebexSimulatorExtension of(WebexSimulator running) {
		if (!running.isRunning()) {
			throw new IllegalArgumentException("The Webex simulator is not running: " + running);
		}
		WebexSimulatorExtension extension = new WebexSimulatorExtension(null);
		extension.simulator = running;
		return extension;
	}

	/**
	 * The running simulator.
	 * @throws IllegalStateException before the extension started it (before all tests of
	 * the class, or before each test when registered on an instance field)
	 */
	public synchronized WebexSimulator simulator() {
		if (this.simulator == null) {
			throw new IllegalStateException("The Webex simulator is not started yet: the extension starts it "
					+ "before all tests of the class (before each test if registered on an instance field)");
		}
		return this.simulator;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		start(context);
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (ownedBy(context)) {
			stop();
		}
		else if (this.simulator != null) {
			this.simulator.reset();
		}
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (ownedBy(context)) {
			stop();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == WebexSimulator.class;
	}

	@Override
	public WebexSimulator resolveParameter(ParameterContext parameter, ExtensionContext context) {
		// a test instance per class is built, and may take it, before beforeAll
		start(context);
		return simulator();
	}

	private synchronized void start(ExtensionContext context) {
		if (this.simulator != null) {
			return;
		}
		Configuration configuration = (this.configuration != null) ? this.configuration : Configuration.of(context);
		if (configuration.sharedPerJvm()) {
			// the root store closes it (AutoCloseable) when the whole test run ends
			this.simulator = context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent(configuration, (key) -> key.builder().start(), WebexSimulator.class);
			this.owner = null;
		}
		else {
			this.simulator = configuration.builder().start();
			this.owner = context.getUniqueId();
		}
	}

	private boolean ownedBy(ExtensionContext context) {
		return this.owner != null && this.owner.equals(context.getUniqueId());
	}

	private void stop() {
		WebexSimulator stopped = this.simulator;
		this.simulator = null;
		this.owner = null;
		stopped.stop();
	}

	@Override
	public String toString() {
		return "WebexSimulatorExtension[" + ((this.simulator != null) ? this.simulator : "not started") + "]";
	}

	/**
	 * What to start, and whether to share it; equal configurations share one simulator.
	 *
	 * @param port the port, 0 for a free one
	 * @param properties the simulator's settings by name
	 * @param sharedPerJvm whether test classes share one simulator
	 */
	private record Configuration(int port, Map<String, Object> properties, boolean sharedPerJvm) {

		Configuration {
			properties = Map.copyOf(properties);
		}

		/**
		 * From the test class's (or an enclosing class's) {@link WebexSimulatorTest};
		 * defaults without.
		 */
		static Configuration of(ExtensionContext context) {
			for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
				// also where it is inherited, or meta-present on a team's own annotation
				WebexSimulatorTest test = AnnotationSupport.findAnnotation(type, WebexSimulatorTest.class).orElse(null);
				if (test != null) {
					Map<String, Object> properties = new LinkedHashMap<>();
					Arrays.stream(test.properties()).forEach((property) -> {
						int equals = property.indexOf('=');
						if (equals <= 0) {
							throw new IllegalArgumentException(
									"@WebexSimulatorTest properties are name=value: '" + property + "'");
						}
						properties.put(property.substring(0, equals).strip(), property.substring(equals + 1));
					});
					return new Configuration(0, properties, test.sharedPerJvm());
				}
			}
			return new Configuration(0, Map.of(), false);
		}

		WebexSimulator.Builder builder() {
			WebexSimulator.Builder builder = WebexSimulator.builder().port(this.port);
			this.properties.forEach(builder::property);
			return builder;
		}

	}

	/** How to start the simulator, and for whom. */
	public static final class Builder {

		private int port;

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private boolean sharedPerJvm;

		private Builder() {
		}

		/**
		 * The port, 0 (the default) for a free one; see
		 * {@link WebexSimulator.Builder#port}.
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** The Integration's client id. */
		public Builder clientId(String clientId) {
			return property("simulator.client-id", clientId);
		}

		/** The Integration's client secret. */
		public Builder clientSecret(String clientSecret) {
			return property("simulator.client-secret", clientSecret);
		}

		/** The redirect URIs registered from the start, instead of the defaults. */
		public Builder redirectUris(String... redirectUris) {
			return property("simulator.redirect-uris", List.of(redirectUris));
		}

		/**
		 * Any setting of the simulator, e.g. {@code simulator.latency}; see
		 * {@link WebexSimulator.Builder#property}.
		 */
		public Builder property(String name, Object value) {
			this.properties.put(name, value);
			return this;
		}

		/**
		 * Shares one simulator among all test classes in the JVM that register an
		 * extension configured the same way, instead of one per class: Spring contexts
		 * cached across classes keep talking to it. Still reset after every test.
		 */
		public Builder sharedPerJvm() {
			this.sharedPerJvm = true;
			return this;
		}

		/**
		 * The extension, for a {@code @RegisterExtension} field.
		 * @throws IllegalArgumentException for a setting the simulator refuses up front
		 */
		public WebexSimulatorExtension build() {
			Configuration configuration = new Configuration(this.port, this.properties, this.sharedPerJvm);
			// refuses a bad port or server.address now, not when the first test class
			// starts
			configuration.builder();
			return new WebexSimulatorExtension(configuration);
		}

	}

}
