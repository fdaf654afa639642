package com.example.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root README's "Use it in your own Spring Boot app" shows this example's code: every
 * line of its snippets must be a line of this example, so that what the README shows
 * compiles and is tested here.
 */
class ReadmeSnippetsTests {

	private static final Path README = Path.of("../../README.md");

	private static final String SECTION = "## Use it in your own Spring Boot app";

	// where a snippet leaves lines out
	private static final String ELISION = "// ...";

	@Test
	void readmeWhenItShowsCodeThenEveryLineIsThisExamplesCode() throws IOException {
		List<String> shown = snippetLines(section(Files.readAllLines(README)));
		Set<String> example = exampleLines();

		assertThat(shown).as("snippet lines in the README's section").hasSizeGreaterThan(30);
		assertThat(shown).as("README lines not found in examples/daily-digest")
			.filteredOn((line) -> !example.contains(line))
			.isEmpty();
	}

	private static List<String> section(List<String> readme) {
		int start = readme.indexOf(SECTION);
		assertThat(start).as("the README's section '%s'", SECTION).isNotNegative();
		int end = start + 1;
		while (end < readme.size() && !readme.get(end).startsWith("## ")) {
			end++;
		}
		return readme.subList(start, end);
	}

	/**
	 * The lines of the section's fenced code blocks, trimmed, without blank lines and
	 * elisions.
	 */
	private static List<String> snippetLines(List<String> section) {
		List<String> lines = new ArrayList<>();
		boolean inBlock = false;
		for (String line : section) {
			if (line.startsWith("```")) {
				inBlock = !inBlock;
			}
			else if (inBlock && !line.isBlank() && !line.strip().equals(ELISION)) {
				lines.add(line.strip());
			}
		}
		return lines;
	}

	private static Set<String> exampleLines() throws IOException {
		Set<String> lines = new HashSet<>();
		try (Stream<Path> files = Stream.concat(Stream.of(Path.of("pom.xml")), Files.walk(Path.of("src")))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.readAllLines(file).forEach((line) -> lines.add(line.strip()));
			}
		}
		return lines;
	}

}
