package com.example.webex.vault.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

/**
 * One AES-256-GCM key of the keyset and the short id that names it in
 * {@code webex_grant.key_id}.
 *
 * @param id the first 8 hex characters of the key's SHA-256: identifies the key without
 * revealing it, and is the key's id in the Tink keyset
 * @param aead the Tink primitive of this key alone (random 96-bit nonce, 128-bit tag, no
 * output prefix)
 */
public record TokenKey(String id, Aead aead) {

	static final int KEY_BYTES = 32;

	@Override
	public String toString() {
		return "TokenKey[" + this.id + "]";
	}

	/**
	 * The Tink key for raw key bytes: AES-256-GCM without an output prefix, so
	 * ciphertexts are exactly those the vault has always written (nonce, ciphertext,
	 * tag).
	 */
	static AesGcmKey aesGcm(byte[] keyBytes) {
		if (keyBytes.length != KEY_BYTES) {
			throw new IllegalArgumentException("A token key must be " + KEY_BYTES + " bytes, not " + keyBytes.length);
		}
		try {
			AesGcmParameters parameters = AesGcmParameters.builder()
				.setKeySizeBytes(KEY_BYTES)
				.setIvSizeBytes(12)
				.setTagSizeBytes(16)
				.setVariant(AesGcmParameters.Variant.NO_PREFIX)
				.build();
			return AesGcmKey.builder()
				.setParameters(parameters)
				.setKeyBytes(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get()))
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
	}

	static String idOf(byte[] keyBytes) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key id as Tink's keyset holds it: the same four bytes, as an int. */
	static int keysetId(String id) {
		return Integer.parseUnsignedInt(id, 16);
	}

	/** The key id {@code webex_grant.key_id} holds for a keyset entry's id. */
	static String id(int keysetId) {
		return HexFormat.of().toHexDigits(keysetId);
	}

}
