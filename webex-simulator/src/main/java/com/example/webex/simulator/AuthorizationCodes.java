package com.example.webex.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-use, short-lived authorization codes, each bound to the request it answers.
 */
class AuthorizationCodes {

	private static final int PURGE_EVERY = 1024;

	private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();

	private final AtomicLong issued = new AtomicLong();

	private final SecureRandom random = new SecureRandom();

	private final SimulatorSettings settings;

	private final SimulatorClock clock;

	AuthorizationCodes(SimulatorSettings settings, SimulatorClock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Issues a code for a consent.
	 * @param consent what the code will be exchanged for
	 * @return the code
	 */
	String issue(Consent consent) {
		if (this.issued.incrementAndGet() % PURGE_EVERY == 0) {
			long now = this.clock.millis();
			this.codes.values().removeIf((pending) -> now >= pending.expiresAtMillis());
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + TokenCodec.SUFFIX;
		this.codes.put(code, new PendingCode(consent, this.clock.millis() + this.settings.codeLifetime().toMillis()));
		return code;
	}

	/**
	 * Takes a code out of circulation.
	 * @param code the presented code
	 * @return the consent it was issued for; empty if unknown, already used or expired
	 */
	Optional<Consent> redeem(String code) {
		PendingCode pending = (code != null) ? this.codes.remove(code) : null;
		if (pending == null || this.clock.millis() >= pending.expiresAtMillis()) {
			return Optional.empty();
		}
		return Optional.of(pending.consent());
	}

	/**
	 * What the user agreed to, and to whom.
	 *
	 * @param clientId the requesting client
	 * @param redirectUri the {@code redirect_uri} of the authorization request,
	 * {@code null} if it had none
	 * @param person the consenting person's index in {@link DemoDirectory}
	 * @param scopes the granted scopes
	 * @param codeChallenge the PKCE challenge, {@code null} without PKCE
	 * @param codeChallengeMethod {@code S256} or {@code plain}
	 */
	record Consent(String clientId, String redirectUri, int person, Set<String> scopes, String codeChallenge,
			String codeChallengeMethod) {
	}

	private record PendingCode(Consent consent, long expiresAtMillis) {
	}

}
