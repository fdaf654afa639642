package com.example.webex.vault.crypto;

/**
 * Thrown when a stored token does not decrypt: wrong or missing key, or a tampered or
 * moved ciphertext. Never carries plaintext or ciphertext.
 */
public class GrantDecryptionException extends IllegalStateException {

	GrantDecryptionException(String message) {
		super(message);
	}

	GrantDecryptionException(String message, Throwable cause) {
		super(message, cause);
	}

}
