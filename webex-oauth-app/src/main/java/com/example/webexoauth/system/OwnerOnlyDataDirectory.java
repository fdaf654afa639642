package com.example.webexoauth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.example.webexoauth.WebexOAuthApplication;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Keeps the data directory ({@code WEBEX_DATA_DIR}) and everything in it readable by the
 * app's own user only: directories {@code rwx------}, files {@code rw-------}. It holds
 * the H2 database (grants, sessions), the token key and the simulator's signing secret.
 * <p>
 * Before any bean exists, the directory of an H2 file database is created owner-only, so
 * the database files H2 creates in it (with the process's umask, usually world-readable)
 * are never reachable by others, and a data directory that exists already is closed. Once
 * the application has started, every directory and file below it is restricted, whoever
 * created it (the demo subdirectory, files of an earlier version). Files created later
 * (H2's trace and temporary files) sit in a directory nobody else may enter, and are
 * restricted at the next start; a service manager's {@code UMask=0077} makes them
 * owner-only from the start.
 * <p>
 * Registered in {@code META-INF/spring.factories}, as it must act before the context
 * exists.
 */
class OwnerOnlyDataDirectory implements ApplicationListener<SpringApplicationEvent> {

	private static final Logger logger = LoggerFactory.getLogger(OwnerOnlyDataDirectory.class);

	static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final String H2_FILE_URL = "jdbc:h2:file:";

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (!event.getSpringApplication().getAllSources().contains(WebexOAuthApplication.class)) {
			return; // e.g. the simulator running on its own
		}
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			beforeStart(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationStartedEvent started) {
			afterStart(started.getApplicationContext().getEnvironment());
		}
	}

	private void beforeStart(Environment environment) {
		Path dataDirectory = dataDirectory(environment);
		if (dataDirectory != null && Files.isDirectory(dataDirectory, LinkOption.NOFOLLOW_LINKS)) {
			restrict(List.of(dataDirectory));
		}
		h2Database(environment).map(Path::getParent).ifPresent((directory) -> {
			if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
				createOwnerOnly(directory);
			}
			else if (dataDirectory != null && directory.startsWith(dataDirectory)) {
				restrict(List.of(directory));
			}
			// an existing directory elsewhere (the working directory, say) is not ours to
			// close
		});
	}

	private void afterStart(Environment environment) {
		List<Path> entries = new ArrayList<>();
		Path dataDirectory = dataDirectory(environment);
		if (dataDirectory != null && Files.isDirectory(dataDirectory, LinkOption.NOFOLLOW_LINKS)) {
			entries.addAll(tree(dataDirectory));
		}
		h2Database(environment).filter((database) -> dataDirectory == null || !database.startsWith(dataDirectory))
			.ifPresent((database) -> entries.addAll(databaseFiles(database)));
		restrict(entries);
	}

	/** Restricts each entry to its owner; says which were open to others. */
	static void restrict(List<Path> entries) {
		if (!entries.isEmpty() && !isPosix(entries.get(0))) {
			return;
		}
		List<Path> opened = new ArrayList<>();
		for (Path entry : entries) {
			try {
				Set<PosixFilePermission> wanted = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY
						: FILE;
				Set<PosixFilePermission> current = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
				if (!current.equals(wanted)) {
					Files.setPosixFilePermissions(entry, wanted);
					if (!wanted.containsAll(current)) {
						opened.add(entry);
					}
				}
			}
			catch (IOException | UnsupportedOperationException ex) {
				logger.warn("Could not restrict {} to its owner ({}); make it rw------- (files) or rwx------"
						+ " (directories) by hand", entry, ex.getClass().getSimpleName());
			}
		}
		if (!opened.isEmpty()) {
			logger.info("Restricted {} to their owner; other users could read them before: {}",
					(opened.size() == 1) ? "1 file or directory" : opened.size() + " files and directories", opened);
		}
	}

	/** Creates the directory and any missing parents, each {@code rwx------}. */
	private static void createOwnerOnly(Path directory) {
		try {
			if (isPosix(directory)) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
			}
			else {
				Files.createDirectories(directory);
			}
		}
		catch (IOException ex) {
			// H2 says so in its own words when it cannot create the database
			logger.warn("Could not create the database directory {} ({})", directory, ex.getClass().getSimpleName());
		}
	}

	/** The directory and every directory and file below it; links are not followed. */
	private static List<Path> tree(Path root) {
		try (Stream<Path> all = Files.walk(root)) {
			return all
				.filter((path) -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
						|| Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not look through {} ({})", root, ex.getClass().getSimpleName());
			return List.of();
		}
	}

	/** H2's files of one database: {@code webex-oauth.mv.db}, {@code .trace.db}, ... */
	private static List<Path> databaseFiles(Path database) {
		Path directory = database.getParent();
		String prefix = database.getFileName() + ".";
		if (directory == null || !Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> listing = Files.list(directory)) {
			return listing.filter((file) -> file.getFileName().toString().startsWith(prefix))
				.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not look through {} ({})", directory, ex.getClass().getSimpleName());
			return List.of();
		}
	}

	private static @Nullable Path dataDirectory(Environment environment) {
		String directory = environment.getProperty("webex.data-dir");
		return StringUtils.hasText(directory) ? Path.of(directory.trim()).toAbsolutePath().normalize() : null;
	}

	/**
	 * The database's path without H2's extensions, if the app uses an H2 file database.
	 */
	static Optional<Path> h2Database(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith(H2_FILE_URL)) {
			return Optional.empty();
		}
		String path = url.substring(H2_FILE_URL.length());
		int settings = path.indexOf(';');
		path = (settings >= 0) ? path.substring(0, settings) : path;
		if (path.startsWith("~/")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return StringUtils.hasText(path) ? Optional.of(Path.of(path).toAbsolutePath().normalize()) : Optional.empty();
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
