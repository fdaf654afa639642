package com.example.webex.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Runs the simulator on its own, e.g.
 * {@code java -cp ... com.example.webex.simulator.WebexSimulatorApplication --server.port=9999 --simulator.latency=20ms}.
 * It reads only an optional {@code simulator.properties}, and listens on 127.0.0.1 only
 * unless {@code server.address} says otherwise. Started from the tests of an application,
 * it shares their class path: whatever database, session store or OAuth client that
 * application brings is left out (named, since the simulator does not depend on them).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class, excludeName = {
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
		"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration" })
@Import(SimulatorConfiguration.class)
public class WebexSimulatorApplication {

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * Starts a simulator, for tests and benchmarks.
	 * @param port the HTTP port, 0 for a free one (then read {@code local.server.port}
	 * from the context's environment)
	 * @param properties further properties, e.g. {@code simulator.latency=20ms}; they win
	 * over {@code simulator.properties} and the environment
	 * @return the running context; close it to stop the simulator
	 */
	public static ConfigurableApplicationContext start(int port, Map<String, ?> properties) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + port);
		properties.forEach((name, value) -> args.add("--" + name + "=" + asArgument(value)));
		return builder().run(args.toArray(String[]::new));
	}

	private static String asArgument(Object value) {
		if (value instanceof Collection<?> values) {
			return String.join(",", values.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

	private static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(WebexSimulatorApplication.class).main(WebexSimulatorApplication.class)
			.properties(Map.of(
					// never the application's application.properties
					"spring.config.name", "simulator", "server.port", "10061", "server.address", "127.0.0.1",
					"spring.application.name", "webex-simulator", "server.shutdown", "immediate",
					"spring.main.banner-mode", "off"));
	}

}
