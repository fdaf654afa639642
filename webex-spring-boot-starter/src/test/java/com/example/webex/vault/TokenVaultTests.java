package com.example.webex.vault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.TokenEndpointStub.Mode;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.GrantStatus;
import com.example.webex.vault.store.JdbcGrantStore;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AutoClose;

import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.BOB;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class TokenVaultTests {

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void accessTokenWhenFarFromExpiryThenStoredTokenWithoutRefresh(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(1), "rt-1");
			assertThat(vault(context).accessToken(ALICE)).isEqualTo("at-1");
			assertThat(this.endpoint.refreshCalls()).isZero();
		});
	}

	@OnEachDatabase
	void accessTokenWhenStoredExpiryIsNotAfterIssueTimeThenStillRefreshed(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(1), "rt-1");
			context.getBean(JdbcTemplate.class)
				.update("UPDATE webex_grant SET access_token_expires_at = access_token_issued_at");
			assertThat(vault(context).accessToken(ALICE)).startsWith("at-").isNotEqualTo("at-1");
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
		});
	}

	@OnEachDatabase
	void accessTokenWhenExpiringWithinSkewThenRefreshedFirst(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofMinutes(2), "rt-1");
			String token = vault(context).accessToken(ALICE);
			assertThat(token).startsWith("at-").isNotEqualTo("at-1");
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			Map<String, String> request = this.endpoint.refreshRequests().get(0);
			assertThat(request).containsEntry("grant_type", "refresh_token")
				.containsEntry("refresh_token", "rt-1")
				.containsEntry("client_id", "client-id")
				.containsEntry("client_secret", "client-secret");
			Grant grant = grant(context, ALICE);
			assertThat(grant.accessToken()).isEqualTo(token);
			assertThat(grant.accessTokenExpiresAt()).isCloseTo(
					Instant.now().plusSeconds(TokenEndpointStub.ACCESS_TOKEN_LIFETIME), within(1, ChronoUnit.MINUTES));
			assertThat(grant.refreshedAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
			assertThat(grant.keptAt()).isNull();
			assertThat(grant.version()).isEqualTo(1);
			assertThat(refreshes(context, "refreshed", "proactive")).isEqualTo(1);
			// Fresh now: no further refresh.
			assertThat(vault(context).accessToken(ALICE)).isEqualTo(token);
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
		});
	}

	@OnEachDatabase
	void accessTokenWhenHundredCallsAtOnceOnExpiredGrantThenOneRefreshAndSameToken(TestDatabase database) {
		this.endpoint.delay(300);
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-expired", Duration.ofHours(-1), "rt-1");
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				calls.add(() -> vault(context).accessToken(ALICE));
			}
			Concurrently.Outcomes<String> outcomes = Concurrently.run(calls);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(outcomes.results()).hasSize(100).containsOnly(grant(context, ALICE).accessToken());
			assertThat(grant(context, ALICE).accessToken()).isNotEqualTo("at-expired");
		});
	}

	@OnEachDatabase
	void refreshAfterUnauthorizedWhenStoredTokenAlreadyReplacedThenNoTokenCall(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-2", Duration.ofDays(14), "rt-1");
			assertThat(vault(context).refreshAfterUnauthorized(ALICE, "at-1")).isEqualTo("at-2");
			assertThat(this.endpoint.refreshCalls()).isZero();
		});
	}

	@OnEachDatabase
	void refreshAfterUnauthorizedWhenStoredTokenRejectedThenRefreshed(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			String token = vault(context).refreshAfterUnauthorized(ALICE, "at-1");
			assertThat(token).isNotEqualTo("at-1").isEqualTo(grant(context, ALICE).accessToken());
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(refreshes(context, "refreshed", "unauthorized")).isEqualTo(1);
		});
	}

	@OnEachDatabase
	void accessTokenWhenWebexRefusesRefreshThenConsentRequiredAndRowKept(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			List<Mode> refusals = List.of(Mode.INVALID_GRANT, Mode.INVALID_REQUEST, Mode.WEBEX_ENVELOPE_EXPIRED);
			for (Mode refusal : refusals) {
				String principal = ALICE + "-" + refusal;
				saveGrant(context, principal, "at-1", Duration.ofHours(-1), "rt-1");
				this.endpoint.answer(refusal);
				int calls = this.endpoint.refreshCalls();
				assertThatExceptionOfType(ReconnectRequiredException.class)
					.isThrownBy(() -> vault(context).accessToken(principal))
					.satisfies((ex) -> assertThat(ex.reason()).as(refusal.name()).isEqualTo(Reason.CONSENT_REQUIRED));
				assertThat(this.endpoint.refreshCalls()).isEqualTo(calls + 1);
				assertThat(grant(context, principal).status()).isEqualTo(GrantStatus.CONSENT_REQUIRED);
				// Stays refused without asking Webex again.
				assertThatExceptionOfType(ReconnectRequiredException.class)
					.isThrownBy(() -> vault(context).accessToken(principal))
					.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONSENT_REQUIRED));
				assertThat(this.endpoint.refreshCalls()).isEqualTo(calls + 1);
			}
			assertThat(refreshes(context, "rejected", "proactive")).isEqualTo(refusals.size());
			assertThat(vault(context).summary(ALICE + "-" + Mode.INVALID_GRANT).orElseThrow().status())
				.isEqualTo(GrantStatus.CONSENT_REQUIRED);
		});
	}

	@OnEachDatabase
	void accessTokenWhenTokenEndpointFailsThenUnavailableAndGrantUnchanged(TestDatabase database) {
		Map<Mode, String> failures = new LinkedHashMap<>();
		failures.put(Mode.UNAVAILABLE, "server_error");
		failures.put(Mode.RATE_LIMITED, "rate_limited");
		failures.put(Mode.FORBIDDEN_HTML, "client_error");
		failures.put(Mode.NOT_FOUND, "client_error");
		failures.put(Mode.BARE_INVALID_REQUEST, "client_error");
		failures.put(Mode.WEBEX_ENVELOPE_400, "client_error");
		failures.put(Mode.INVALID_CLIENT, "invalid_client");
		failures.put(Mode.HTML_200, "malformed_response");
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
			Grant before = grant(context, ALICE);
			failures.forEach((failure, outcome) -> {
				this.endpoint.answer(failure);
				double counted = refreshes(context, outcome, "proactive");
				assertThatExceptionOfType(TokenEndpointUnavailableException.class).as(failure.name())
					.isThrownBy(() -> vault(context).accessToken(ALICE))
					.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
				assertThat(grant(context, ALICE)).as(failure.name()).isEqualTo(before);
				assertThat(leaseOwner(database, ALICE)).as(failure.name()).isNull();
				assertThat(refreshes(context, outcome, "proactive")).as(failure.name()).isEqualTo(counted + 1);
			});
			this.endpoint.answer(Mode.OK);
			assertThat(vault(context).accessToken(ALICE)).isNotEqualTo("at-1");
		});
	}

	@OnEachDatabase
	void accessTokenWhenTokenEndpointTimesOutThenUnavailableAndGrantUnchanged(TestDatabase database) {
		this.endpoint.delay(2000);
		VaultContexts.runner(database.fresh(), this.endpoint)
			.withPropertyValues("webex.http.read-timeout=300ms")
			.run((context) -> {
				saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
				Grant before = grant(context, ALICE);
				assertThatExceptionOfType(TokenEndpointUnavailableException.class)
					.isThrownBy(() -> vault(context).accessToken(ALICE));
				assertThat(grant(context, ALICE)).isEqualTo(before);
				assertThat(refreshes(context, "timeout", "proactive")).isEqualTo(1);
			});
	}

	@OnEachDatabase
	void accessTokenWhenWebexRotatesRefreshTokenThenNewOneStored(TestDatabase database) {
		this.endpoint.rotateRefreshTokens();
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
			vault(context).accessToken(ALICE);
			assertThat(grant(context, ALICE).refreshToken()).startsWith("rt-").isNotEqualTo("rt-1");
		});
	}

	@OnEachDatabase
	void accessTokenWhenResponseLacksRefreshTokenThenOldOneKept(TestDatabase database) {
		this.endpoint.omitRefreshToken();
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
			vault(context).accessToken(ALICE);
			Grant grant = grant(context, ALICE);
			assertThat(grant.accessToken()).isNotEqualTo("at-1");
			assertThat(grant.refreshToken()).isEqualTo("rt-1");
		});
	}

	@OnEachDatabase
	void accessTokenWhenRefreshReturnsRefreshExpiryThenStoredElseKept(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
			Instant soon = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
			database.jdbc()
				.update("UPDATE webex_grant SET refresh_token_expires_at = ?",
						OffsetDateTime.ofInstant(soon, ZoneOffset.UTC));
			this.endpoint.refreshTokenExpiresIn(null);
			vault(context).accessToken(ALICE);
			assertThat(grant(context, ALICE).refreshTokenExpiresAt()).isEqualTo(soon);
			this.endpoint.refreshTokenExpiresIn(TokenEndpointStub.REFRESH_TOKEN_LIFETIME);
			vault(context).refreshAfterUnauthorized(ALICE, grant(context, ALICE).accessToken());
			assertThat(grant(context, ALICE).refreshTokenExpiresAt()).isCloseTo(
					Instant.now().plusSeconds(TokenEndpointStub.REFRESH_TOKEN_LIFETIME), within(1, ChronoUnit.MINUTES));
		});
	}

	@OnEachDatabase
	void accessTokenWhenRefreshTokenExpiredThenConsentRequiredWithoutTokenCall(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
			database.jdbc()
				.update("UPDATE webex_grant SET refresh_token_expires_at = ?",
						OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> vault(context).accessToken(ALICE))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONSENT_REQUIRED));
			assertThat(this.endpoint.refreshCalls()).isZero();
		});
	}

	@OnEachDatabase
	void accessTokenWhenNoRefreshTokenThenStoredTokenUntilItExpires(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofMinutes(2), null);
			assertThat(vault(context).accessToken(ALICE)).isEqualTo("at-1");
			saveGrant(context, BOB, "at-2", Duration.ofMinutes(-2), null);
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> vault(context).accessToken(BOB))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONSENT_REQUIRED));
			assertThat(this.endpoint.refreshCalls()).isZero();
		});
	}

	@OnEachDatabase
	void accessTokenWhenNoGrantThenReconnectRequired(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> vault(context).accessToken(BOB))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_GRANT));
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> vault(context).refreshAfterUnauthorized(BOB, "at-1"))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_GRANT));
		});
	}

	@OnEachDatabase
	void accessTokenWhenSavingFailsAfterWebexAnsweredThenGrantIntactAndNextCallRefreshes(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
			Grant before = grant(context, ALICE);
			// The database refuses the UPDATE that would store the new tokens, as a crash
			// would.
			failRefreshUpdates(database, true);
			try {
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> vault(context).accessToken(ALICE));
				assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
				assertThat(grant(context, ALICE)).isEqualTo(before);
				assertThat(refreshes(context, "database_error", "proactive")).isEqualTo(1);
				assertThat(leaseOwner(database, ALICE)).isNull();
			}
			finally {
				failRefreshUpdates(database, false);
			}
			String token = vault(context).accessToken(ALICE);
			assertThat(this.endpoint.refreshCalls()).isEqualTo(2);
			assertThat(this.endpoint.refreshRequests().get(1)).containsEntry("refresh_token", "rt-1");
			assertThat(token).isNotEqualTo("at-1").isEqualTo(grant(context, ALICE).accessToken());
		});
	}

	// The documented limit of crash safety: a server that invalidates the old refresh
	// token immediately refuses the retry, and the user has to reconnect.
	@OnEachDatabase
	void accessTokenWhenSavingFailedAndServerInvalidatedOldRefreshTokenThenReconnectRequired(TestDatabase database) {
		this.endpoint.rotateStrictly("rt-1");
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofHours(-1), "rt-1");
			failRefreshUpdates(database, true);
			try {
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> vault(context).accessToken(ALICE));
			}
			finally {
				failRefreshUpdates(database, false);
			}
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> vault(context).accessToken(ALICE))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONSENT_REQUIRED));
		});
	}

	@OnEachDatabase
	void disconnectWhenRevokeUrlSetThenGrantDeletedAndRefreshTokenRevoked(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint)
			.withPropertyValues("webex.revoke-url=" + this.endpoint.url("/v1/revoke"))
			.run((context) -> {
				saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
				vault(context).disconnect(ALICE);
				assertThat(context.getBean(JdbcGrantStore.class).find("webex", ALICE)).isEmpty();
				assertThat(this.endpoint.revocations()).hasSize(1);
				RecordedRequest revocation = this.endpoint.revocations().get(0);
				assertThat(revocation.getMethod()).isEqualTo("POST");
				assertThat(revocation.getBody().utf8()).isEqualTo("token=rt-1&token_type_hint=refresh_token");
				assertThat(revocation.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
					.encodeToString("client-id:client-secret".getBytes(StandardCharsets.UTF_8)));
			});
	}

	@OnEachDatabase
	void disconnectWhenNoRevokeUrlThenGrantDeletedOnly(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			vault(context).disconnect(ALICE);
			assertThat(vault(context).summary(ALICE)).isEmpty();
			assertThat(this.endpoint.revocations()).isEmpty();
		});
	}

	@OnEachDatabase
	void grantsStoredGaugeThenCountsRows(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			saveGrant(context, BOB, "at-2", Duration.ofDays(14), "rt-2");
			assertThat(context.getBean(MeterRegistry.class).get("webex.grants.stored").gauge().value()).isEqualTo(2);
		});
	}

	private static TokenVault vault(ApplicationContext context) {
		return context.getBean(TokenVault.class);
	}

	private static double refreshes(ApplicationContext context, String outcome, String trigger) {
		return context.getBean(MeterRegistry.class)
			.counter("webex.token.refreshes", "outcome", outcome, "trigger", trigger)
			.count();
	}

	private static String leaseOwner(TestDatabase database, String principal) {
		return database.jdbc()
			.queryForObject("SELECT refresh_lease_owner FROM webex_grant WHERE principal_name = ?", String.class,
					principal);
	}

	private static void failRefreshUpdates(TestDatabase database, boolean fail) {
		if (fail) {
			database.jdbc().execute("ALTER TABLE webex_grant ADD CONSTRAINT fail_refresh CHECK (refreshed_at IS NULL)");
		}
		else {
			database.jdbc().execute("ALTER TABLE webex_grant DROP CONSTRAINT fail_refresh");
		}
	}

}
