package com.example.webexoauth;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout's root directory (where {@code mvnw} is), for tests about files outside
 * this module such as {@code deploy/}: Surefire runs each module's tests in the module's
 * directory.
 */
public final class RepositoryRoot {

	private RepositoryRoot() {
	}

	public static Path path() {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("mvnw"))) {
				return directory;
			}
		}
		throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
	}

	public static Path resolve(String first, String... more) {
		return path().resolve(Path.of(first, more));
	}

}
