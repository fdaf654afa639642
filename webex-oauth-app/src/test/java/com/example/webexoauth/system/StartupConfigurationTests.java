package com.example.webexoauth.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.webexoauth.RepositoryRoot;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.jackson.EndpointJackson2ObjectMapper;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How production starts: the JVM options that deploy/prepare.sh, the README and
 * bench/run.sh share are ones the JVM accepts, and the auto-configurations left out for
 * start-up time stay out without taking anything the app serves with them.
 */
class StartupConfigurationTests {

	static final Path JVM_OPTIONS = RepositoryRoot.resolve("deploy", "jvm.options");

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(1, Map.of());

	@Test
	void jvmOptionsWhenGivenToTheJvmAsArgumentFileThenAcceptedWithSerialCollectorAndBoundedHeap(@TempDir Path out)
			throws IOException, InterruptedException {
		assertThat(JVM_OPTIONS).isRegularFile();
		Path log = out.resolve("flags.txt");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"@" + JVM_OPTIONS, "-XX:+PrintFlagsFinal", "-version")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean exited = process.waitFor(60, TimeUnit.SECONDS);
		process.destroyForcibly();
		String flags = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(exited).isTrue();
		assertThat(process.exitValue()).as(flags).isZero();
		assertThat(flag(flags, "UseSerialGC")).isEqualTo("true");
		assertThat(Long.parseLong(flag(flags, "MaxHeapSize"))).isBetween(64L << 20, 512L << 20);
	}

	@Test
	void contextWhenStartedThenLeavesOutTheUnusedAutoConfigurations() {
		ApplicationContext context = app.context();
		assertThat(context.getBeanNamesForType(RestTemplateBuilder.class)).isEmpty();
		assertThat(context.getBeanNamesForType(EndpointJackson2ObjectMapper.class)).isEmpty();
		assertThat(context.containsBean("defaultValidator")).isFalse();
		assertThat(context.containsBean("sslHealthIndicator")).isFalse();
	}

	@Test
	void appWhenAutoConfigurationsLeftOutThenPagesHealthAndMetricsStillServed() {
		assertThat(AppHttp.get(app.url("/")).statusCode()).isEqualTo(200);
		for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
			assertThat(AppHttp.get(app.url(path)).body()).as(path).contains("\"status\":\"UP\"");
		}
		assertThat(AppHttp.get(app.url("/actuator/prometheus")).body()).contains("jvm_memory_used_bytes");
	}

	private static String flag(String flags, String name) {
		return flags.lines()
			.map(String::trim)
			.map((line) -> line.split("\\s+"))
			.filter((fields) -> fields.length >= 4 && fields[1].equals(name))
			.map((fields) -> fields[3])
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " not in the flags"));
	}

}
