package com.example.webex.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.example.webex.client.WebexClientAutoConfiguration;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.JdbcGrantStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Small Spring contexts holding only the vault, the Webex clients, JDBC, transactions and
 * Flyway: one context is one app instance.
 */
public final class VaultContexts {

	public static final String ALICE = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ";

	public static final String BOB = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ib2I";

	private VaultContexts() {
	}

	public static ApplicationContextRunner runner(TestDatabase database, TokenEndpointStub endpoint) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class,
					RestClientAutoConfiguration.class, WebexClientAutoConfiguration.class,
					VaultAutoConfiguration.class))
			.withBean(ClientRegistrationRepository.class, endpoint::registrations)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(database.properties())
			.withPropertyValues("webex.vault.keys=" + TestKeys.A, "webex.http.connect-timeout=2s",
					"webex.http.read-timeout=5s",
					// the Webex settings refuse to bind without an Integration
					"webex.client-id=vault-test-client", "webex.client-secret=vault-test-secret");
	}

	/**
	 * Store a grant as Spring's login would, its access token expiring {@code expiresIn}
	 * from now.
	 */
	public static void saveGrant(ApplicationContext context, String principalName, String accessToken,
			Duration expiresIn, String refreshToken) {
		Instant now = Instant.now();
		Instant issuedAt = expiresIn.isNegative() ? now.plus(expiresIn).minusSeconds(60) : now;
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, issuedAt,
				now.plus(expiresIn), Set.of("spark:people_read", "spark:rooms_read"));
		OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(
				context.getBean(ClientRegistrationRepository.class).findByRegistrationId("webex"), principalName, token,
				(refreshToken != null) ? new OAuth2RefreshToken(refreshToken, issuedAt) : null);
		context.getBean(GrantLogins.class)
			.saveAuthorizedClient(client, new TestingAuthenticationToken(principalName, null));
	}

	/**
	 * A sign-in as Spring's login performs it after the code exchange: the user-info step
	 * admits the person ({@link GrantAdmission}), then the grant is saved with the
	 * signed-in user.
	 * @return whether the person was admitted (and the grant saved)
	 */
	static boolean signIn(ApplicationContext context, OAuth2AccessTokenResponse response, Map<String, ?> person) {
		ClientRegistration registration = context.getBean(ClientRegistrationRepository.class)
			.findByRegistrationId("webex");
		Optional<Map<String, Object>> admitted = context.getBean(GrantAdmission.class)
			.admit(new OAuth2UserRequest(registration, response.getAccessToken(), response.getAdditionalParameters()),
					person);
		if (admitted.isEmpty()) {
			return false;
		}
		Map<String, Object> attributes = new LinkedHashMap<>(admitted.get());
		attributes.put("id", person.get("id"));
		OAuth2User user = new DefaultOAuth2User(List.of(), attributes, "id");
		context.getBean(GrantLogins.class)
			.saveAuthorizedClient(
					new OAuth2AuthorizedClient(registration, user.getName(), response.getAccessToken(),
							response.getRefreshToken()),
					new OAuth2AuthenticationToken(user, List.of(), registration.getRegistrationId()));
		return true;
	}

	public static Grant grant(ApplicationContext context, String principalName) {
		return context.getBean(JdbcGrantStore.class).find("webex", principalName).orElseThrow();
	}

}
