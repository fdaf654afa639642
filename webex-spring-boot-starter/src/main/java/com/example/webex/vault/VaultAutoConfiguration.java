package com.example.webex.vault;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.example.webex.client.ConditionalOnWebexIntegration;
import com.example.webex.client.ConfigurationProblemsException;
import com.example.webex.client.WebexClientAutoConfiguration;
import com.example.webex.client.WebexProperties;
import com.example.webex.vault.access.AllowList;
import com.example.webex.vault.access.AllowListProperties;
import com.example.webex.vault.crypto.TokenCipher;
import com.example.webex.vault.crypto.TokenKeysLoader;
import com.example.webex.vault.refresh.TokenEndpointConfiguration;
import com.example.webex.vault.refresh.TokenRevoker;
import com.example.webex.vault.store.Dialect;
import com.example.webex.vault.store.GrantIssuer;
import com.example.webex.vault.store.JdbcGrantStore;
import com.example.webex.vault.store.KeyRotation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.api.Location;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the token vault: keys, the encrypted grant store (also Spring Security's
 * {@code OAuth2AuthorizedClientService}), refresh, keeper and the Webex request
 * interceptor.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class,
		WebexClientAutoConfiguration.class })
@EnableConfigurationProperties({ VaultProperties.class, WebexProperties.class, AllowListProperties.class })
@Import(TokenEndpointConfiguration.class)
@ConditionalOnWebexIntegration
public class VaultAutoConfiguration {

	private static final String DEFAULT_MIGRATIONS = "classpath:db/migration";

	private final Clock clock = Clock.systemUTC();

	@Bean
	TokenCipher tokenCipher(VaultProperties properties, DataSource dataSource) {
		return new TokenCipher(
				TokenKeysLoader.load(properties.keys(), properties.keyFile(), Dialect.isEmbeddedH2(dataSource)));
	}

	/**
	 * Migration V2 binds the grants stored before it to the Webex this configuration
	 * talks to, the only one that can have issued them.
	 */
	@Bean
	FlywayConfigurationCustomizer grantIssuerPlaceholder(WebexProperties webex) {
		String issuer = GrantIssuer.sqlLiteralContent(GrantIssuer.of(webex));
		return (flyway) -> {
			Map<String, String> placeholders = new LinkedHashMap<>(flyway.getPlaceholders());
			placeholders.put(GrantIssuer.PLACEHOLDER, issuer);
			flyway.placeholders(placeholders);
		};
	}

	@Bean
	AllowList allowList(AllowListProperties properties) {
		return new AllowList(properties);
	}

	@Bean
	GrantAdmission grantAdmission(AllowList allowList, TokenRevoker tokenRevoker) {
		return new GrantAdmission(allowList, tokenRevoker);
	}

	// Takes JdbcTemplate rather than the DataSource: Boot orders it after the Flyway
	// migration.
	@Bean
	JdbcGrantStore grantStore(JdbcTemplate jdbcTemplate, TokenCipher tokenCipher, WebexProperties webex,
			AllowList allowList) {
		return new JdbcGrantStore(JdbcClient.create(jdbcTemplate), Dialect.of(jdbcTemplate.getDataSource()),
				tokenCipher, this.clock, GrantIssuer.of(webex), allowList);
	}

	/** Spring Security's login saves new grants here (and finds it by type). */
	@Bean
	GrantLogins grantLogins(JdbcGrantStore grantStore, ClientRegistrationRepository clientRegistrations,
			ApplicationEventPublisher events) {
		return new GrantLogins(grantStore, clientRegistrations, events);
	}

	@Bean
	KeyRotation keyRotation(JdbcTemplate jdbcTemplate, TokenCipher tokenCipher,
			PlatformTransactionManager transactionManager) {
		return new KeyRotation(JdbcClient.create(jdbcTemplate), tokenCipher,
				new TransactionTemplate(transactionManager));
	}

	@Bean
	VaultMetrics vaultMetrics(ObjectProvider<MeterRegistry> meterRegistry, JdbcGrantStore grantStore) {
		return new VaultMetrics(meterRegistry.getIfAvailable(SimpleMeterRegistry::new), grantStore, this.clock);
	}

	@Bean
	GrantRefresher grantRefresher(JdbcGrantStore grantStore,
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenTokenResponseClient,
			ClientRegistrationRepository clientRegistrations, VaultMetrics vaultMetrics, VaultProperties properties,
			WebexProperties webex, ApplicationEventPublisher events) {
		checkRefreshLease(properties.refreshLease(), webex.http());
		return new GrantRefresher(WebexProperties.REGISTRATION_ID, grantStore, refreshTokenTokenResponseClient,
				clientRegistrations, vaultMetrics, properties.refreshLease(), properties.retryAfter(), events);
	}

	/**
	 * A lease that can run out while its holder still waits for Webex would let a second
	 * instance refresh the same grant at the same time.
	 */
	static void checkRefreshLease(Duration lease, WebexProperties.Http http) {
		Duration longestCall = http.connectTimeout().plus(http.readTimeout());
		if (lease.compareTo(longestCall) <= 0) {
			throw new ConfigurationProblemsException(List.of("webex.vault.refresh-lease is " + lease.toSeconds()
					+ " s but a token call may take up to " + longestCall.toSeconds()
					+ " s (webex.http.connect-timeout plus read-timeout): make the lease longer than that."));
		}
	}

	@Bean
	@ConditionalOnMissingBean
	TokenVault tokenVault(JdbcGrantStore grantStore, GrantRefresher grantRefresher, TokenRevoker tokenRevoker,
			ClientRegistrationRepository clientRegistrations, VaultProperties properties,
			ApplicationEventPublisher events, AllowList allowList) {
		return new TokenVault(WebexProperties.REGISTRATION_ID, grantStore, grantRefresher, tokenRevoker,
				clientRegistrations, properties.refreshSkew(), this.clock, events, allowList);
	}

	@Bean
	VaultTokenInterceptor vaultTokenInterceptor(TokenVault tokenVault) {
		return new VaultTokenInterceptor(tokenVault);
	}

	@Bean
	GrantKeeper grantKeeper(JdbcGrantStore grantStore, GrantRefresher grantRefresher, VaultProperties properties,
			VaultMetrics vaultMetrics) {
		return new GrantKeeper(WebexProperties.REGISTRATION_ID, grantStore, grantRefresher, properties.keeper(),
				vaultMetrics, this.clock);
	}

	@Bean
	KeeperSchedule grantKeeperSchedule(GrantKeeper grantKeeper, VaultProperties properties) {
		return new KeeperSchedule(grantKeeper, properties.keeper(), this.clock);
	}

	/**
	 * Adds the vault's migrations ({@code db/webex/common}, and {@code db/webex/h2} or
	 * {@code db/webex/postgresql} for what differs, see the README there) to the
	 * application's Flyway: Spring Boot resolves {@code {vendor}} only in
	 * {@code spring.flyway.locations}, which belong to the application. The default
	 * location is dropped when it holds no migrations, so an application without any of
	 * its own gets no warning about it.
	 */
	@Bean
	FlywayConfigurationCustomizer vaultMigrations(ResourceLoader resourceLoader) {
		return (flyway) -> {
			String vendor = (Dialect.of(flyway.getDataSource()) == Dialect.POSTGRESQL) ? "postgresql" : "h2";
			List<Location> locations = new ArrayList<>();
			for (Location location : flyway.getLocations()) {
				boolean unused = DEFAULT_MIGRATIONS.equals(location.getDescriptor())
						&& !resourceLoader.getResource(DEFAULT_MIGRATIONS + "/").exists();
				if (!unused) {
					locations.add(location);
				}
			}
			locations.add(new Location("classpath:db/webex/common"));
			locations.add(new Location("classpath:db/webex/" + vendor));
			flyway.locations(locations.toArray(Location[]::new));
		};
	}

}
