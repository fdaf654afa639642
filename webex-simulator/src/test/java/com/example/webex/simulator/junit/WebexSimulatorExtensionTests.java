package com.example.webex.simulator.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.WebexSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension's lifecycle, watched from outside: sample test classes (nested here, so
 * that only these tests run them) are run with the JUnit Platform launcher, and record
 * which simulator each test saw.
 */
class WebexSimulatorExtensionTests {

	/** The simulators the samples' tests saw, with the client id each had then. */
	static final List<Seen> seen = new CopyOnWriteArrayList<>();

	@BeforeEach
	void forgetEarlierRuns() {
		seen.clear();
	}

	@Test
	void registeredOnStaticFieldWhenClassRunsThenOneSimulatorResetAfterEachTestAndStoppedAfterTheClass() {
		TestExecutionSummary summary = run(PerClass.class);

		assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
		assertThat(simulators(null)).hasSize(3).containsOnly(seen.get(0).simulator());
		assertThat(seen.get(0).simulator().isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(PerClass.webex::simulator);
	}

	@Test
	void sharedPerJvmWhenClassesConfiguredAlikeThenOneSimulatorForAllUntilTheRunEnds() {
		TestExecutionSummary summary = run(SharedFirst.class, SharedSecond.class, PerClass.class);

		assertThat(summary.getTestsSucceededCount()).isEqualTo(5);
		List<WebexSimulator> shared = simulators("shared-client");
		assertThat(shared).hasSize(2).containsOnly(shared.get(0));
		assertThat(simulators(null)).hasSize(3).doesNotContain(shared.get(0));
		// closed when the run ended, with JUnit's root store
		assertThat(shared.get(0).isRunning()).isFalse();
	}

	@Test
	void declaredWithAnnotationWhenNestedClassesRunThenTheyShareTheOuterClassesSimulator() {
		TestExecutionSummary summary = run(Declared.class);

		assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
		assertThat(simulators("declared-client")).hasSize(2).containsOnly(seen.get(0).simulator());
		assertThat(seen.get(0).simulator().isRunning()).isFalse();
	}

	@Test
	void declaredThroughATeamsOwnAnnotationWhenRunThenItsPropertiesApply() {
		TestExecutionSummary summary = run(MetaAnnotated.class);

		assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
		assertThat(simulators("team-client")).hasSize(1);
	}

	@Test
	void registeredOnInstanceFieldWhenTestsRunThenEachHasItsOwnSimulator() {
		TestExecutionSummary summary = run(PerTest.class);

		assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
		assertThat(simulators(null)).hasSize(2).doesNotHaveDuplicates();
		assertThat(seen).noneMatch((test) -> test.simulator().isRunning());
	}

	@Test
	void buildWhenSettingRefusedThenFailsAtOnce() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebexSimulatorExtension.create().property("server.address", "0.0.0.0").build());
		assertThatIllegalArgumentException().isThrownBy(() -> WebexSimulatorExtension.create().port(-1).build());
	}

	@Test
	void overASimulatorStartedElsewhereWhenClassRunsThenResetAfterEachTestAndLeftRunning() {
		try (WebexSimulator running = WebexSimulator.builder().clientId("started-elsewhere").start()) {
			StartedElsewhere.running = running;

			TestExecutionSummary summary = run(OverRunning.class);

			assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
			assertThat(simulators("started-elsewhere")).hasSize(2).containsOnly(running);
			assertThat(running.isRunning()).isTrue();
		}
		finally {
			StartedElsewhere.running = null;
		}
	}

	@Test
	void ofWhenSimulatorStoppedThenRefused() {
		WebexSimulator stopped = WebexSimulator.builder().build();

		assertThatIllegalArgumentException().isThrownBy(() -> WebexSimulatorExtension.of(stopped));
	}

	private static TestExecutionSummary run(Class<?>... classes) {
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		LauncherFactory.create()
			.execute(LauncherDiscoveryRequestBuilder.request()
				.selectors(Arrays.stream(classes).map((type) -> selectClass(type)).toList())
				.build(), listener);
		TestExecutionSummary summary = listener.getSummary();
		assertThat(summary.getFailures()).as("failures of the sample tests").isEmpty();
		return summary;
	}

	/** The simulators seen with a client id, or with the default one ({@code null}). */
	private static List<WebexSimulator> simulators(String clientId) {
		return seen.stream()
			.filter((test) -> (clientId != null) ? clientId.equals(test.clientId())
					: test.clientId().startsWith("C0ffee"))
			.map(Seen::simulator)
			.toList();
	}

	/**
	 * Each test finds the simulator as configured, then changes it; whichever runs first,
	 * the others see it only if the extension put it back.
	 */
	static void assertPristineThenChange(WebexSimulator webex) {
		seen.add(new Seen(webex, webex.clientId()));
		assertThat(webex.settings().failEveryNth()).isZero();
		assertThat(webex.clock().offset()).isZero();
		assertThat(webex.calls(Counter.REST_CALLS)).isZero();
		assertThat(webex.addRoom("zoe", "One room at a time").title()).isEqualTo("One room at a time");
		webex.settings().failEveryNth(3);
		webex.clock().advance(Duration.ofHours(1));
		String token = webex.issueTokens("zoe", "spark:rooms_read").accessToken();
		assertThat(rooms(webex, token)).isEqualTo(26);
	}

	/** How many rooms the token's user has, through the REST API. */
	private static int rooms(WebexSimulator webex, String token) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(webex.baseUrl() + "/rooms"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			return response.body().split("\"id\"", -1).length - 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static class PerClass {

		@RegisterExtension
		static WebexSimulatorExtension webex = WebexSimulatorExtension.create().build();

		private static WebexSimulator beforeAll;

		@BeforeAll
		static void takeItInBeforeAll(WebexSimulator simulator) {
			beforeAll = simulator;
		}

		@Test
		void first(WebexSimulator simulator) {
			assertThat(simulator).isSameAs(webex.simulator()).isSameAs(beforeAll);
			assertPristineThenChange(simulator);
		}

		@Test
		void second() {
			assertPristineThenChange(webex.simulator());
		}

		@Test
		void third() {
			assertPristineThenChange(webex.simulator());
		}

	}

	/**
	 * Apart from the sample, so that setting it does not initialize the sample's fields.
	 */
	static class StartedElsewhere {

		static WebexSimulator running;

	}

	static class OverRunning {

		@RegisterExtension
		static WebexSimulatorExtension webex = WebexSimulatorExtension.of(StartedElsewhere.running);

		@Test
		void first(WebexSimulator simulator) {
			assertPristineThenChange(simulator);
		}

		@Test
		void second() {
			assertPristineThenChange(webex.simulator());
		}

	}

	static class SharedFirst {

		@RegisterExtension
		static WebexSimulatorExtension webex = WebexSimulatorExtension.create()
			.clientId("shared-client")
			.sharedPerJvm()
			.build();

		@Test
		void first() {
			assertThat(webex.simulator().clientId()).isEqualTo("shared-client");
			assertPristineThenChange(webex.simulator());
		}

	}

	static class SharedSecond {

		@RegisterExtension
		static WebexSimulatorExtension webex = WebexSimulatorExtension.create()
			.clientId("shared-client")
			.sharedPerJvm()
			.build();

		@Test
		void second(WebexSimulator simulator) {
			// the first class's room, knobs and clock are gone; the simulator runs on
			assertPristineThenChange(simulator);
		}

	}

	@WebexSimulatorTest(properties = "simulator.client-id=declared-client")
	static class Declared {

		@Test
		void outer(WebexSimulator webex) {
			assertThat(webex.clientId()).isEqualTo("declared-client");
			assertPristineThenChange(webex);
		}

		@Nested
		class Inner {

			@Test
			void inner(WebexSimulator webex) {
				assertPristineThenChange(webex);
			}

		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@WebexSimulatorTest(properties = "simulator.client-id=team-client")
	@interface TeamWebexTest {

	}

	@TeamWebexTest
	static class MetaAnnotated {

		@Test
		void test(WebexSimulator webex) {
			assertPristineThenChange(webex);
		}

	}

	static class PerTest {

		@RegisterExtension
		WebexSimulatorExtension webex = WebexSimulatorExtension.create().build();

		@Test
		void first(WebexSimulator simulator) {
			assertPristineThenChange(simulator);
		}

		@Test
		void second(WebexSimulator simulator) {
			assertPristineThenChange(simulator);
		}

	}

	/**
	 * One test's view.
	 *
	 * @param simulator the simulator it got
	 * @param clientId that simulator's client id
	 */
	record Seen(WebexSimulator simulator, String clientId) {
	}

}
