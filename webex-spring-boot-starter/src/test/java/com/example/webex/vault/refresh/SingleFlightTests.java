package com.example.webex.vault.refresh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.webex.vault.Concurrently;
import com.example.webex.vault.refresh.SingleFlight.Landing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SingleFlightTests {

	private final SingleFlight<String, Integer> flights = new SingleFlight<>();

	@Test
	void runWhenManyCallersAtOnceThenOneComputationSharedByAll() throws Exception {
		AtomicInteger computations = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		List<Callable<Landing<Integer>>> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(() -> this.flights.run("alice", () -> {
				await(release);
				return computations.incrementAndGet();
			}));
		}
		// The leader holds its flight until every caller has had time to arrive.
		Thread.ofVirtual().start(() -> {
			awaitFlight("alice");
			sleep(200);
			release.countDown();
		});
		Concurrently.Outcomes<Landing<Integer>> outcomes = Concurrently.run(calls);
		assertThat(outcomes.failures()).isEmpty();
		assertThat(computations).hasValue(1);
		assertThat(outcomes.results()).extracting(Landing::value).containsOnly(1);
		assertThat(outcomes.results()).filteredOn(Landing::led).hasSize(1);
		assertThat(this.flights.isRunning("alice")).isFalse();
	}

	@Test
	void runWhenLeaderFailsThenWaitersGetTheSameExceptionAndTheNextCallerLeadsAnew() throws Exception {
		IllegalStateException failure = new IllegalStateException("Webex is down");
		CountDownLatch waiterArrived = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread leader = Thread.ofVirtual().start(() -> {
			try {
				this.flights.run("alice", () -> {
					waiterArrived.countDown();
					await(release);
					throw failure;
				});
			}
			catch (IllegalStateException expected) {
				// the waiter's assertion below is what this test is about
			}
		});
		assertThat(waiterArrived.await(10, TimeUnit.SECONDS)).isTrue();
		Thread.ofVirtual().start(() -> {
			sleep(200);
			release.countDown();
		});
		assertThatIllegalStateException().isThrownBy(() -> this.flights.run("alice", () -> 2)).isSameAs(failure);
		leader.join();
		assertThat(this.flights.run("alice", () -> 3)).isEqualTo(new Landing<>(3, true));
	}

	@Test
	void runWhenFlightLandedThenNothingCached() {
		assertThat(this.flights.run("alice", () -> 1)).isEqualTo(new Landing<>(1, true));
		assertThat(this.flights.run("alice", () -> 2)).isEqualTo(new Landing<>(2, true));
	}

	@Test
	void runWhenOtherKeyInFlightThenRunsAtOnce() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Thread alice = Thread.ofVirtual().start(() -> this.flights.run("alice", () -> {
			await(release);
			return 1;
		}));
		awaitFlight("alice");
		// Bob's flight completes while Alice's is still held up.
		assertThat(this.flights.run("bob", () -> 2)).isEqualTo(new Landing<>(2, true));
		assertThat(this.flights.isRunning("alice")).isTrue();
		release.countDown();
		alice.join();
		assertThat(this.flights.isRunning("alice")).isFalse();
	}

	private void awaitFlight(String key) {
		for (int i = 0; i < 1000 && !this.flights.isRunning(key); i++) {
			sleep(10);
		}
		assertThat(this.flights.isRunning(key)).isTrue();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
