package com.example.webexoauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application started as production starts it, in a JVM of its own, for start-ups
 * that are meant to fail: what it printed and its exit code.
 *
 * @param exitCode the process's exit code
 * @param output what it wrote to stdout and stderr
 */
public record AppProcess(int exitCode, String output) {

	/**
	 * Starts the app on the test class path and waits (at most 60 s) for it to stop. The
	 * process gets this JVM's environment without any {@code WEBEX_*}, {@code SPRING_*}
	 * or {@code SERVER_*} variable, plus {@code environment}.
	 * @param directory the process's working directory, where its output is written too
	 * @param environment environment variables to set
	 * @param arguments command-line arguments
	 * @return how it ended
	 */
	public static AppProcess run(Path directory, Map<String, String> environment, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(WebexOAuthApplication.class.getName());
		command.addAll(List.of(arguments));
		Path log = directory.resolve("start-" + System.nanoTime() + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("WEBEX_") || name.startsWith("SPRING_") || name.startsWith("SERVER_"));
		builder.environment().putAll(environment);
		try {
			Process process = builder.start();
			boolean exited = process.waitFor(60, TimeUnit.SECONDS);
			process.destroyForcibly();
			String output = Files.readString(log, StandardCharsets.UTF_8);
			if (!exited) {
				throw new AssertionError("The app did not stop within 60 s:\n" + output);
			}
			return new AppProcess(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
