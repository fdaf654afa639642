package com.example.webex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that the vault's migrations, shared where their SQL is the same
 * ({@code db/webex/common}) and per vendor where it differs, are the very migrations
 * deployed databases ran when every file sat in its vendor's folder: Flyway validates
 * version, description and checksum, never the folder.
 */
class WebexMigrationsTests {

	private static final String COMMON = "classpath:db/webex/common";

	/**
	 * The checksums Flyway recorded for V1 to V3 before V2 and V3 moved to
	 * {@code common/} (read from both vendor folders at commit 9ebdee2): what every
	 * deployed database holds.
	 */
	private static final Map<String, Map<String, Integer>> DEPLOYED = Map.of("h2",
			Map.of("1", -2079474847, "2", 75547042, "3", -473278017), "postgresql",
			Map.of("1", -256730296, "2", 75547042, "3", -473278017));

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void migrationsWhenReadFromCommonAndVendorFolderThenSameChecksumsAsDeployed(String vendor) {
		// nothing runs: Flyway only resolves the scripts (an empty H2 holds no history)
		Flyway flyway = flyway(newDatabase(), COMMON, "classpath:db/webex/" + vendor);

		assertThat(checksums(flyway)).isEqualTo(DEPLOYED.get(vendor));
	}

	@Test
	void validateWhenDatabaseMigratedWithTheOldLayoutThenAcceptsTheNewOne(@TempDir Path oldLayout) throws IOException {
		// every script in the vendor's folder, as before
		copy("db/webex/h2/V1__sessions_and_grants.sql", oldLayout);
		copy("db/webex/common/V2__grant_issuer_and_identity.sql", oldLayout);
		copy("db/webex/common/V3__refresh_lease.sql", oldLayout);
		String url = newDatabase();
		Flyway before = flyway(url, "filesystem:" + oldLayout);
		before.migrate();
		assertThat(checksums(before)).isEqualTo(DEPLOYED.get("h2"));

		Flyway after = flyway(url, COMMON, "classpath:db/webex/h2");

		assertThatNoException().isThrownBy(after::validate);
		assertThat(after.migrate().migrationsExecuted).isZero();
	}

	private static String newDatabase() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	private static Flyway flyway(String url, String... locations) {
		return Flyway.configure()
			.dataSource(url, "sa", "")
			.locations(locations)
			.placeholders(Map.of("webex_issuer", "https://webexapis.com/v1"))
			.load();
	}

	private static Map<String, Integer> checksums(Flyway flyway) {
		Map<String, Integer> checksums = new TreeMap<>();
		for (MigrationInfo migration : flyway.info().all()) {
			if (migration.getVersion() != null) {
				checksums.put(migration.getVersion().getVersion(), migration.getChecksum());
			}
		}
		return checksums;
	}

	private static void copy(String resource, Path directory) throws IOException {
		ClassPathResource script = new ClassPathResource(resource);
		try (InputStream in = script.getInputStream()) {
			Files.copy(in, directory.resolve(script.getFilename()));
		}
	}

}
