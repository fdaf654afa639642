package com.example.webex.vault;

import java.util.Base64;
import java.util.List;

/**
 * Fixed token keys for tests.
 */
final class TestKeys {

	static final String A = key(1);

	static final String B = key(101);

	private TestKeys() {
	}

	static String id(String base64Key) {
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
