package com.example.webex.simulator;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A standalone simulator on a random port for one test class, put back as configured after
 * each test; register it on a static field with {@code @RegisterExtension} and talk to it as
 * {@link SimulatorHttp}.
 */
final class RunningSimulator extends SimulatorHttp implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

	private final Map<String, Object> properties;

	private final AtomicReference<ConfigurableApplicationContext> simulator;

	RunningSimulator(Map<String, Object> properties) {
		this(properties, new AtomicReference<>());
	}

	private RunningSimulator(Map<String, Object> properties,
			AtomicReference<ConfigurableApplicationContext> simulator) {
		super(simulator::get);
		this.properties = properties;
		this.simulator = simulator;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.simulator.set(WebexSimulatorApplication.start(0, this.properties));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.simulator.getAndSet(null).close();
	}

}
