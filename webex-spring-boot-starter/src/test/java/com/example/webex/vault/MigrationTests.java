package com.example.webex.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.crypto.TokenCipher;
import com.example.webex.vault.crypto.TokenCipher.Column;
import com.example.webex.vault.crypto.TokenKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void migrationContainsSpringSessionSchemaVerbatim(String vendor) throws IOException {
		String shipped = read("org/springframework/session/jdbc/schema-" + vendor + ".sql");
		assertThat(read("db/webex/" + vendor + "/V1__sessions_and_grants.sql")).contains(shipped.trim());
	}

	@OnEachDatabase
	void springSessionWhenSavingAndLoadingThenWorksOnMigratedSchema(TestDatabase database) {
		JdbcTemplate jdbc = database.fresh().jdbc();
		JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())));
		assertRoundTrip(sessions);
	}

	@OnEachDatabase
	void migrationWhenV1DatabaseHoldsGrantsThenBoundToTheConfiguredBaseUrlAndServedAsBefore(TestDatabase database) {
		database.empty().flyway("unused: V2 is not run here", "1").migrate();
		TokenCipher cipher = new TokenCipher(TokenKeys.parse(List.of(TestKeys.A), "test"));
		insertV1Grant(database, cipher, ALICE, "at-alice", "rt-alice", "ACTIVE");
		insertV1Grant(database, cipher, BOB, "at-bob", null, "CONSENT_REQUIRED");
		List<Map<String, Object>> before = database.jdbc()
			.queryForList(
					"SELECT access_token, refresh_token, status, version FROM webex_grant ORDER BY principal_name");
		// Spelled as an operator might, with a quote the migration's SQL literal must
		// survive.
		String baseUrl = "HTTPS://WebexAPIs.com:443/it's/v1/";
		String issuer = "https://webexapis.com/it's/v1";
		try (TokenEndpointStub endpoint = new TokenEndpointStub()) {
			ApplicationContextRunner runner = VaultContexts.runner(database, endpoint);
			runner.withPropertyValues("webex.api-base-url=" + baseUrl).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(database.jdbc()
					.queryForList("SELECT issuer, org_id, email_domains FROM webex_grant ORDER BY principal_name"))
					.extracting((row) -> lowerCaseKeys(row))
					.containsOnly(Map.of("issuer", issuer), Map.of("issuer", issuer));
				assertThat(database.jdbc()
					.queryForList("SELECT access_token, refresh_token, status, version FROM webex_grant"
							+ " ORDER BY principal_name"))
					.usingRecursiveComparison()
					.isEqualTo(before);
				TokenVault vault = context.getBean(TokenVault.class);
				assertThat(vault.accessToken(ALICE)).isEqualTo("at-alice");
				assertThatExceptionOfType(ReconnectRequiredException.class).isThrownBy(() -> vault.accessToken(BOB))
					.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONSENT_REQUIRED));
			});
			// The issuer is part of the key now: another base URL gets a row of its own.
			runner.withPropertyValues("webex.api-base-url=https://api-usgov.webex.com/v1").run((other) -> {
				TokenVault vault = other.getBean(TokenVault.class);
				assertThatExceptionOfType(ReconnectRequiredException.class).isThrownBy(() -> vault.accessToken(ALICE))
					.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_GRANT));
				VaultContexts.saveGrant(other, ALICE, "at-alice-usgov", Duration.ofDays(14), "rt-alice-usgov");
				assertThat(vault.accessToken(ALICE)).isEqualTo("at-alice-usgov");
			});
			assertThat(endpoint.refreshCalls()).isZero();
		}
		assertThat(database.jdbc()
			.queryForObject("SELECT COUNT(*) FROM webex_grant WHERE principal_name = ?", Long.class, ALICE))
			.isEqualTo(2);
		assertThat(database.jdbc()
			.queryForList(
					"SELECT \"version\" FROM \"flyway_schema_history\""
							+ " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
					String.class))
			.containsExactly("1", "2", "3");
	}

	/** A grant as the vault stored it before V2: same columns, same encryption. */
	private static void insertV1Grant(TestDatabase database, TokenCipher cipher, String principal, String accessToken,
			String refreshToken, String status) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
		database.jdbc()
			.update("INSERT INTO webex_grant (registration_id, principal_name, access_token, access_token_issued_at,"
					+ " access_token_expires_at, refresh_token, refresh_token_expires_at, scopes, key_id, status,"
					+ " created_at, refreshed_at, kept_at, version)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 3)", "webex", principal,
					cipher.encrypt(accessToken, Column.ACCESS_TOKEN, "webex", principal), now, now.plusDays(14),
					(refreshToken != null) ? cipher.encrypt(refreshToken, Column.REFRESH_TOKEN, "webex", principal)
							: null,
					now.plusDays(90), "spark:people_read spark:rooms_read", cipher.primaryKeyId(), status, now);
	}

	private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
		Map<String, Object> lower = new HashMap<>();
		row.forEach((column, value) -> {
			if (value != null) {
				lower.put(column.toLowerCase(Locale.ROOT), value);
			}
		});
		return lower;
	}

	private static <S extends Session> void assertRoundTrip(SessionRepository<S> sessions) {
		S session = sessions.createSession();
		session.setAttribute("greeting", "hello");
		sessions.save(session);
		assertThat(sessions.findById(session.getId()).<String>getAttribute("greeting")).isEqualTo("hello");
	}

	private static String read(String path) throws IOException {
		return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
	}

}
