package com.example.webex.vault.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;

/**
 * The configured token keys as a Tink keyset: the first (primary) encrypts, every one of
 * them decrypts. Each entry's keyset id is the key's id in {@code webex_grant.key_id}
 * (the first four bytes of its SHA-256), so the id a grant records names the entry that
 * decrypts it.
 * <p>
 * The keys are raw AES-256-GCM keys without Tink's output prefix, as
 * {@code WEBEX_TOKEN_KEYS} and the key file have always held them, so every ciphertext
 * written before the keyset stays readable. A grant is decrypted by the key its row
 * names, not by trying each key in turn (what the keyset's own primitive does with
 * prefix-less keys): that keeps the start-up check "the grants of key X decrypt with key
 * X" meaningful before a rotation drops an old key.
 */
public final class TokenKeys {

	static {
		// Tink's keysets know only the key types registered with it.
		try {
			AeadConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final KeysetHandle keyset;

	private final Map<String, TokenKey> keys = new LinkedHashMap<>();

	private final String source;

	private TokenKeys(KeysetHandle keyset, String source) {
		this.keyset = keyset;
		this.source = source;
		for (int i = 0; i < keyset.size(); i++) {
			KeysetHandle.Entry entry = keyset.getAt(i);
			String id = TokenKey.id(entry.getId());
			this.keys.put(id, new TokenKey(id, primitive(entry)));
		}
	}

	/**
	 * Decode base64 keys, primary first; duplicates are dropped.
	 * @param encoded the keys as configured
	 * @param source where they came from, for messages (e.g. {@code WEBEX_TOKEN_KEYS})
	 * @return the keys
	 * @throws TokenKeyException if an entry is not a base64-encoded 32-byte key
	 */
	public static TokenKeys parse(List<String> encoded, String source) {
		KeysetHandle.Builder keyset = KeysetHandle.newBuilder();
		Set<String> seen = new LinkedHashSet<>();
		int position = 0;
		for (String entry : encoded) {
			position++;
			String trimmed = entry.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			byte[] bytes = decode(trimmed, position, source);
			String id = TokenKey.idOf(bytes);
			if (seen.add(id)) {
				KeysetHandle.Builder.Entry key = KeysetHandle.importKey(TokenKey.aesGcm(bytes))
					.withFixedId(TokenKey.keysetId(id));
				keyset.addEntry((seen.size() == 1) ? key.makePrimary() : key);
			}
			Arrays.fill(bytes, (byte) 0);
		}
		if (seen.isEmpty()) {
			throw new TokenKeyException(source + " contains no key",
					"Set it to a base64-encoded 32-byte key, e.g. the output of `openssl rand -base64 32`.");
		}
		try {
			return new TokenKeys(keyset.build(), source);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not build the token keyset", ex);
		}
	}

	// The primitive of one entry alone: Tink builds primitives for keysets, so a keyset
	// of one.
	private static Aead primitive(KeysetHandle.Entry entry) {
		try {
			return KeysetHandle.newBuilder()
				.addEntry(KeysetHandle.importKey(entry.getKey()).withFixedId(entry.getId()).makePrimary())
				.build()
				.getPrimitive(ConfigurationV0.get(), Aead.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
	}

	private static byte[] decode(String base64, int position, String source) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(position, source);
		}
		if (bytes.length != TokenKey.KEY_BYTES) {
			throw invalid(position, source);
		}
		return bytes;
	}

	private static TokenKeyException invalid(int position, String source) {
		return new TokenKeyException("Entry #" + position + " of " + source + " is not a base64-encoded 32-byte key",
				"Generate keys with `openssl rand -base64 32`; separate several keys with commas, new key first.");
	}

	public TokenKey primary() {
		return this.keys.get(TokenKey.id(this.keyset.getPrimary().getId()));
	}

	public Optional<TokenKey> find(String id) {
		return Optional.ofNullable(this.keys.get(id));
	}

	public Set<String> ids() {
		return Collections.unmodifiableSet(this.keys.keySet());
	}

	/** Where the keys came from, for operator messages. */
	public String source() {
		return this.source;
	}

}
