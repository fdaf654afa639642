package com.example.webex.vault;

import java.util.Base64;
import java.util.List;

import com.example.webex.vault.crypto.TokenKeys;

/**
 * Fixed token keys for tests.
 */
public final class TestKeys {

	public static final String A = key(1);

	public static final String B = key(101);

	private TestKeys() {
	}

	public static String id(String base64Key) {
		return TokenKeys.parse(List.of(base64Key), "test").primary().id();
	}

	private static String key(int seed) {
		byte[] bytes = new byte[32];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (seed + i * 7);
		}
		return Base64.getEncoder().encodeToString(bytes);
	}

}
