package com.example.webex.vault.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the token keys: {@code WEBEX_TOKEN_KEYS} when set; otherwise, on embedded H2
 * only, a key file generated on first start. A shared database means several instances,
 * which must share one configured key, so there a missing key stops start-up.
 */
public final class TokenKeysLoader {

	private static final Logger logger = LoggerFactory.getLogger(TokenKeysLoader.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE);

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final SecureRandom random = new SecureRandom();

	private TokenKeysLoader() {
	}

	/**
	 * @param keys {@code webex.vault.keys}, primary first
	 * @param keyFile {@code webex.vault.key-file}, used only when {@code keys} is empty
	 * @param embeddedDatabase whether no other instance can share the database
	 */
	public static TokenKeys load(List<String> keys, Path keyFile, boolean embeddedDatabase) {
		List<String> configured = keys.stream().map(String::trim).filter((key) -> !key.isEmpty()).toList();
		if (!configured.isEmpty()) {
			return TokenKeys.parse(configured, "WEBEX_TOKEN_KEYS");
		}
		if (!embeddedDatabase) {
			throw new TokenKeyException(
					"No token encryption key is configured (WEBEX_TOKEN_KEYS is empty) and the database is not embedded H2:"
							+ " every instance sharing it must encrypt with the same key",
					"Set WEBEX_TOKEN_KEYS on every instance to the same base64-encoded 32-byte key,"
							+ " generated with `openssl rand -base64 32`.");
		}
		return fromKeyFile(keyFile);
	}

	static TokenKeys fromKeyFile(Path file) {
		try {
			if (!Files.exists(file)) {
				createOwnerOnly(file);
			}
			// Empty only if a first start died between creating and writing it: nothing
			// was encrypted with it yet.
			if (Files.size(file) == 0) {
				writeNewKey(file);
			}
			warnIfReadableByOthers(file);
			String content = Files.readString(file, StandardCharsets.US_ASCII);
			return TokenKeys.parse(Arrays.asList(content.split("[,\\s]+")), "the key file " + file);
		}
		catch (IOException ex) {
			throw new TokenKeyException("Could not read or create the token key file " + file + ": " + ex.getMessage(),
					"Make its directory writable, or set WEBEX_TOKEN_KEYS (generate a key with `openssl rand -base64 32`).",
					ex);
		}
	}

	private static void createOwnerOnly(Path file) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		if (directory != null && isPosix(file)) {
			// owner-only like everything in the data directory
			// (system.OwnerOnlyDataDirectory)
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
		}
		else if (directory != null) {
			Files.createDirectories(directory);
		}
		try {
			// Permissions are part of the creation, so the file is never readable by
			// others.
			if (isPosix(file)) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// created meanwhile: use it
		}
	}

	private static void writeNewKey(Path file) throws IOException {
		byte[] key = new byte[TokenKey.KEY_BYTES];
		random.nextBytes(key);
		Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
				StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
		logger.info("Generated token encryption key {} in {}; back this file up with the database", TokenKey.idOf(key),
				file);
		Arrays.fill(key, (byte) 0);
	}

	private static void warnIfReadableByOthers(Path file) throws IOException {
		if (isPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
			logger.warn("The token key file {} is accessible to other users; restrict it to rw------- (chmod 600)",
					file);
		}
	}

	private static boolean isPosix(Path file) {
		return file.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
