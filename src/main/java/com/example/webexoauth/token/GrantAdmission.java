package com.example.webexoauth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Decides whether the grant of a new sign-in may be kept, between the code exchange and the save:
 * the person behind it must pass the allow-list ({@code WEBEX_ALLOWED_EMAIL_DOMAINS},
 * {@code WEBEX_ALLOWED_ORG_IDS}).
 * <p>
 * An admitted person's {@link WebexIdentity} is handed to
 * {@link JdbcGrantStore#saveAuthorizedClient}, which stores it with the grant, so the list can be
 * applied again when it changes. Like {@link RefreshTokenExpiries}, the hand-over is in memory
 * (Spring's login loads the user and saves the grant in one request), keyed by a SHA-256 of the
 * access token, consumed on save, bounded and short-lived. A refused grant is never saved; its
 * access token is revoked where {@code WEBEX_REVOKE_URL} is set (the refresh token does not
 * reach the user-info step, and nothing keeps it).
 */
public class GrantAdmission {

	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

	private static final int CAPACITY = 1000;

	private final Map<String, Entry> admitted = new LinkedHashMap<>();

	private final AllowList allowList;

	private final TokenRevoker revoker;

	private final Clock clock;

	GrantAdmission(AllowList allowList, TokenRevoker revoker, Clock clock) {
		this.allowList = allowList;
		this.revoker = revoker;
		this.clock = clock;
	}

	/**
	 * Admit or refuse the person a new grant belongs to.
	 * @param registration the client registration the grant was issued to
	 * @param accessToken the grant's access token
	 * @param person the person as {@code GET /people/me} returned them
	 * @return whether the grant may be stored; if not, it was revoked where revocation is
	 * configured
	 */
	public boolean admit(ClientRegistration registration, OAuth2AccessToken accessToken, Map<String, ?> person) {
		WebexIdentity identity = WebexIdentity.of(person);
		if (!this.allowList.admits(identity)) {
			this.revoker.revokeRefused(registration, accessToken.getTokenValue());
			return false;
		}
		Instant now = this.clock.instant();
		synchronized (this.admitted) {
			removeStale(now);
			this.admitted.put(hash(accessToken.getTokenValue()), new Entry(identity, now));
		}
		return true;
	}

	/** Take the identity admitted with this access token, if any. */
	Optional<WebexIdentity> consume(String accessToken) {
		Instant now = this.clock.instant();
		synchronized (this.admitted) {
			removeStale(now);
			return Optional.ofNullable(this.admitted.remove(hash(accessToken))).map(Entry::identity);
		}
	}

	private void removeStale(Instant now) {
		Instant oldest = now.minus(TIME_TO_LIVE);
		Iterator<Entry> iterator = this.admitted.values().iterator();
		while (iterator.hasNext()) {
			if (iterator.next().admittedAt().isBefore(oldest) || this.admitted.size() >= CAPACITY) {
				iterator.remove();
			}
			else {
				break;
			}
		}
	}

	private static String hash(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Entry(WebexIdentity identity, Instant admittedAt) {
	}

}
