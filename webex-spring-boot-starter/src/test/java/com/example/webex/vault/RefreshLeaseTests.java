package com.example.webex.vault;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.example.webex.client.ConfigurationProblemsException;
import com.example.webex.vault.store.Grant;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AutoClose;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.BOB;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Single flight across instances through the grant's refresh lease, and no database
 * connection held while Webex answers.
 */
class RefreshLeaseTests {

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void accessTokenWhenOtherInstanceRefreshesThenWaitsWithoutAConnectionAndUsesItsTokens(TestDatabase database) {
		this.endpoint.rotateStrictly("rt-1").delay(1500);
		ApplicationContextRunner runner = watched(VaultContexts.runner(database.fresh(), this.endpoint));
		runner.run((first) -> runner.run((second) -> {
			saveGrant(first, ALICE, "at-expired", Duration.ofHours(-1), "rt-1");
			watch(first).reset();
			watch(second).reset();
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				calls.add(() -> vault(first).accessToken(ALICE));
				calls.add(() -> vault(second).accessToken(ALICE));
			}
			long started = System.nanoTime();
			Concurrently.Outcomes<String> outcomes = Concurrently.run(calls);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(outcomes.results()).hasSize(20).containsOnly(grant(first, ALICE).accessToken());
			// Everyone waited for the one slow call, and no connection was out for that
			// long.
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
			assertThat(watch(first).longestHeld()).isLessThan(Duration.ofMillis(750));
			assertThat(watch(second).longestHeld()).isLessThan(Duration.ofMillis(750));
			assertThat(leaseOwner(database, ALICE)).isNull();
		}));
	}

	@OnEachDatabase
	void accessTokenWhenAnInstanceCrashedHoldingTheLeaseThenRefreshedOnceItRunsOut(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-expired", Duration.ofHours(-1), "rt-1");
			// Another instance took the lease and died before giving it back.
			holdLease(database, ALICE, "crashed-instance", Duration.ofMillis(1500));
			long started = System.nanoTime();
			String token = vault(context).accessToken(ALICE);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(token).isNotEqualTo("at-expired").isEqualTo(grant(context, ALICE).accessToken());
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1000)).isLessThan(Duration.ofSeconds(10));
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(leaseOwner(database, ALICE)).isNull();
		});
	}

	@OnEachDatabase
	void accessTokenWhenLeaseHeldLongerThanALeaseLastsThenUnavailableWithoutAskingWebex(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint)
			.withPropertyValues("webex.http.connect-timeout=200ms", "webex.http.read-timeout=300ms",
					"webex.vault.refresh-lease=1s")
			.run((context) -> {
				saveGrant(context, ALICE, "at-expired", Duration.ofHours(-1), "rt-1");
				holdLease(database, ALICE, "other-instance", Duration.ofHours(1));
				Grant before = grant(context, ALICE);
				long started = System.nanoTime();
				assertThatExceptionOfType(TokenEndpointUnavailableException.class)
					.isThrownBy(() -> vault(context).accessToken(ALICE));
				Duration waited = Duration.ofNanos(System.nanoTime() - started);
				assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));
				assertThat(this.endpoint.refreshCalls()).isZero();
				assertThat(grant(context, ALICE)).isEqualTo(before);
				assertThat(leaseOwner(database, ALICE)).isEqualTo("other-instance");
				assertThat(context.getBean(MeterRegistry.class)
					.counter("webex.token.refreshes", "outcome", "lease_timeout", "trigger", "proactive")
					.count()).isEqualTo(1);
			});
	}

	@OnEachDatabase
	void accessTokenWhenNewLoginReplacesTheGrantDuringRefreshThenTheLoginWins(TestDatabase database) {
		this.endpoint.delay(1000);
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-expired", Duration.ofHours(-1), "rt-1");
			CompletableFuture<String> refreshing = CompletableFuture
				.supplyAsync(() -> vault(context).accessToken(ALICE));
			awaitLease(database, ALICE);
			saveGrant(context, ALICE, "at-new-login", Duration.ofDays(14), "rt-new-login");
			assertThat(refreshing.join()).isEqualTo("at-new-login");
			Grant stored = grant(context, ALICE);
			assertThat(stored.accessToken()).isEqualTo("at-new-login");
			assertThat(stored.refreshToken()).isEqualTo("rt-new-login");
			assertThat(leaseOwner(database, ALICE)).isNull();
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
		});
	}

	@OnEachDatabase
	void disconnectWhenRevocationIsSlowThenNoConnectionHeldMeanwhile(TestDatabase database) {
		this.endpoint.revokeDelay(1000);
		watched(VaultContexts.runner(database.fresh(), this.endpoint))
			.withPropertyValues("webex.revoke-url=" + this.endpoint.url("/v1/revoke"))
			.run((context) -> {
				saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
				watch(context).reset();
				long started = System.nanoTime();
				vault(context).disconnect(ALICE);
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.isGreaterThanOrEqualTo(Duration.ofMillis(1000));
				assertThat(this.endpoint.revocations()).hasSize(1);
				assertThat(watch(context).longestHeld()).isLessThan(Duration.ofMillis(500));
			});
	}

	@OnEachDatabase
	void keeperWhenTokenEndpointIsSlowThenNoConnectionHeldMeanwhile(TestDatabase database) {
		this.endpoint.delay(1000);
		watched(VaultContexts.runner(database.fresh(), this.endpoint)).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			database.jdbc()
				.update("UPDATE webex_grant SET created_at = ?, refresh_token_expires_at = ?",
						OffsetDateTime.now(ZoneOffset.UTC).minusDays(80),
						OffsetDateTime.now(ZoneOffset.UTC).plusDays(10));
			watch(context).reset();
			assertThat(context.getBean(GrantKeeper.class).runOnce().refreshed()).isEqualTo(1);
			assertThat(watch(context).longestHeld()).isLessThan(Duration.ofMillis(500));
		});
	}

	@OnEachDatabase
	void startWhenAGrantIsUnderALiveLeaseThenRotationLeavesItToItsRefresh(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.A).run((context) -> {
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			saveGrant(context, BOB, "at-bob", Duration.ofDays(14), "rt-bob");
		});
		holdLease(database, ALICE, "refreshing-instance", Duration.ofMinutes(1));
		runner.withPropertyValues("webex.vault.keys=" + TestKeys.B + "," + TestKeys.A).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(keyId(database, ALICE)).isEqualTo(TestKeys.id(TestKeys.A));
			assertThat(keyId(database, BOB)).isEqualTo(TestKeys.id(TestKeys.B));
			assertThat(grant(context, ALICE).accessToken()).isEqualTo("at-alice");
		});
	}

	@OnEachDatabase
	void startWhenLeaseNotLongerThanATokenCallThenFailsWithOneSentence(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint)
			.withPropertyValues("webex.vault.refresh-lease=7s")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof ConfigurationProblemsException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(ConfigurationProblemsException.class);
				assertThat(((ConfigurationProblemsException) failure).getProblems())
					.containsExactly("webex.vault.refresh-lease is 7 s but a token call may take up to 7 s"
							+ " (webex.http.connect-timeout plus read-timeout): make the lease longer than that.");
			});
	}

	private static ApplicationContextRunner watched(ApplicationContextRunner runner) {
		return runner.withBean(ConnectionWatch.class, ConnectionWatch::new);
	}

	private static ConnectionWatch watch(ApplicationContext context) {
		return context.getBean(ConnectionWatch.class);
	}

	private static TokenVault vault(ApplicationContext context) {
		return context.getBean(TokenVault.class);
	}

	private static void holdLease(TestDatabase database, String principal, String owner, Duration left) {
		database.jdbc()
			.update("UPDATE webex_grant SET refresh_lease_owner = ?, refresh_lease_until = ? WHERE principal_name = ?",
					owner, OffsetDateTime.now(ZoneOffset.UTC).plus(left), principal);
	}

	private static String leaseOwner(TestDatabase database, String principal) {
		return database.jdbc()
			.queryForObject("SELECT refresh_lease_owner FROM webex_grant WHERE principal_name = ?", String.class,
					principal);
	}

	private static String keyId(TestDatabase database, String principal) {
		return database.jdbc()
			.queryForObject("SELECT key_id FROM webex_grant WHERE principal_name = ?", String.class, principal);
	}

	private static void awaitLease(TestDatabase database, String principal) throws InterruptedException {
		for (int i = 0; i < 500 && leaseOwner(database, principal) == null; i++) {
			Thread.sleep(10);
		}
		assertThat(leaseOwner(database, principal)).isNotNull();
	}

}
