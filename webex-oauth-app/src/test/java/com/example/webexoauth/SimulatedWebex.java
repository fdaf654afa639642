package com.example.webexoauth;

import java.util.List;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.LoopbackPorts;
import com.example.webex.simulator.junit.WebexSimulatorExtension;

/**
 * The Webex simulator shared by every test in the JVM (the simulator module's
 * {@link WebexSimulator} handle), and the ports app instances may listen on (registered
 * with the simulator as redirect URIs up front, since an Integration's redirect URIs are
 * fixed before anyone signs in). Started on first use, since the apps' configuration
 * needs its URL before they start; stopped when the JVM ends. A test class that changes
 * it registers {@link #extension()}, which puts it back as configured after each test.
 */
public final class SimulatedWebex {

	public static final String CLIENT_ID = "test-client-id";

	public static final String CLIENT_SECRET = "test-client-secret";

	private static final List<Integer> APP_PORTS = LoopbackPorts.reserve(4);

	private static WebexSimulator simulator;

	private SimulatedWebex() {
	}

	/** The port for the index-th app instance of a test (0 to 3). */
	public static int appPort(int index) {
		return APP_PORTS.get(index);
	}

	/** The simulator, started on first use. */
	public static synchronized WebexSimulator simulator() {
		if (simulator == null) {
			WebexSimulator started = WebexSimulator.builder()
				.port(0)
				.clientId(CLIENT_ID)
				.clientSecret(CLIENT_SECRET)
				.redirectUris(
						APP_PORTS.stream().map((port) -> "http://localhost:" + port + "/oauth").toArray(String[]::new))
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "webex-simulator-stop"));
			simulator = started;
		}
		return simulator;
	}

	/**
	 * The simulator's JUnit extension over the shared simulator, for a test class that
	 * changes its knobs, clock, counts or rooms: {@code @RegisterExtension static final
	 * WebexSimulatorExtension webex = SimulatedWebex.extension();}.
	 */
	public static WebexSimulatorExtension extension() {
		return WebexSimulatorExtension.of(simulator());
	}

	/** The Webex API base URL the apps under test are given. */
	public static String apiBaseUrl() {
		return "http://localhost:" + simulator().port() + "/v1";
	}

}
