package com.example.webex.vault.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured token keys: the first (primary) encrypts, every one of them decrypts.
 */
public final class TokenKeys {

	private final List<TokenKey> keys;

	private final String source;

	TokenKeys(List<TokenKey> keys, String source) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("At least one token key is required");
		}
		this.keys = List.copyOf(keys);
		this.source = source;
	}

	/**
	 * Decode base64 keys, primary first; duplicates are dropped.
	 * @param encoded the keys as configured
	 * @param source where they came from, for messages (e.g. {@code WEBEX_TOKEN_KEYS})
	 * @return the keys
	 * @throws TokenKeyException if an entry is not a base64-encoded 32-byte key
	 */
	public static TokenKeys parse(List<String> encoded, String source) {
		List<TokenKey> keys = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		int position = 0;
		for (String entry : encoded) {
			position++;
			String trimmed = entry.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			TokenKey key = decode(trimmed, position, source);
			if (seen.add(key.id())) {
				keys.add(key);
			}
		}
		if (keys.isEmpty()) {
			throw new TokenKeyException(source + " contains no key",
					"Set it to a base64-encoded 32-byte key, e.g. the output of `openssl rand -base64 32`.");
		}
		return new TokenKeys(keys, source);
	}

	private static TokenKey decode(String base64, int position, String source) {
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
		return TokenKey.of(bytes);
	}

	private static TokenKeyException invalid(int position, String source) {
		return new TokenKeyException("Entry #" + position + " of " + source + " is not a base64-encoded 32-byte key",
				"Generate keys with `openssl rand -base64 32`; separate several keys with commas, new key first.");
	}

	public TokenKey primary() {
		return this.keys.get(0);
	}

	public Optional<TokenKey> find(String id) {
		for (TokenKey key : this.keys) {
			if (key.id().equals(id)) {
				return Optional.of(key);
			}
		}
		return Optional.empty();
	}

	public Set<String> ids() {
		Set<String> ids = new LinkedHashSet<>();
		this.keys.forEach((key) -> ids.add(key.id()));
		return ids;
	}

	/** Where the keys came from, for operator messages. */
	public String source() {
		return this.source;
	}

}
