package com.example.webex.vault.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts token columns with AES-256-GCM, binding each ciphertext to its row and column
 * through the associated data, so a ciphertext copied elsewhere fails to decrypt instead
 * of yielding another user's token.
 */
public final class TokenCipher {

	private final TokenKeys keys;

	public TokenCipher(TokenKeys keys) {
		this.keys = keys;
	}

	/** Id of the key that {@link #encrypt} uses. */
	public String primaryKeyId() {
		return this.keys.primary().id();
	}

	public TokenKeys keys() {
		return this.keys;
	}

	public byte[] encrypt(String token, Column column, String registrationId, String principalName) {
		try {
			return this.keys.primary()
				.aead()
				.encrypt(token.getBytes(StandardCharsets.UTF_8), associatedData(column, registrationId, principalName));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt " + column.columnName, ex);
		}
	}

	/**
	 * Decrypt one token column.
	 * @throws GrantDecryptionException if the key is unknown, or the ciphertext was
	 * altered or belongs to another row, column or key
	 */
	public String decrypt(byte[] ciphertext, String keyId, Column column, String registrationId, String principalName) {
		TokenKey key = this.keys.find(keyId)
			.orElseThrow(() -> new GrantDecryptionException(
					"The " + column.columnName + " of a '" + registrationId + "' grant was encrypted with key " + keyId
							+ ", which " + this.keys.source() + " does not contain"));
		try {
			byte[] plaintext = key.aead().decrypt(ciphertext, associatedData(column, registrationId, principalName));
			return new String(plaintext, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new GrantDecryptionException(
					"The " + column.columnName + " of a '" + registrationId + "' grant does not decrypt with key "
							+ keyId + ": the ciphertext was altered, or was copied from another row or column",
					ex);
		}
	}

	// Length-prefixed so that no two (registration, principal) pairs share associated
	// data.
	private static byte[] associatedData(Column column, String registrationId, String principalName) {
		String data = "webex_grant|" + column.columnName + "|" + registrationId.length() + ":" + registrationId + "|"
				+ principalName.length() + ":" + principalName;
		return data.getBytes(StandardCharsets.UTF_8);
	}

	/** The encrypted columns of {@code webex_grant}. */
	public enum Column {

		ACCESS_TOKEN("access_token"), REFRESH_TOKEN("refresh_token");

		private final String columnName;

		Column(String columnName) {
			this.columnName = columnName;
		}

	}

}
