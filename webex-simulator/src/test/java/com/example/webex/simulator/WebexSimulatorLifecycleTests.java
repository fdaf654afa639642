package com.example.webex.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

import com.example.webex.simulator.junit.LoopbackPorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@link WebexSimulator} started and stopped by hand: where it listens, what its
 * builder takes, and what a restart keeps.
 */
class WebexSimulatorLifecycleTests {

	@Test
	void startWhenPortGivenThenListensThereOnLoopbackUntilClosed() {
		int port = LoopbackPorts.reserve();
		WebexSimulator stopped;
		try (WebexSimulator webex = WebexSimulator.builder().port(port).start()) {
			stopped = webex;
			assertThat(webex.isRunning()).isTrue();
			assertThat(webex.port()).isEqualTo(port);
			assertThat(webex.baseUrl()).isEqualTo("http://127.0.0.1:" + port + "/v1");
			assertThat(webex.context().getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
			assertThat(new SimulatorHttp(webex).get("/v1/people/me").statusCode()).isEqualTo(401);
			assertThat(webex).hasToString("WebexSimulator[http://127.0.0.1:" + port + "/v1]");
		}
		assertThat(stopped.isRunning()).isFalse();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
		assertThatIllegalStateException().isThrownBy(stopped::baseUrl).withMessageContaining("start()");
	}

	@Test
	void startWhenPropertiesGivenThenTheyTakeEffectAndConfiguredRoomsSurviveReset() {
		try (WebexSimulator webex = WebexSimulator.builder()
			.clientId("configured-client")
			.redirectUris("http://127.0.0.1:18081/cb", "http://localhost:18081/cb")
			.property("simulator.latency", Duration.ofMillis(20))
			.property("simulator.users[0].key", "dana")
			.property("simulator.users[0].email", "dana@example.com")
			.property("simulator.users[0].display-name", "Dana Scully")
			.property("simulator.rooms[0].user", "dana")
			.property("simulator.rooms[0].title", "X-Files")
			.start()) {
			assertThat(webex.clientId()).isEqualTo("configured-client");
			assertThat(webex.redirectUris()).containsExactly("http://127.0.0.1:18081/cb", "http://localhost:18081/cb");
			assertThat(webex.settings().latency()).isEqualTo(Duration.ofMillis(20));
			assertThat(webex.user("dana").displayName()).isEqualTo("Dana Scully");
			webex.addRoom("dana", "Added later");
			webex.reset();
			String token = webex.issueTokens("dana", "spark:rooms_read").accessToken();
			assertThat(SimulatorHttp.json(new SimulatorHttp(webex).getWithToken("/v1/rooms", token))
				.get("items")
				.findValuesAsString("title")).containsExactly("X-Files");
		}
	}

	@Test
	void startWhenStartedAgainAfterStopThenEverythingIsFresh() {
		WebexSimulator webex = WebexSimulator.builder().build();
		assertThat(webex.isRunning()).isFalse();
		assertThat(webex).hasToString("WebexSimulator[not running]");
		webex.start();
		String token = webex.issueTokens("zoe", "spark:people_read").accessToken();
		webex.addUser("erin", "erin@example.com", "Erin Example");
		webex.registerRedirectUri("http://127.0.0.1:18082/cb");
		webex.stop();
		webex.stop();

		try (webex) {
			webex.start();
			assertThat(new SimulatorHttp(webex).getWithToken("/v1/people/me", token).statusCode()).isEqualTo(401);
			assertThat(webex.users()).extracting(DemoUser::key).doesNotContain("erin");
			assertThat(webex.redirectUris()).doesNotContain("http://127.0.0.1:18082/cb");
		}
	}

	@Test
	void builderWhenAddressOrPortRefusedThenSaysSo() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebexSimulator.builder().port(70000));
		assertThatIllegalArgumentException().isThrownBy(() -> WebexSimulator.builder().property("server.port", -1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebexSimulator.builder().property("server.address", "0.0.0.0"))
			.withMessageContaining("127.0.0.1");
	}

}
