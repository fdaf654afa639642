package com.example.webex.vault.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import com.example.webex.vault.TestKeys;
import com.example.webex.vault.crypto.TokenCipher.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ciphertexts, key ids and a key file written by the vault before its keys moved to
 * Tink's {@code KeysetHandle}: whatever holds the keys, every stored grant and every
 * {@code WEBEX_TOKEN_KEYS} value an operator has set must stay readable.
 */
class CiphertextsBeforeKeysetsTests {

	private final Properties fixtures = load("ciphertexts-before-keysets.properties");

	@Test
	void keyIdsWhenSameKeysThenSameAsStoredInKeyIdColumn() {
		for (int k = 0; k < keys().size(); k++) {
			assertThat(TestKeys.id(keys().get(k))).isEqualTo(this.fixtures.getProperty("key." + k + ".id"));
		}
	}

	@Test
	void decryptWhenWrittenBeforeThenEveryTokenReadsBackWhicheverKeyIsPrimary() {
		String configured = this.fixtures.getProperty("keys");
		List<String> reversed = Arrays.asList(configured.split(","));
		Collections.reverse(reversed);
		for (String value : List.of(configured, String.join(",", reversed))) {
			TokenCipher cipher = new TokenCipher(TokenKeys.parse(Arrays.asList(value.split(",")), "WEBEX_TOKEN_KEYS"));
			int count = 0;
			for (int n = 0; this.fixtures.containsKey("ciphertext." + n + ".value"); n++) {
				String prefix = "ciphertext." + n + ".";
				String keyId = this.fixtures.getProperty("key." + this.fixtures.getProperty(prefix + "key") + ".id");
				String token = new String(Base64.getDecoder().decode(this.fixtures.getProperty(prefix + "token")),
						StandardCharsets.UTF_8);
				assertThat(cipher.decrypt(Base64.getDecoder().decode(this.fixtures.getProperty(prefix + "value")),
						keyId, Column.valueOf(this.fixtures.getProperty(prefix + "column")),
						this.fixtures.getProperty(prefix + "registration"),
						this.fixtures.getProperty(prefix + "principal")))
					.as(prefix)
					.isEqualTo(token);
				count++;
			}
			assertThat(count).isEqualTo(18);
		}
	}

	@Test
	void decryptWhenKeyFileWrittenBeforeThenReadable(@TempDir Path dataDir) throws IOException {
		Path keyFile = dataDir.resolve("token-keys");
		Files.copy(new ClassPathResource("token-keys-before-keysets", getClass()).getInputStream(), keyFile);
		Properties stored = load("key-file-ciphertext-before-keysets.properties");
		TokenCipher cipher = new TokenCipher(TokenKeysLoader.fromKeyFile(keyFile));
		assertThat(cipher.primaryKeyId()).isEqualTo(stored.getProperty("id"));
		assertThat(cipher.decrypt(Base64.getDecoder().decode(stored.getProperty("value")), stored.getProperty("id"),
				Column.ACCESS_TOKEN, "webex", "zoe"))
			.isEqualTo("at-from-key-file");
	}

	private List<String> keys() {
		return Arrays.stream(this.fixtures.getProperty("keys").split(",")).map(String::trim).toList();
	}

	private Properties load(String name) {
		try (InputStream in = new ClassPathResource(name, getClass()).getInputStream()) {
			Properties properties = new Properties();
			properties.load(in);
			return properties;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
