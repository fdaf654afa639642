package com.example.webex.vault.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.example.webex.vault.TestDatabase;
import com.example.webex.vault.TestKeys;
import com.example.webex.vault.access.AllowList;
import com.example.webex.vault.access.AllowListProperties;
import com.example.webex.vault.access.WebexIdentity;
import com.example.webex.vault.crypto.TokenCipher;
import com.example.webex.vault.crypto.TokenKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grant store's rules on the two databases it supports, as a {@code @JdbcTest} slice:
 * only a {@code DataSource}, a {@code JdbcTemplate} and a transaction per test (rolled
 * back), no web server and none of the vault's other beans. The same tests run on H2
 * ({@link OnH2}) and on PostgreSQL ({@link OnPostgres}); a new rule is a new method of
 * {@link Rules}.
 */
@JdbcTest(properties = "spring.flyway.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcGrantStoreSliceTests {

	static final String ISSUER = GrantIssuer.of("https://webexapis.com/v1");

	static final String ALICE = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ";

	@Nested
	class OnH2 extends Rules {

		OnH2() {
			super(Dialect.H2);
		}

		// Migrated (and emptied) once, before the context starts; each test's changes
		// roll back.
		@DynamicPropertySource
		static void database(DynamicPropertyRegistry properties) {
			use(TestDatabase.H2, properties);
		}

	}

	@Nested
	class OnPostgres extends Rules {

		OnPostgres() {
			super(Dialect.POSTGRESQL);
		}

		@DynamicPropertySource
		static void database(DynamicPropertyRegistry properties) {
			use(TestDatabase.POSTGRES, properties);
		}

	}

	static void use(TestDatabase database, DynamicPropertyRegistry properties) {
		database.fresh();
		properties.add("spring.datasource.url", database::jdbcUrl);
		properties.add("spring.datasource.username", database::username);
		properties.add("spring.datasource.password", () -> "");
	}

	abstract static class Rules {

		private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

		@Autowired
		private JdbcTemplate jdbc;

		@Autowired
		private DataSource dataSource;

		private final Dialect dialect;

		private JdbcGrantStore store;

		Rules(Dialect dialect) {
			this.dialect = dialect;
		}

		@BeforeEach
		void store() {
			this.store = store(ISSUER, new AllowListProperties(List.of(), List.of()));
		}

		@Test
		void dataSourceWhenSliceStartsThenTheDatabaseOfThisClass() {
			assertThat(Dialect.of(this.dataSource)).isEqualTo(this.dialect);
		}

		@Test
		void saveLoginThenFoundDecryptedAndNoTokenInPlaintextInTheRow() {
			saveLogin("at-alice-secret", "rt-alice-secret");
			Grant grant = this.store.find("webex", ALICE).orElseThrow();
			assertThat(grant.accessToken()).isEqualTo("at-alice-secret");
			assertThat(grant.refreshToken()).isEqualTo("rt-alice-secret");
			assertThat(grant.accessTokenExpiresAt()).isEqualTo(this.now.plus(Duration.ofDays(14)));
			assertThat(grant.refreshTokenExpiresAt()).isEqualTo(this.now.plus(Duration.ofDays(90)));
			assertThat(grant.scopes()).containsExactlyInAnyOrder("spark:people_read", "spark:rooms_read");
			assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
			Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM webex_grant");
			assertThat(row.values()).noneMatch((value) -> contains(value, "at-alice-secret"))
				.noneMatch((value) -> contains(value, "rt-alice-secret"));
			assertThat(row.get("key_id")).isEqualTo(TestKeys.id(TestKeys.A));
			assertThat(row.get("email_domains")).isEqualTo("example.com");
		}

		@Test
		void saveLoginWhenSavedAgainThenReplacedActiveAndNewVersion() {
			saveLogin("at-1", "rt-1");
			Grant first = this.store.find("webex", ALICE).orElseThrow();
			assertThat(this.store.markConsentRequired(first)).isTrue();
			saveLogin("at-2", "rt-2");
			Grant second = this.store.find("webex", ALICE).orElseThrow();
			assertThat(second.accessToken()).isEqualTo("at-2");
			assertThat(second.status()).isEqualTo(GrantStatus.ACTIVE);
			assertThat(second.version()).isGreaterThan(first.version());
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM webex_grant", Long.class)).isOne();
		}

		@Test
		void findWhenStoreBoundToAnotherIssuerThenNotFoundNorTouched() {
			saveLogin("at-alice", "rt-alice");
			JdbcGrantStore elsewhere = store(GrantIssuer.of("https://simulator.example:8443/v1"),
					new AllowListProperties(List.of(), List.of()));
			assertThat(elsewhere.find("webex", ALICE)).isEmpty();
			assertThat(elsewhere.findAccessToken("webex", ALICE)).isEmpty();
			assertThat(elsewhere.markConsentRequired("webex", ALICE)).isFalse();
			elsewhere.remove("webex", ALICE);
			assertThat(this.store.find("webex", ALICE)).get().extracting(Grant::status).isEqualTo(GrantStatus.ACTIVE);
		}

		@Test
		void claimRefreshLeaseWhenHeldThenOthersRefusedUntilTheHolderGivesItBack() {
			saveLogin("at-alice", "rt-alice");
			Grant read = this.store.find("webex", ALICE).orElseThrow();
			assertThat(this.store.claimRefreshLease(read, "instance-a", Duration.ofSeconds(30))).isTrue();
			assertThat(this.store.claimRefreshLease(read, "instance-b", Duration.ofSeconds(30))).isFalse();
			// only the holder gives it back
			this.store.releaseRefreshLease(read, "instance-b");
			assertThat(this.store.claimRefreshLease(read, "instance-b", Duration.ofSeconds(30))).isFalse();
			this.store.releaseRefreshLease(read, "instance-a");
			assertThat(this.store.claimRefreshLease(read, "instance-b", Duration.ofSeconds(30))).isTrue();
		}

		@Test
		void saveRefreshedWhenRowStillAsReadThenWrittenAndLeaseGivenBackElseDropped() {
			saveLogin("at-1", "rt-1");
			Grant read = this.store.find("webex", ALICE).orElseThrow();
			assertThat(this.store.claimRefreshLease(read, "instance-a", Duration.ofSeconds(30))).isTrue();
			assertThat(this.store.saveRefreshed(read, refreshed(read, "at-2"))).isTrue();
			Grant stored = this.store.find("webex", ALICE).orElseThrow();
			assertThat(stored.accessToken()).isEqualTo("at-2");
			assertThat(stored.version()).isEqualTo(read.version() + 1);
			// the lease went with the write, and the stale read can neither lease nor
			// write
			assertThat(this.store.claimRefreshLease(read, "instance-b", Duration.ofSeconds(30))).isFalse();
			assertThat(this.store.saveRefreshed(read, refreshed(read, "at-3"))).isFalse();
			assertThat(this.store.claimRefreshLease(stored, "instance-b", Duration.ofSeconds(30))).isTrue();
			assertThat(this.store.find("webex", ALICE).orElseThrow().accessToken()).isEqualTo("at-2");
		}

		@Test
		void markConsentRequiredThenNotUsableNotLeasableNotConnectedAndMarkedOnce() {
			saveLogin("at-alice", "rt-alice");
			Grant read = this.store.find("webex", ALICE).orElseThrow();
			assertThat(this.store.connectedPrincipals("webex")).containsExactly(ALICE);
			assertThat(this.store.markConsentRequired(read)).isTrue();
			assertThat(this.store.markConsentRequired(read)).isFalse();
			assertThat(this.store.markConsentRequired("webex", ALICE)).isFalse();
			assertThat(this.store.findAccessToken("webex", ALICE)).get()
				.extracting(CurrentAccessToken::isActive)
				.isEqualTo(false);
			assertThat(this.store.summary("webex", ALICE)).get()
				.extracting(GrantSummary::status)
				.isEqualTo(GrantStatus.CONSENT_REQUIRED);
			Grant marked = this.store.find("webex", ALICE).orElseThrow();
			assertThat(this.store.claimRefreshLease(marked, "instance-a", Duration.ofSeconds(30))).isFalse();
			assertThat(this.store.connectedPrincipals("webex")).isEmpty();
		}

		@Test
		void connectedPrincipalsWhenAllowListSetThenOnlyRecordedIdentitiesItAdmits() {
			saveLogin("at-alice", "rt-alice");
			JdbcGrantStore partnersOnly = store(ISSUER,
					new AllowListProperties(List.of("partner.example.net"), List.of()));
			assertThat(partnersOnly.connectedPrincipals("webex")).isEmpty();
			assertThat(store(ISSUER, new AllowListProperties(List.of("example.com"), List.of()))
				.connectedPrincipals("webex")).containsExactly(ALICE);
		}

		private JdbcGrantStore store(String issuer, AllowListProperties allowList) {
			return new JdbcGrantStore(JdbcClient.create(this.jdbc), Dialect.of(this.dataSource),
					new TokenCipher(TokenKeys.parse(List.of(TestKeys.A), "test")), Clock.systemUTC(), issuer,
					new AllowList(allowList));
		}

		private void saveLogin(String accessToken, String refreshToken) {
			this.store.saveLogin("webex", ALICE,
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, this.now,
							this.now.plus(Duration.ofDays(14)), Set.of("spark:people_read", "spark:rooms_read")),
					new OAuth2RefreshToken(refreshToken, this.now), this.now.plus(Duration.ofDays(90)),
					new WebexIdentity(null, Set.of("example.com")));
		}

		private Grant refreshed(Grant read, String accessToken) {
			return new Grant(read.registrationId(), read.principalName(), accessToken, this.now,
					this.now.plus(Duration.ofDays(14)), read.refreshToken(), read.refreshTokenExpiresAt(),
					read.scopes(), GrantStatus.ACTIVE, read.createdAt(), this.now, read.keptAt(), read.version() + 1);
		}

		private static boolean contains(Object value, String token) {
			byte[] bytes = (value instanceof byte[] binary) ? binary
					: String.valueOf(value).getBytes(StandardCharsets.UTF_8);
			return new String(bytes, StandardCharsets.ISO_8859_1).contains(token);
		}

	}

	/**
	 * The slice's configuration: nothing of the application, only what {@code @JdbcTest}
	 * brings.
	 */
	@SpringBootConfiguration
	static class Slice {

	}

}
