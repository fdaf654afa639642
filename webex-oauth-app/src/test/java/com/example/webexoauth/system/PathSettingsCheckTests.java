package com.example.webexoauth.system;

import com.example.webex.client.ConfigurationProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.webexoauth.RepositoryRoot;
import com.example.webexoauth.AppProcess;
import com.example.webex.simulator.WebexSimulatorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A setting that names a file or directory and holds a placeholder nothing defines stops
 * start-up with one sentence, instead of becoming a directory called {@code ${...}}; and
 * the repository holds no such path.
 */
class PathSettingsCheckTests {

	@Test
	void repositoryWhenWalkedThenNoPathHoldsAPlaceholder() throws IOException {
		Path root = RepositoryRoot.path();
		assertThat(root.resolve("pom.xml")).isRegularFile();
		try (Stream<Path> paths = Files.walk(root)) {
			List<Path> placeholders = paths.filter((path) -> !root.relativize(path).startsWith(".git"))
				.filter((path) -> path.getFileName() != null && path.getFileName().toString().contains("${"))
				.toList();
			assertThat(placeholders).isEmpty();
		}
	}

	@Test
	void startWhenDataDirHoldsAnUnsetPlaceholderThenExitsWithOneSentenceAndCreatesNothing(@TempDir Path workDir)
			throws IOException {
		AppProcess start = AppProcess.run(workDir, Map.of("WEBEX_DEMO", "true"), "--server.address=127.0.0.1",
				"--server.port=0", "--webex.data-dir=${NOT_SET_ANYWHERE}/data");
		assertThat(start.exitCode()).isNotZero();
		assertThat(start.output())
			.contains("The configuration has 1 problem(s):",
					"  - webex.data-dir refers to ${NOT_SET_ANYWHERE}, which is not set: set NOT_SET_ANYWHERE, "
							+ "or write the path out.")
			.doesNotContain("\tat org.springframework");
		try (Stream<Path> created = Files.list(workDir)) {
			assertThat(created).allSatisfy((path) -> assertThat(path.getFileName().toString()).endsWith(".log"));
		}
	}

	@Test
	void standaloneSimulatorWhenSecretFileRefersToTheAppsDataDirThenRefusedAndCreatesNothing() {
		// what once left ${webex.data-dir}/simulator-secret in the repository
		Throwable failure = catchThrowable(() -> WebexSimulatorApplication.start(0,
				Map.of("server.address", "127.0.0.1", "simulator.secret-file", "${webex.data-dir}/simulator-secret")));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
			.isInstanceOf(ConfigurationProblemsException.class)
			.hasMessage("simulator.secret-file refers to ${webex.data-dir}, which is not set: set webex.data-dir, "
					+ "or write the path out.");
		assertThat(Path.of("${webex.data-dir}")).doesNotExist();
	}

}
