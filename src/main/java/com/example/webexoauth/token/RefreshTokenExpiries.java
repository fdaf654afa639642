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

import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Carries Webex's {@code refresh_token_expires_in} from the code exchange to
 * {@link JdbcGrantStore#saveAuthorizedClient}.
 * <p>
 * Spring's {@code OAuth2AuthorizedClient} has no field for it, so the token response would
 * otherwise drop it on the way to the store. Spring's login filter exchanges the code and then
 * saves the grant synchronously, in the same request and so in the same JVM, so a small
 * in-memory hand-over is enough; it is keyed by a SHA-256 of the refresh token (never the token
 * itself). Entries are consumed on save, expire after a few minutes, and the map is bounded, so an
 * abandoned login leaves nothing behind for long.
 */
final class RefreshTokenExpiries {

	/** Webex's non-standard token response member. */
	static final String EXPIRES_IN_PARAMETER = "refresh_token_expires_in";

	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

	private static final int CAPACITY = 1000;

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final Clock clock;

	RefreshTokenExpiries(Clock clock) {
		this.clock = clock;
	}

	/** Remember the refresh-token expiry a code exchange returned, if it returned one. */
	void remember(OAuth2AccessTokenResponse response) {
		OAuth2RefreshToken refreshToken = response.getRefreshToken();
		Optional<Instant> expiresAt = expiresAt(response);
		if (refreshToken == null || expiresAt.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		synchronized (this.entries) {
			removeStale(now);
			this.entries.put(hash(refreshToken.getTokenValue()), new Entry(expiresAt.get(), now));
		}
	}

	/** Take the expiry remembered for this refresh token, if any. */
	Optional<Instant> consume(String refreshToken) {
		Instant now = this.clock.instant();
		synchronized (this.entries) {
			removeStale(now);
			return Optional.ofNullable(this.entries.remove(hash(refreshToken))).map(Entry::expiresAt);
		}
	}

	/**
	 * When the response's refresh token expires, from {@code refresh_token_expires_in} counted
	 * from the access token's issue time.
	 */
	static Optional<Instant> expiresAt(OAuth2AccessTokenResponse response) {
		Object value = response.getAdditionalParameters().get(EXPIRES_IN_PARAMETER);
		if (value == null) {
			return Optional.empty();
		}
		try {
			long seconds = Long.parseLong(String.valueOf(value).trim());
			Instant issuedAt = response.getAccessToken().getIssuedAt();
			return (seconds > 0 && issuedAt != null) ? Optional.of(issuedAt.plusSeconds(seconds)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private void removeStale(Instant now) {
		Instant oldest = now.minus(TIME_TO_LIVE);
		Iterator<Entry> iterator = this.entries.values().iterator();
		while (iterator.hasNext()) {
			if (iterator.next().rememberedAt().isBefore(oldest) || this.entries.size() >= CAPACITY) {
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

	private record Entry(Instant expiresAt, Instant rememberedAt) {
	}

}
