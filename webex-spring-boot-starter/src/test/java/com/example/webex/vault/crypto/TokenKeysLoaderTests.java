package com.example.webex.vault.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.example.webex.vault.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenKeysLoaderTests {

	@TempDir
	Path directory;

	@Test
	void loadWhenKeysConfiguredThenFirstIsPrimaryAndAllDecrypt() {
		TokenKeys keys = TokenKeysLoader.load(List.of(" " + TestKeys.B + " ", TestKeys.A), keyFile(), false);
		assertThat(keys.primary().id()).isEqualTo(TestKeys.id(TestKeys.B));
		assertThat(keys.ids()).containsExactly(TestKeys.id(TestKeys.B), TestKeys.id(TestKeys.A));
		assertThat(keys.source()).isEqualTo("WEBEX_TOKEN_KEYS");
		assertThat(Files.exists(keyFile())).isFalse();
	}

	@Test
	void loadWhenKeyIsNotBase64ThenNamesEntryWithoutEchoingIt() {
		assertThatExceptionOfType(TokenKeyException.class)
			.isThrownBy(() -> TokenKeysLoader.load(List.of("not a key!"), keyFile(), true))
			.withMessageContaining("Entry #1 of WEBEX_TOKEN_KEYS")
			.withMessageNotContaining("not a key!");
	}

	@Test
	void loadWhenNoKeysAndSharedDatabaseThenFails() {
		assertThatExceptionOfType(TokenKeyException.class)
			.isThrownBy(() -> TokenKeysLoader.load(List.of(), keyFile(), false))
			.satisfies((ex) -> assertThat(ex.action()).contains("openssl rand -base64 32"));
		assertThat(Files.exists(keyFile())).isFalse();
	}

	@Test
	void loadWhenNoKeysAndEmbeddedDatabaseThenKeyFileCreatedOwnerOnlyAndReused() throws Exception {
		TokenKeys first = TokenKeysLoader.load(List.of(), keyFile(), true);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
		String content = Files.readString(keyFile());
		TokenKeys second = TokenKeysLoader.load(List.of("", " "), keyFile(), true);
		assertThat(second.primary().id()).isEqualTo(first.primary().id());
		assertThat(Files.readString(keyFile())).isEqualTo(content);
		assertThat(first.source()).contains(keyFile().toString());
	}

	@Test
	void loadWhenKeyFileExistsThenUsedAsIs() throws Exception {
		Files.writeString(keyFile(), TestKeys.A + "\n");
		assertThat(TokenKeysLoader.load(List.of(), keyFile(), true).primary().id()).isEqualTo(TestKeys.id(TestKeys.A));
	}

	@Test
	void loadWhenKeyFileEmptyAfterInterruptedFirstStartThenKeyWritten() throws Exception {
		Files.createFile(keyFile());
		TokenKeys keys = TokenKeysLoader.load(List.of(), keyFile(), true);
		assertThat(TestKeys.id(Files.readString(keyFile()).trim())).isEqualTo(keys.primary().id());
	}

	private Path keyFile() {
		return this.directory.resolve("token-keys");
	}

}
