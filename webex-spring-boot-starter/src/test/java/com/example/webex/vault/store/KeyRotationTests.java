package com.example.webex.vault.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.example.webex.vault.Concurrently;
import com.example.webex.vault.OnEachDatabase;
import com.example.webex.vault.TestDatabase;
import com.example.webex.vault.TestKeys;
import com.example.webex.vault.TokenEndpointStub;
import com.example.webex.vault.VaultContexts;
import com.example.webex.vault.crypto.TokenKeyException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.BOB;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;

class KeyRotationTests {

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void startWhenNewKeyAddedFirstThenGrantsReadableAndReencryptedUnderIt(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.A).run((context) -> {
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			saveGrant(context, BOB, "at-bob", Duration.ofDays(14), null);
		});
		assertThat(keyIds(database)).containsExactly(TestKeys.id(TestKeys.A));
		byte[] before = accessTokenBytes(database);
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.B + "," + TestKeys.A).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(keyIds(database)).containsExactly(TestKeys.id(TestKeys.B));
			assertThat(accessTokenBytes(database)).isNotEqualTo(before);
			assertThat(grant(context, ALICE).accessToken()).isEqualTo("at-alice");
		});
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.B).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(grant(context, ALICE).accessToken()).isEqualTo("at-alice");
			assertThat(grant(context, ALICE).refreshToken()).isEqualTo("rt-alice");
			assertThat(grant(context, BOB).accessToken()).isEqualTo("at-bob");
			assertThat(grant(context, BOB).refreshToken()).isNull();
		});
	}

	@OnEachDatabase
	void startWhenKeyOfStoredGrantsMissingThenFailsAndKeepsGrants(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.A)
			.run((context) -> saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice"));
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.B).run((context) -> {
			TokenKeyException failure = tokenKeyFailure(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("were encrypted with key " + TestKeys.id(TestKeys.A)
					+ ", which WEBEX_TOKEN_KEYS does not contain: add it back as a secondary key");
			assertThat(failure.action()).contains("WEBEX_TOKEN_KEYS=");
		});
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM webex_grant", Long.class)).isEqualTo(1);
	}

	@OnEachDatabase
	void startWhenStoredGrantDoesNotDecryptThenFails(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.run((context) -> saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice"));
		byte[] tampered = accessTokenBytes(database);
		tampered[tampered.length - 1] ^= 1;
		database.jdbc().update("UPDATE webex_grant SET access_token = ?", tampered);
		runner.run((context) -> assertThat(tokenKeyFailure(context.getStartupFailure()).getMessage())
			.contains("Grants encrypted with key " + TestKeys.id(TestKeys.A) + " do not decrypt"));
	}

	@OnEachDatabase
	void startWhenTwoInstancesRotateAtOnceThenEveryGrantUnderNewKey(TestDatabase database) throws Exception {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.A).run((context) -> {
			for (int i = 0; i < 250; i++) {
				saveGrant(context, "person-" + i, "at-" + i, Duration.ofDays(14), "rt-" + i);
			}
		});
		ApplicationContextRunner rotating = runner
			.withPropertyValues("webex.vault.keys=" + TestKeys.B + "," + TestKeys.A);
		Callable<Throwable> start = () -> {
			Throwable[] failure = new Throwable[1];
			rotating.run((context) -> failure[0] = context.getStartupFailure());
			return failure[0];
		};
		Concurrently.Outcomes<Throwable> outcomes = Concurrently.run(List.of(start, start));
		assertThat(outcomes.failures()).isEmpty();
		assertThat(outcomes.results()).containsOnlyNulls();
		assertThat(keyIds(database)).containsExactly(TestKeys.id(TestKeys.B));
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.B).run((context) -> {
			for (int i = 0; i < 250; i++) {
				assertThat(grant(context, "person-" + i).refreshToken()).isEqualTo("rt-" + i);
			}
		});
	}

	@OnEachDatabase
	void startWhenKeyIsNotBase64Of32BytesThenFails(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint)
			.withPropertyValues("webex.vault.keys=" + TestKeys.A + ",c2hvcnQ=")
			.run((context) -> assertThat(tokenKeyFailure(context.getStartupFailure()).getMessage())
				.contains("Entry #2 of WEBEX_TOKEN_KEYS is not a base64-encoded 32-byte key"));
	}

	@Test
	void startWhenNoKeysOnPostgresThenFailsAskingForWebexTokenKeys() {
		VaultContexts.runner(TestDatabase.POSTGRES.fresh(), this.endpoint)
			.withPropertyValues("webex.vault.keys=")
			.run((context) -> {
				TokenKeyException failure = tokenKeyFailure(context.getStartupFailure());
				assertThat(failure.getMessage()).contains("WEBEX_TOKEN_KEYS is empty");
				assertThat(failure.action()).contains("WEBEX_TOKEN_KEYS").contains("openssl rand -base64 32");
			});
	}

	@Test
	void startWhenNoKeysOnEmbeddedH2ThenKeyFileCreatedOnceOwnerOnlyAndReused(@TempDir Path directory) throws Exception {
		Path keyFile = directory.resolve("data").resolve("token-keys");
		ApplicationContextRunner runner = VaultContexts.runner(TestDatabase.H2.fresh(), this.endpoint)
			.withPropertyValues("webex.vault.keys=", "webex.vault.key-file=" + keyFile);
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
		});
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		String key = Files.readString(keyFile).trim();
		assertThat(keyIds(TestDatabase.H2)).containsExactly(TestKeys.id(key));
		runner.run((context) -> assertThat(grant(context, ALICE).accessToken()).isEqualTo("at-alice"));
		assertThat(Files.readString(keyFile).trim()).isEqualTo(key);
	}

	private static List<String> keyIds(TestDatabase database) {
		return database.jdbc().queryForList("SELECT DISTINCT key_id FROM webex_grant", String.class);
	}

	private static byte[] accessTokenBytes(TestDatabase database) {
		JdbcTemplate jdbc = database.jdbc();
		return jdbc.queryForObject("SELECT access_token FROM webex_grant WHERE principal_name = ?", byte[].class,
				ALICE);
	}

	private static TokenKeyException tokenKeyFailure(Throwable failure) {
		assertThat(failure).as("start-up failure").isNotNull();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TokenKeyException tokenKeyException) {
				return tokenKeyException;
			}
		}
		throw new AssertionError("Start-up failed, but not with a TokenKeyException", failure);
	}

}
