package com.example.webex.simulator;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and reads the simulator's self-contained tokens: what a token grants travels
 * inside it under an HMAC-SHA256 tag, so a restarted simulator that keeps its secret
 * still accepts it. Shaped like Webex tokens: {@code <base64url>_<cluster>_<orgUUID>}.
 */
class TokenCodec {

	static final String SUFFIX = "_" + DemoData.CLUSTER + "_" + DemoData.ORG_UUID;

	private static final int VERSION = 0x10;

	private static final int PAYLOAD_LENGTH = 27;

	private static final int TAG_LENGTH = 16;

	private static final long MAX_48_BITS = 0xFFFF_FFFF_FFFFL;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	TokenCodec(byte[] secret) {
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	String encode(Claims claims) {
		ByteBuffer buffer = ByteBuffer.allocate(PAYLOAD_LENGTH);
		buffer.put((byte) (VERSION | claims.kind().ordinal()));
		buffer.put((byte) claims.person());
		buffer.put((byte) claims.scopeBits());
		put48(buffer, claims.grantId());
		put48(buffer, claims.issuedAtMillis());
		put48(buffer, claims.expiresAtMillis());
		buffer.putInt(claims.generation());
		buffer.putShort((short) this.random.nextInt());
		byte[] payload = buffer.array();
		// the tag goes first so that tokens look random from their first character, as
		// Webex's do
		ByteBuffer token = ByteBuffer.allocate(TAG_LENGTH + PAYLOAD_LENGTH).put(tag(payload)).put(payload);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array()) + SUFFIX;
	}

	/**
	 * Reads a token this codec wrote.
	 * @param token the token as presented
	 * @return its claims, or empty if it is malformed or its tag does not match
	 */
	Optional<Claims> decode(String token) {
		if (token == null || !token.endsWith(SUFFIX)) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token.substring(0, token.length() - SUFFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != TAG_LENGTH + PAYLOAD_LENGTH) {
			return Optional.empty();
		}
		byte[] payload = Arrays.copyOfRange(bytes, TAG_LENGTH, bytes.length);
		if (!MessageDigest.isEqual(tag(payload), Arrays.copyOf(bytes, TAG_LENGTH))) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(payload);
		int versionAndKind = buffer.get() & 0xFF;
		if ((versionAndKind & 0xF0) != VERSION || (versionAndKind & 0x0F) >= Kind.values().length) {
			return Optional.empty();
		}
		return Optional.of(new Claims(Kind.values()[versionAndKind & 0x0F], buffer.get() & 0xFF, buffer.get() & 0xFF,
				get48(buffer), get48(buffer), get48(buffer), buffer.getInt()));
	}

	long newGrantId() {
		return this.random.nextLong() & MAX_48_BITS;
	}

	private byte[] tag(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return Arrays.copyOf(mac.doFinal(payload), TAG_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	private static void put48(ByteBuffer buffer, long value) {
		if (value < 0 || value > MAX_48_BITS) {
			throw new IllegalArgumentException("Value does not fit in 48 bits");
		}
		buffer.putShort((short) (value >>> 32));
		buffer.putInt((int) value);
	}

	private static long get48(ByteBuffer buffer) {
		return ((buffer.getShort() & 0xFFFFL) << 32) | (buffer.getInt() & 0xFFFF_FFFFL);
	}

	/** What a token is for. */
	enum Kind {

		ACCESS, REFRESH

	}

	/**
	 * What a token grants.
	 *
	 * @param kind access or refresh
	 * @param person the person's index in {@link DemoDirectory}
	 * @param scopeBits the granted scopes, see {@link Scopes#toBits}
	 * @param grantId the consent the token descends from
	 * @param issuedAtMillis when the token was issued
	 * @param expiresAtMillis when the token expires
	 * @param generation the refresh-token rotation generation it was issued in
	 */
	record Claims(Kind kind, int person, int scopeBits, long grantId, long issuedAtMillis, long expiresAtMillis,
			int generation) {
	}

}
