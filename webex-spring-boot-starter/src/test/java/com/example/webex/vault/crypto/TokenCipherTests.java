package com.example.webex.vault.crypto;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.example.webex.vault.TestKeys;
import com.example.webex.vault.crypto.TokenCipher.Column;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenCipherTests {

	private final TokenCipher cipher = new TokenCipher(TokenKeys.parse(List.of(TestKeys.A), "WEBEX_TOKEN_KEYS"));

	@Test
	void decryptWhenSameRowAndColumnThenToken() {
		byte[] ciphertext = this.cipher.encrypt("at-secret", Column.ACCESS_TOKEN, "webex", "alice");
		assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("at-secret");
		assertThat(this.cipher.decrypt(ciphertext, TestKeys.id(TestKeys.A), Column.ACCESS_TOKEN, "webex", "alice"))
			.isEqualTo("at-secret");
	}

	@Test
	void encryptWhenSameTokenTwiceThenDifferentCiphertexts() {
		assertThat(this.cipher.encrypt("at-secret", Column.ACCESS_TOKEN, "webex", "alice"))
			.isNotEqualTo(this.cipher.encrypt("at-secret", Column.ACCESS_TOKEN, "webex", "alice"));
	}

	@Test
	void decryptWhenOtherPrincipalColumnOrRegistrationThenFailsWithoutPlaintext() {
		byte[] ciphertext = this.cipher.encrypt("at-secret", Column.ACCESS_TOKEN, "webex", "alice");
		String keyId = TestKeys.id(TestKeys.A);
		assertThatExceptionOfType(GrantDecryptionException.class)
			.isThrownBy(() -> this.cipher.decrypt(ciphertext, keyId, Column.ACCESS_TOKEN, "webex", "bob"))
			.withMessageNotContaining("at-secret");
		assertThatExceptionOfType(GrantDecryptionException.class)
			.isThrownBy(() -> this.cipher.decrypt(ciphertext, keyId, Column.REFRESH_TOKEN, "webex", "alice"));
		assertThatExceptionOfType(GrantDecryptionException.class)
			.isThrownBy(() -> this.cipher.decrypt(ciphertext, keyId, Column.ACCESS_TOKEN, "other", "alice"));
	}

	@Test
	void decryptWhenBoundaryBetweenRegistrationAndPrincipalMovesThenFails() {
		byte[] ciphertext = this.cipher.encrypt("at-secret", Column.ACCESS_TOKEN, "web|x", "alice");
		assertThatExceptionOfType(GrantDecryptionException.class).isThrownBy(
				() -> this.cipher.decrypt(ciphertext, TestKeys.id(TestKeys.A), Column.ACCESS_TOKEN, "web", "x|alice"));
	}

	@Test
	void decryptWhenKeyNotConfiguredThenNamesKeyAndSource() {
		TokenCipher other = new TokenCipher(TokenKeys.parse(List.of(TestKeys.B), "WEBEX_TOKEN_KEYS"));
		byte[] ciphertext = this.cipher.encrypt("at-secret", Column.ACCESS_TOKEN, "webex", "alice");
		assertThatExceptionOfType(GrantDecryptionException.class)
			.isThrownBy(() -> other.decrypt(ciphertext, TestKeys.id(TestKeys.A), Column.ACCESS_TOKEN, "webex", "alice"))
			.withMessageContaining(TestKeys.id(TestKeys.A))
			.withMessageContaining("WEBEX_TOKEN_KEYS does not contain");
	}

	@Test
	void decryptWhenSecondaryKeyEncryptedThenReadable() {
		byte[] ciphertext = this.cipher.encrypt("at-secret", Column.ACCESS_TOKEN, "webex", "alice");
		TokenCipher rotated = new TokenCipher(TokenKeys.parse(List.of(TestKeys.B, TestKeys.A), "WEBEX_TOKEN_KEYS"));
		assertThat(rotated.primaryKeyId()).isEqualTo(TestKeys.id(TestKeys.B));
		assertThat(rotated.decrypt(ciphertext, TestKeys.id(TestKeys.A), Column.ACCESS_TOKEN, "webex", "alice"))
			.isEqualTo("at-secret");
	}

}
