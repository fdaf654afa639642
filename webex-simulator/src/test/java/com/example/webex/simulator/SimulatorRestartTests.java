package com.example.webex.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens outlive a simulator restart only when the signing secret is kept in a file.
 */
class SimulatorRestartTests {

	@TempDir
	Path directory;

	@Test
	void tokensWhenSecretFileKeptThenStillValidAfterRestart() throws IOException {
		Path secretFile = this.directory.resolve("keys/simulator-secret");
		Map<String, Object> properties = Map.of("simulator.secret-file", secretFile.toString());
		JsonNode tokens;
		try (ConfigurableApplicationContext first = WebexSimulatorApplication.start(0, properties)) {
			tokens = new SimulatorHttp(first).tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		}
		assertThat(Files.getPosixFilePermissions(secretFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		try (ConfigurableApplicationContext second = WebexSimulatorApplication.start(0, properties)) {
			SimulatorHttp http = new SimulatorHttp(second);
			assertThat(http.getWithToken("/v1/people/me", tokens.get("access_token").asString()).statusCode())
				.isEqualTo(200);
			assertThat(http.refresh(tokens.get("refresh_token").asString()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void tokensWhenNoSecretFileThenInvalidAfterRestart() {
		JsonNode tokens;
		try (ConfigurableApplicationContext first = WebexSimulatorApplication.start(0, Map.of())) {
			tokens = new SimulatorHttp(first).tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		}
		try (ConfigurableApplicationContext second = WebexSimulatorApplication.start(0, Map.of())) {
			SimulatorHttp http = new SimulatorHttp(second);
			assertThat(http.getWithToken("/v1/people/me", tokens.get("access_token").asString()).statusCode())
				.isEqualTo(401);
			assertThat(http.refresh(tokens.get("refresh_token").asString()).statusCode()).isEqualTo(400);
		}
	}

}
