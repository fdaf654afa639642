package com.example.webex.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs the simulator's tokens: random per start, or kept in a file (created
 * once, readable by its owner only) so tokens outlive a restart.
 */
final class SigningSecret {

	private static final int LENGTH = 32;

	private SigningSecret() {
	}

	static byte[] random() {
		byte[] secret = new byte[LENGTH];
		new SecureRandom().nextBytes(secret);
		return secret;
	}

	/**
	 * Reads the secret from {@code file}, creating the file with a new random secret if
	 * it does not exist yet.
	 * @param file where the secret lives
	 * @return the secret
	 */
	static byte[] loadOrCreate(Path file) {
		if (file.toString().contains("${")) {
			// a placeholder nobody resolved must not become a directory name
			throw new IllegalStateException("simulator.secret-file is '" + file
					+ "', a placeholder that was never resolved: write the path out.");
		}
		try {
			if (Files.notExists(file)) {
				create(file);
			}
			byte[] secret = Base64.getDecoder()
				.decode(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim());
			if (secret.length < LENGTH) {
				throw new IllegalStateException(
						"Simulator secret file " + file + " holds fewer than " + LENGTH + " bytes");
			}
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create simulator secret file " + file, ex);
		}
	}

	private static void create(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
		FileAttribute<?>[] ownerOnly = posix
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
		try {
			Files.createFile(file, ownerOnly);
		}
		catch (FileAlreadyExistsException ex) {
			// another instance won the race; use its secret
			return;
		}
		Files.write(file, Base64.getEncoder().encode(random()));
	}

}
