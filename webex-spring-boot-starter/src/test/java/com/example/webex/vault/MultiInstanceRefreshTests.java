package com.example.webex.vault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.GrantStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AutoClose;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances (two Spring contexts with their own pools and single-flight maps)
 * sharing one database.
 */
class MultiInstanceRefreshTests {

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void accessTokenWhenTwoInstancesRefreshTheSameGrantAtOnceThenOneRefresh(TestDatabase database) {
		// A second refresh with the old refresh token would be refused, failing some
		// callers.
		this.endpoint.rotateStrictly("rt-1").delay(500);
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.run((first) -> runner.run((second) -> {
			assertThat(vault(first)).isNotSameAs(vault(second));
			saveGrant(first, ALICE, "at-expired", Duration.ofHours(-1), "rt-1");
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				calls.add(() -> vault(first).accessToken(ALICE));
				calls.add(() -> vault(second).accessToken(ALICE));
			}
			Concurrently.Outcomes<String> outcomes = Concurrently.run(calls);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			Grant stored = grant(first, ALICE);
			assertThat(outcomes.results()).hasSize(100).containsOnly(stored.accessToken());
			assertThat(stored.refreshToken()).isNotEqualTo("rt-1");
			assertThat(stored.status()).isEqualTo(GrantStatus.ACTIVE);
			double refreshed = refreshes(first, "refreshed") + refreshes(second, "refreshed");
			assertThat(refreshed).isEqualTo(1);
		}));
	}

	@OnEachDatabase
	void refreshAfterUnauthorizedWhenBothInstancesSawTheSame401ThenOneRefresh(TestDatabase database) {
		this.endpoint.rotateStrictly("rt-1").delay(300);
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.run((first) -> runner.run((second) -> {
			saveGrant(first, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				calls.add(() -> vault(first).refreshAfterUnauthorized(ALICE, "at-1"));
				calls.add(() -> vault(second).refreshAfterUnauthorized(ALICE, "at-1"));
			}
			Concurrently.Outcomes<String> outcomes = Concurrently.run(calls);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(outcomes.results()).containsOnly(grant(first, ALICE).accessToken());
		}));
	}

	private static TokenVault vault(ApplicationContext context) {
		return context.getBean(TokenVault.class);
	}

	private static double refreshes(ApplicationContext context, String outcome) {
		return context.getBean(MeterRegistry.class)
			.find("webex.token.refreshes")
			.tag("outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
