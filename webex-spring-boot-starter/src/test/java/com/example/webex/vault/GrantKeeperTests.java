package com.example.webex.vault;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import com.example.webex.vault.TokenEndpointStub.Mode;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.GrantStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AutoClose;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.BOB;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GrantKeeperTests {

	private static final String CAROL = "carol";

	private static final String DAVE = "dave";

	private static final String ERIN = "erin";

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void runOnceWhenRefreshTokenNearItsEndThenRefreshedAndOthersLeftAlone(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			save(context, database, ALICE, days(-80), days(10), null);
			save(context, database, BOB, days(-5), days(85), null);
			save(context, database, CAROL, Instant.now().minus(Duration.ofHours(2)), days(10), null);
			save(context, database, DAVE, days(-80), days(10), Instant.now().minus(Duration.ofHours(2)));
			save(context, database, ERIN, days(-80), null, null);
			KeeperReport report = keeper(context).runOnce();
			assertThat(report).isEqualTo(new KeeperReport(1, 1, 0, 0, 0, false));
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(this.endpoint.refreshRequests().get(0)).containsEntry("refresh_token", "rt-" + ALICE);
			Grant alice = grant(context, ALICE);
			assertThat(alice.accessToken()).isNotEqualTo("at-" + ALICE);
			assertThat(alice.keptAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
			assertThat(alice.refreshedAt()).isEqualTo(alice.keptAt());
			assertThat(alice.refreshTokenExpiresAt()).isCloseTo(
					Instant.now().plusSeconds(TokenEndpointStub.REFRESH_TOKEN_LIFETIME), within(1, ChronoUnit.MINUTES));
			for (String untouched : List.of(BOB, CAROL, DAVE, ERIN)) {
				assertThat(grant(context, untouched).accessToken()).isEqualTo("at-" + untouched);
			}
			assertThat(
					context.getBean(MeterRegistry.class).counter("webex.keeper.runs", "outcome", "completed").count())
				.isEqualTo(1);
			assertThat(context.getBean(MeterRegistry.class)
				.counter("webex.token.refreshes", "outcome", "refreshed", "trigger", "keeper")
				.count()).isEqualTo(1);
		});
	}

	@OnEachDatabase
	void runOnceWhenKeptWithinMinIntervalThenNotRefreshedAgain(TestDatabase database) {
		// Webex leaves the expiry unchanged when refreshed more than once a day: the
		// grant stays inside the window, and only kept_at keeps the keeper from
		// refreshing it every run.
		this.endpoint.refreshTokenExpiresIn(null);
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			save(context, database, ALICE, days(-80), days(10), null);
			assertThat(keeper(context).runOnce().refreshed()).isEqualTo(1);
			assertThat(keeper(context).runOnce()).isEqualTo(new KeeperReport(0, 0, 0, 0, 0, false));
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			OffsetDateTime dayAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(25);
			database.jdbc().update("UPDATE webex_grant SET kept_at = ?, refreshed_at = ?", dayAgo, dayAgo);
			assertThat(keeper(context).runOnce().refreshed()).isEqualTo(1);
			assertThat(this.endpoint.refreshCalls()).isEqualTo(2);
		});
	}

	@OnEachDatabase
	void runOnceWhenWebexRefusesOrFailsThenCountedAndGrantMarkedOrKept(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			save(context, database, ALICE, days(-80), days(10), null);
			this.endpoint.answer(Mode.UNAVAILABLE);
			assertThat(keeper(context).runOnce()).isEqualTo(new KeeperReport(1, 0, 0, 0, 1, false));
			assertThat(grant(context, ALICE).status()).isEqualTo(GrantStatus.ACTIVE);
			assertThat(grant(context, ALICE).keptAt()).isNull();
			this.endpoint.answer(Mode.INVALID_REQUEST);
			assertThat(keeper(context).runOnce()).isEqualTo(new KeeperReport(1, 0, 0, 1, 0, false));
			assertThat(grant(context, ALICE).status()).isEqualTo(GrantStatus.CONSENT_REQUIRED);
			assertThat(keeper(context).runOnce().checked()).isZero();
		});
	}

	@OnEachDatabase
	void runOnceWhenTwoInstancesKeepAtOnceThenEachGrantRefreshedOnce(TestDatabase database) {
		this.endpoint.rotateStrictly("rt-" + ALICE).delay(300);
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.run((first) -> runner.run((second) -> {
			save(first, database, ALICE, days(-80), days(10), null);
			List<Callable<KeeperReport>> runs = List.of(() -> keeper(first).runOnce(), () -> keeper(second).runOnce());
			Concurrently.Outcomes<KeeperReport> outcomes = Concurrently.run(runs);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(outcomes.results().stream().mapToInt(KeeperReport::refreshed).sum()).isEqualTo(1);
			assertThat(outcomes.results().stream().mapToInt(KeeperReport::rejected).sum()).isZero();
			assertThat(grant(first, ALICE).status()).isEqualTo(GrantStatus.ACTIVE);
		}));
	}

	private static GrantKeeper keeper(ApplicationContext context) {
		return context.getBean(GrantKeeper.class);
	}

	private static Instant days(int days) {
		return Instant.now().plus(Duration.ofDays(days));
	}

	private static void save(ApplicationContext context, TestDatabase database, String principal, Instant createdAt,
			Instant refreshExpiresAt, Instant keptAt) {
		saveGrant(context, principal, "at-" + principal, Duration.ofDays(14), "rt-" + principal);
		database.jdbc()
			.update("UPDATE webex_grant SET created_at = ?, refresh_token_expires_at = ?, kept_at = ?"
					+ " WHERE principal_name = ?", utc(createdAt), utc(refreshExpiresAt), utc(keptAt), principal);
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
