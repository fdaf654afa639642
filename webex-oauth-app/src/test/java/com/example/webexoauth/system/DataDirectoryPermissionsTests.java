package com.example.webexoauth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data directory and what the app keeps in it (H2's database, the token key) are its
 * user's alone: directories {@code rwx------}, files {@code rw-------}, whether the app
 * creates them, an earlier version left them open, or they sit in a subdirectory. The
 * tests run with the usual umask (022), under which H2 creates its files world-readable.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryPermissionsTests {

	static final String ZOE = "zoe@example.com";

	@TempDir
	Path temp;

	@Test
	void dataDirectoryWhenCreatedByTheAppThenItAndEveryFileInItAreOwnerOnly() {
		Path data = this.temp.resolve("var/webex-oauth");
		try (RunningApp app = RunningApp.start(SimulatedWebex.appPort(0), data, Map.of())) {
			Browser.signedInSession(app, ZOE);
			assertThat(names(data)).contains("webex-oauth.mv.db", "token-keys");
			assertOwnerOnly(data);
		}
		// files H2 writes while closing (its trace file, say) are in a directory nobody
		// else may enter, and owner-only from the next start
		assertThat(mode(data)).isEqualTo("rwx------");
		assertThat(mode(this.temp.resolve("var"))).as("created on the way").isEqualTo("rwx------");
	}

	@Test
	void dataDirectoryWhenLeftOpenBeforeThenClosedAtStartWithEverythingInIt(CapturedOutput output) throws IOException {
		Path data = this.temp.resolve("data");
		RunningApp.start(SimulatedWebex.appPort(0), data, Map.of()).close();
		// as an earlier version left it, with a demo subdirectory and an H2 trace file
		Path demo = Files.createDirectories(data.resolve("demo"));
		Files.writeString(demo.resolve("simulator-secret"), "secret");
		Files.writeString(data.resolve("webex-oauth.trace.db"), "trace");
		try (Stream<Path> all = Files.walk(data)) {
			all.forEach((path) -> chmod(path, Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
		}
		try (RunningApp app = RunningApp.start(SimulatedWebex.appPort(0), data, Map.of())) {
			assertOwnerOnly(data);
			assertThat(output.getAll().lines().filter((line) -> line.contains("other users could read them before")))
				.anySatisfy(
						(line) -> assertThat(line).contains("Restricted 1 file or directory", data.toString() + "]"))
				.anySatisfy((line) -> assertThat(line).contains("Restricted 5 files and directories", "token-keys",
						"webex-oauth.mv.db", "webex-oauth.trace.db", "demo/simulator-secret"));
			// H2 creating a file later, with the umask: nobody else can enter the
			// directory
			Path later = data.resolve("webex-oauth.123.temp.db");
			Files.writeString(later, "temporary");
			chmod(later, "rw-r--r--");
			assertThat(mode(data)).isEqualTo("rwx------");
		}
		RunningApp.start(SimulatedWebex.appPort(0), data, Map.of()).close();
		assertOwnerOnly(data);
	}

	@Test
	void databaseWhenInASubdirectoryOfTheDataDirectoryThenOwnerOnlyFromItsCreation() {
		Path data = this.temp.resolve("data");
		Path database = data.resolve("demo/webex-oauth");
		try (RunningApp app = RunningApp.start(SimulatedWebex.appPort(0), data,
				Map.of("spring.datasource.url", "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE"))) {
			Browser.signedInSession(app, ZOE);
			assertThat(names(data.resolve("demo"))).contains("webex-oauth.mv.db");
			assertOwnerOnly(data);
		}
	}

	private static void assertOwnerOnly(Path root) {
		try (Stream<Path> all = Files.walk(root)) {
			List<Path> paths = all.toList();
			assertThat(paths).hasSizeGreaterThan(1)
				.allSatisfy((path) -> assertThat(mode(path)).as(path.toString())
					.isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> names(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String mode(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void chmod(Path path, String mode) {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
