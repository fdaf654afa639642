package com.example.webex.vault;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import org.junit.jupiter.api.AutoClose;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Grants are bound to the Webex that issued them: the vault of an instance configured for
 * another base URL does not see them, so it neither sends, refreshes, marks, deletes nor
 * overwrites them.
 */
class IssuerBindingTests {

	static final String BASE_A = "https://webexapis.com/v1";

	static final String BASE_B = "http://localhost:10061/simulator/v1";

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void vaultWhenGrantIssuedUnderAnotherBaseUrlThenNotConnectedAndGrantLeftAsItWas(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint)
			.withPropertyValues("webex.revoke-url=" + this.endpoint.url("/v1/revoke"));
		// About to expire and due for keeping: under A, any use or keeper run would
		// refresh it.
		runner.withPropertyValues("webex.api-base-url=" + BASE_A).run((a) -> {
			saveGrant(a, ALICE, "at-alice", Duration.ofMinutes(1), "rt-alice");
			dueForKeeping(database, ALICE);
		});
		Map<String, String> before = row(database, BASE_A, ALICE);
		runner.withPropertyValues("webex.api-base-url=" + BASE_B).run((b) -> {
			TokenVault vault = b.getBean(TokenVault.class);
			assertThatExceptionOfType(ReconnectRequiredException.class).isThrownBy(() -> vault.accessToken(ALICE))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_GRANT));
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> vault.refreshAfterUnauthorized(ALICE, "at-alice"))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_GRANT));
			assertThat(vault.summary(ALICE)).isEmpty();
			assertThat(b.getBean(GrantLogins.class).<OAuth2AuthorizedClient>loadAuthorizedClient("webex", ALICE))
				.isNull();
			assertThat(b.getBean(GrantKeeper.class).runOnce()).isEqualTo(new KeeperReport(0, 0, 0, 0, 0, false));
			vault.markRejected(ALICE, "at-alice");
			vault.disconnect(ALICE);
		});
		assertThat(this.endpoint.refreshCalls()).isZero();
		assertThat(this.endpoint.revocations()).isEmpty();
		assertThat(row(database, BASE_A, ALICE)).isEqualTo(before);
	}

	@OnEachDatabase
	void saveWhenUserConnectsUnderAnotherBaseUrlThenRowOfItsOwnAndTheFirstKept(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		ApplicationContextRunner underA = runner.withPropertyValues("webex.api-base-url=" + BASE_A);
		ApplicationContextRunner underB = runner.withPropertyValues("webex.api-base-url=" + BASE_B);
		underA.run((a) -> saveGrant(a, ALICE, "at-alice-a", Duration.ofDays(14), "rt-alice-a"));
		Map<String, String> before = row(database, BASE_A, ALICE);
		underB.run((b) -> {
			saveGrant(b, ALICE, "at-alice-b", Duration.ofDays(14), "rt-alice-b");
			assertThat(vault(b).accessToken(ALICE)).isEqualTo("at-alice-b");
		});
		assertThat(row(database, BASE_A, ALICE)).isEqualTo(before);
		assertThat(database.jdbc()
			.queryForList("SELECT issuer FROM webex_grant WHERE principal_name = ? ORDER BY issuer", String.class,
					ALICE))
			.containsExactly(BASE_B, BASE_A);
		underA.run((a) -> {
			assertThat(vault(a).accessToken(ALICE)).isEqualTo("at-alice-a");
			vault(a).disconnect(ALICE);
		});
		underB.run((b) -> assertThat(vault(b).accessToken(ALICE)).isEqualTo("at-alice-b"));
		assertThat(this.endpoint.refreshCalls()).isZero();
	}

	@OnEachDatabase
	void vaultWhenBaseUrlSpelledDifferentlyThenSameGrant(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.withPropertyValues("webex.api-base-url=" + BASE_A)
			.run((a) -> saveGrant(a, ALICE, "at-alice", Duration.ofDays(14), "rt-alice"));
		runner.withPropertyValues("webex.api-base-url=HTTPS://WebexAPIs.com:443/v1/")
			.run((same) -> assertThat(vault(same).accessToken(ALICE)).isEqualTo("at-alice"));
	}

	@OnEachDatabase
	void keyRotationWhenGrantsOfSeveralIssuersThenEveryRowReencryptedAndStillBoundToItsIssuer(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.withPropertyValues("webex.api-base-url=" + BASE_A)
			.run((a) -> saveGrant(a, ALICE, "at-alice-a", Duration.ofDays(14), "rt-alice-a"));
		runner.withPropertyValues("webex.api-base-url=" + BASE_B)
			.run((b) -> saveGrant(b, ALICE, "at-alice-b", Duration.ofDays(14), "rt-alice-b"));
		// An instance configured for a third Webex rotates the key: it re-encrypts, sends
		// nothing.
		runner
			.withPropertyValues("webex.api-base-url=https://api-usgov.webex.com/v1",
					"webex.vault.keys=" + TestKeys.B + "," + TestKeys.A)
			.run((c) -> assertThat(c).hasNotFailed());
		assertThat(database.jdbc().queryForList("SELECT DISTINCT key_id FROM webex_grant", String.class))
			.containsExactly(TestKeys.id(TestKeys.B));
		runner.withPropertyValues("webex.api-base-url=" + BASE_A, "webex.vault.keys=" + TestKeys.B).run((a) -> {
			assertThat(grant(a, ALICE).accessToken()).isEqualTo("at-alice-a");
			assertThat(grant(a, ALICE).refreshToken()).isEqualTo("rt-alice-a");
		});
		runner.withPropertyValues("webex.api-base-url=" + BASE_B, "webex.vault.keys=" + TestKeys.B)
			.run((b) -> assertThat(grant(b, ALICE).refreshToken()).isEqualTo("rt-alice-b"));
		assertThat(this.endpoint.refreshCalls()).isZero();
	}

	private static TokenVault vault(ApplicationContext context) {
		return context.getBean(TokenVault.class);
	}

	/** Obtained 80 days ago, refresh token ending in 10: what the keeper refreshes. */
	static void dueForKeeping(TestDatabase database, String principal) {
		Instant now = Instant.now();
		database.jdbc()
			.update("UPDATE webex_grant SET created_at = ?, refresh_token_expires_at = ? WHERE principal_name = ?",
					OffsetDateTime.ofInstant(now.minus(Duration.ofDays(80)), ZoneOffset.UTC),
					OffsetDateTime.ofInstant(now.plus(Duration.ofDays(10)), ZoneOffset.UTC), principal);
	}

	static Map<String, String> row(TestDatabase database, String issuer, String principal) {
		return GrantRows.row(database.jdbc(), issuer, principal);
	}

}
