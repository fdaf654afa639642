package com.example.webex.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenKeysLoaderTests {

	@TempDir
	Path directory;

	@Test
	void loadWhenKeysConfiguredThenFirstIsPrimaryAndAllDecrypt() {
		TokenKeys keys = TokenKeysLoader.load(properties(List.of(" " + TestKeys.B + " ", TestKeys.A)), false);
		assertThat(keys.primary().id()).isEqualTo(TestKeys.id(TestKeys.B));
		assertThat(keys.ids()).containsExactly(TestKeys.id(TestKeys.B), TestKeys.id(TestKeys.A));
		assertThat(keys.source()).isEqualTo("WEBEX_TOKEN_KEYS");
		assertThat(Files.exists(keyFile())).isFalse();
	}

	@Test
	void loadWhenKeyIsNotBase64ThenNamesEntryWithoutEchoingIt() {
		assertThatExceptionOfType(TokenKeyException.class)
			.isThrownBy(() -> TokenKeysLoader.load(properties(List.of("not a key!")), true))
			.withMessageContaining("Entry #1 of WEBEX_TOKEN_KEYS")
			.withMessageNotContaining("not a key!");
	}

	@Test
	void loadWhenNoKeysAndSharedDatabaseThenFails() {
		assertThatExceptionOfType(TokenKeyException.class)
			.isThrownBy(() -> TokenKeysLoader.load(properties(List.of()), false))
			.satisfies((ex) -> assertThat(ex.action()).contains("openssl rand -base64 32"));
		assertThat(Files.exists(keyFile())).isFalse();
	}

	@Test
	void loadWhenNoKeysAndEmbeddedDatabaseThenKeyFileCreatedOwnerOnlyAndReused() throws Exception {
		TokenKeys first = TokenKeysLoader.load(properties(List.of()), true);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
		String content = Files.readString(keyFile());
		TokenKeys second = TokenKeysLoader.load(properties(List.of("", " ")), true);
		assertThat(second.primary().id()).isEqualTo(first.primary().id());
		assertThat(Files.readString(keyFile())).isEqualTo(content);
		assertThat(first.source()).contains(keyFile().toString());
	}

	@Test
	void loadWhenKeyFileExistsThenUsedAsIs() throws Exception {
		Files.writeString(keyFile(), TestKeys.A + "\n");
		assertThat(TokenKeysLoader.load(properties(List.of()), true).primary().id())
			.isEqualTo(TestKeys.id(TestKeys.A));
	}

	@Test
	void loadWhenKeyFileEmptyAfterInterruptedFirstStartThenKeyWritten() throws Exception {
		Files.createFile(keyFile());
		TokenKeys keys = TokenKeysLoader.load(properties(List.of()), true);
		assertThat(TestKeys.id(Files.readString(keyFile()).trim())).isEqualTo(keys.primary().id());
	}

	private Path keyFile() {
		return this.directory.resolve("token-keys");
	}

	private VaultProperties properties(List<String> keys) {
		return new VaultProperties(keys, keyFile(), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
				new VaultProperties.Keeper(true, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(30),
						Duration.ofHours(24), 3));
	}

}
