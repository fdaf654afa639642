package com.example.webexoauth.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Runs the simulator on its own, e.g.
 * {@code java -cp ... com.example.webexoauth.simulator.WebexSimulatorApplication --server.port=9999 --simulator.latency=20ms}.
 * It reads only an optional {@code simulator.properties} and leaves out the application's
 * database, session and OAuth client.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
		SessionAutoConfiguration.class, JdbcSessionAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
		OAuth2ClientWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@Import(SimulatorConfiguration.class)
// Inert if a component scan ever picks this class up inside another application.
@ConditionalOnBooleanProperty(WebexSimulatorApplication.STANDALONE)
public class WebexSimulatorApplication {

	static final String STANDALONE = "simulator.standalone";

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * Starts a simulator, for tests and benchmarks.
	 * @param port the HTTP port, 0 for a free one (then read {@code local.server.port} from
	 * the context's environment)
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
				"spring.config.name", "simulator", STANDALONE, "true", "server.port", "10061",
				"spring.application.name", "webex-simulator", "server.shutdown", "immediate",
				"spring.main.banner-mode", "off"));
	}

}
