package com.example.webexoauth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.WebexSimulatorApplication;
import com.example.webex.simulator.junit.LoopbackPorts;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Webex simulator on its own random port, shared by every test in the JVM, and the ports
 * app instances may listen on (registered with the simulator as redirect URIs up front, since
 * an Integration's redirect URIs are fixed before anyone signs in).
 */
public final class SimulatedWebex {

	public static final String CLIENT_ID = "test-client-id";

	public static final String CLIENT_SECRET = "test-client-secret";

	private static final List<Integer> APP_PORTS = LoopbackPorts.reserve(4);

	private static ConfigurableApplicationContext simulator;

	private SimulatedWebex() {
	}

	/** The port for the index-th app instance of a test (0 to 3). */
	public static int appPort(int index) {
		return APP_PORTS.get(index);
	}

	public static synchronized ConfigurableApplicationContext context() {
		if (simulator == null) {
			List<String> redirectUris = new ArrayList<>();
			for (int port : APP_PORTS) {
				redirectUris.add("http://localhost:" + port + "/oauth");
			}
			Map<String, Object> properties = new HashMap<>();
			properties.put("server.address", "127.0.0.1");
			properties.put("simulator.client-id", CLIENT_ID);
			properties.put("simulator.client-secret", CLIENT_SECRET);
			properties.put("simulator.redirect-uris", String.join(",", redirectUris));
			simulator = WebexSimulatorApplication.start(0, properties);
		}
		return simulator;
	}

	public static String apiBaseUrl() {
		return "http://localhost:" + context().getEnvironment().getProperty("local.server.port") + "/v1";
	}

	public static <T> T bean(Class<T> type) {
		return context().getBean(type);
	}

}
