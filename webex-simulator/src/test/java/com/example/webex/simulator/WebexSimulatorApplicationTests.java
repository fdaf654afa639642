package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the simulator runs: alone without the application's configuration, and imported
 * into an application whose own security locks everything else down.
 */
class WebexSimulatorApplicationTests {

	@Test
	void startWhenStandaloneThenNoApplicationPropertiesNoUsersAndLoopbackOnly() {
		try (ConfigurableApplicationContext simulator = WebexSimulatorApplication.start(0, Map.of())) {
			assertThat(simulator.getEnvironment().getProperty("spring.application.name")).isEqualTo("webex-simulator");
			assertThat(simulator.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
			assertThat(simulator.getBeanNamesForType(UserDetailsService.class)).isEmpty();
			assertThat(simulator.getBean(SimulatorProperties.class).redirectUris())
				.containsExactly("http://localhost:10060/oauth", "http://127.0.0.1:10060/oauth");
		}
	}

	@Test
	void startWhenPropertiesGivenThenTheyOverrideDefaults() {
		try (ConfigurableApplicationContext simulator = WebexSimulatorApplication.start(0,
				Map.of("simulator.latency", "20ms", "simulator.redirect-uris", List.of("http://localhost:8080/oauth"),
						"simulator.admin-endpoints", false))) {
			assertThat(simulator.getBean(SimulatorSettings.class).latency()).hasMillis(20);
			assertThat(simulator.getBean(SimulatorProperties.class).redirectUris())
				.containsExactly("http://localhost:8080/oauth");
			assertThat(new SimulatorHttp(simulator).get("/simulator/stats").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void simulatorWhenImportedIntoASecuredApplicationThenItsEndpointsStayOpenAndStateless() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LockedDownApplication.class)
			.properties("spring.config.name=locked-down-test", "server.port=0", "server.address=127.0.0.1")
			.run()) {
			SimulatorHttp http = new SimulatorHttp(app);
			HttpResponse<String> consent = http
				.get(http.authorizeUrl(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s")));
			assertThat(consent.statusCode()).isEqualTo(200);
			assertThat(consent.headers().allValues("Set-Cookie")).isEmpty();
			// no CSRF token needed: the token endpoint answers with OAuth errors, not 403
			HttpResponse<String> token = http.refresh("unknown");
			assertThat(token.statusCode()).isEqualTo(400);
			assertThat(http.accessToken("zoe@example.com", SimulatorHttp.BASIC_SCOPES)).isNotBlank();
			assertThat(http.get("/simulator/stats").statusCode()).isEqualTo(200);
			// the application's own chain still guards everything else
			assertThat(http.get("/private").statusCode()).isEqualTo(302);
		}
	}

	/** An application that requires login everywhere and imports the simulator. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
	@Import(SimulatorConfiguration.class)
	static class LockedDownApplication {

		@Bean
		SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults());
			return http.build();
		}

	}

}
