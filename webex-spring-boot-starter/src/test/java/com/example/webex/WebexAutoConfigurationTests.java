package com.example.webex;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.example.webex.client.WebexClient;
import com.example.webex.login.WebexLogin;
import com.example.webex.vault.TokenVault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for what the starter's auto-configurations give an application, and when they
 * stay out of its way: a context with every auto-configuration on the classpath, as
 * {@code @SpringBootApplication} builds it, on an in-memory H2 database. Each test is a
 * fresh context in a fraction of a second; copy one to pin down another condition.
 */
class WebexAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withUserConfiguration(Application.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"webex.vault.keys=" + key(), "webex.vault.keeper.enabled=false");

	@Test
	void contextWhenNoWebexIntegrationConfiguredThenNothingOfWebex() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebexClient.class)
				.doesNotHaveBean(TokenVault.class)
				.doesNotHaveBean(WebexLogin.class)
				.doesNotHaveBean("webexLoginSecurityFilterChain");
		});
	}

	@Test
	void contextWhenClientIdAndSecretSetThenWebexLoginVaultAndClient() {
		this.contextRunner.withPropertyValues("webex.client-id=client-id", "webex.client-secret=client-secret")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebexClient.class)
					.hasSingleBean(TokenVault.class)
					.hasSingleBean(WebexLogin.class)
					.hasBean("webexLoginSecurityFilterChain");
				ClientRegistration webex = context.getBean(ClientRegistrationRepository.class)
					.findByRegistrationId("webex");
				assertThat(webex.getClientId()).isEqualTo("client-id");
				assertThat(webex.getProviderDetails().getTokenUri()).isEqualTo("https://webexapis.com/v1/access_token");
			});
	}

	@Test
	void contextWhenOnlyClientIdSetThenStillWebexSoTheStartUpCheckCanNameTheMissingSecret() {
		this.contextRunner.withPropertyValues("webex.client-id=client-id")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("WEBEX_CLIENT_SECRET"));
	}

	@Test
	void contextWhenApplicationHasItsOwnWebexClientThenUsesIt() {
		WebexClient own = mock(WebexClient.class);
		this.contextRunner.withPropertyValues("webex.client-id=client-id", "webex.client-secret=client-secret")
			.withBean("ownWebexClient", WebexClient.class, () -> own)
			.run((context) -> assertThat(context).getBean(WebexClient.class).isSameAs(own));
	}

	@Test
	void contextWhenApplicationHasItsOwnClientRegistrationsThenUsesThem() {
		ClientRegistrationRepository own = new InMemoryClientRegistrationRepository(
				ClientRegistration.withRegistrationId("webex")
					.clientId("own-id")
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.redirectUri("http://127.0.0.1/login/oauth2/code/webex")
					.authorizationUri("https://webexapis.com/v1/authorize")
					.tokenUri("https://webexapis.com/v1/access_token")
					.build());
		this.contextRunner.withPropertyValues("webex.client-id=client-id", "webex.client-secret=client-secret")
			.withBean("ownRegistrations", ClientRegistrationRepository.class, () -> own)
			.run((context) -> assertThat(context).getBean(ClientRegistrationRepository.class).isSameAs(own));
	}

	@Test
	void contextWhenApplicationHasItsOwnSecurityFilterChainThenNoDefaultChain() {
		this.contextRunner.withPropertyValues("webex.client-id=client-id", "webex.client-secret=client-secret")
			.withUserConfiguration(OwnSecurity.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("webexLoginSecurityFilterChain");
				assertThat(context).getBeanNames(SecurityFilterChain.class).containsExactly("ownChain");
				assertThat(context).hasSingleBean(WebexLogin.class);
			});
	}

	@Test
	void contextWhenEmptyH2ThenMigrationsCreateTheVaultAndSessionTables() {
		this.contextRunner.withPropertyValues("webex.client-id=client-id", "webex.client-secret=client-secret")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				List<String> tables = jdbc.queryForList(
						"SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC'",
						String.class);
				assertThat(tables).contains("webex_grant", "spring_session", "spring_session_attributes",
						"flyway_schema_history");
				assertThat(jdbc.queryForList(
						"SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL",
						String.class))
					.containsExactly("1", "2", "3");
			});
	}

	private static String key() {
		byte[] bytes = new byte[32];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 7 + 3);
		}
		return Base64.getEncoder().encodeToString(bytes);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSecurity {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http, WebexLogin webexLogin) throws Exception {
			return http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
				.oauth2Login(webexLogin::configure)
				.csrf(Customizer.withDefaults())
				.build();
		}

	}

}
