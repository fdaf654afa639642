package com.example.webex.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.example.webex.simulator.TokenCodec.Claims;
import com.example.webex.simulator.TokenCodec.Kind;

/**
 * Issues, refreshes and checks access and refresh tokens. Tokens verify on their own (see
 * {@link TokenCodec}); what changes after issue (rotation, extension, expiry and
 * revocation by the admin endpoints) is kept per grant and per person in memory.
 */
public class TokenAuthority {

	private static final Duration EXTENSION_INTERVAL = Duration.ofHours(24);

	private static final long MAX_MILLIS = 0xFFFF_FFFF_FFFFL;

	private final TokenCodec codec;

	private final SimulatorSettings settings;

	private final DemoDirectory directory;

	private final SimulatorClock clock;

	private final Map<Long, GrantState> grants = new ConcurrentHashMap<>();

	private final Map<Integer, Long> accessCutoffs = new ConcurrentHashMap<>();

	private final Map<Integer, Long> refreshCutoffs = new ConcurrentHashMap<>();

	TokenAuthority(TokenCodec codec, SimulatorSettings settings, DemoDirectory directory, SimulatorClock clock) {
		this.codec = codec;
		this.settings = settings;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Starts a new grant after consent.
	 * @param person who consented
	 * @param scopes what they consented to
	 * @return the first access and refresh token
	 */
	IssuedTokens issue(int person, Set<String> scopes) {
		long now = issueTime(person);
		long grantId = this.codec.newGrantId();
		GrantState grant = new GrantState(0, plus(now, this.settings.refreshTokenLifetime()), now);
		this.grants.put(grantId, grant);
		int scopeBits = Scopes.toBits(scopes);
		String refreshToken = this.codec
			.encode(new Claims(Kind.REFRESH, person, scopeBits, grantId, now, grant.refreshExpiresAt, 0));
		return tokens(person, scopeBits, grantId, now, refreshToken, grant.refreshExpiresAt);
	}

	/**
	 * Exchanges a refresh token for a new access token, rotating and extending the
	 * refresh token as the settings say.
	 * @param refreshToken the presented refresh token
	 * @param requestedScopes a narrower scope set, or empty for the granted one
	 * @return the new tokens
	 * @throws OAuthErrorException {@code invalid_grant} (or Webex's
	 * {@code invalid_request}, see {@code refreshRefusalAsInvalidRequest}) if the refresh
	 * token is not valid (any more), {@code invalid_scope} if more scopes are requested
	 * than granted
	 */
	IssuedTokens refresh(String refreshToken, Set<String> requestedScopes) {
		Claims claims = this.codec.decode(refreshToken)
			.filter((candidate) -> candidate.kind() == Kind.REFRESH)
			.filter((candidate) -> this.directory.person(candidate.person()).isPresent())
			.filter((candidate) -> candidate.issuedAtMillis() > this.refreshCutoffs.getOrDefault(candidate.person(),
					-1L))
			.orElseThrow(this::refused);
		Set<String> granted = Scopes.fromBits(claims.scopeBits());
		if (!granted.containsAll(requestedScopes)) {
			throw OAuthErrorException
				.invalidScope("The requested scope exceeds the scope granted by the resource owner.");
		}
		int scopeBits = Scopes.toBits(requestedScopes.isEmpty() ? granted : requestedScopes);
		// after a restart the grant's history is gone: the presented token starts it
		// afresh
		GrantState grant = this.grants.computeIfAbsent(claims.grantId(),
				(id) -> new GrantState(claims.generation(), claims.expiresAtMillis(), claims.issuedAtMillis()));
		synchronized (grant) {
			long now = issueTime(claims.person());
			if (now >= grant.refreshExpiresAt || !grant.accepts(claims.generation())) {
				throw refused();
			}
			if (this.settings.extendRefreshExpiry() && now - grant.lastExtendedAt >= EXTENSION_INTERVAL.toMillis()) {
				grant.refreshExpiresAt = plus(now, this.settings.refreshTokenLifetime());
				grant.lastExtendedAt = now;
			}
			String nextRefreshToken = refreshToken;
			if (this.settings.rotateRefreshTokens()) {
				int generation = grant.rotate(claims.generation());
				nextRefreshToken = this.codec.encode(new Claims(Kind.REFRESH, claims.person(), claims.scopeBits(),
						claims.grantId(), now, grant.refreshExpiresAt, generation));
			}
			else {
				grant.used(claims.generation());
			}
			return tokens(claims.person(), scopeBits, claims.grantId(), now, nextRefreshToken, grant.refreshExpiresAt);
		}
	}

	private OAuthErrorException refused() {
		return OAuthErrorException.refreshTokenRefused(this.settings.refreshRefusalAsInvalidRequest());
	}

	/**
	 * Checks an access token presented to a REST endpoint.
	 * @param accessToken the bearer token
	 * @return whom it speaks for, or empty if it is unknown, expired or revoked
	 */
	Optional<AccessGrant> verify(String accessToken) {
		long now = this.clock.millis();
		return this.codec.decode(accessToken)
			.filter((claims) -> claims.kind() == Kind.ACCESS)
			.filter((claims) -> now < claims.expiresAtMillis())
			.filter((claims) -> claims.issuedAtMillis() > this.accessCutoffs.getOrDefault(claims.person(), -1L))
			.filter((claims) -> this.directory.person(claims.person()).isPresent())
			.map((claims) -> new AccessGrant(claims.person(), Scopes.fromBits(claims.scopeBits())));
	}

	/**
	 * Makes every access token issued to a person so far invalid, as if they had all
	 * expired; their refresh tokens keep working.
	 * @param emailOrPersonId the person
	 * @return {@code false} if there is no such person
	 */
	public boolean expireAccessTokens(String emailOrPersonId) {
		return cutOff(emailOrPersonId, false);
	}

	/**
	 * Revokes every grant of a person: their access and refresh tokens issued so far stop
	 * working, as when a user removes the Integration in Webex.
	 * @param emailOrPersonId the person
	 * @return {@code false} if there is no such person
	 */
	public boolean revokeGrants(String emailOrPersonId) {
		return cutOff(emailOrPersonId, true);
	}

	private boolean cutOff(String emailOrPersonId, boolean refreshTokensToo) {
		OptionalInt person = this.directory.indexOf(emailOrPersonId);
		if (person.isEmpty()) {
			return false;
		}
		long now = this.clock.millis();
		this.accessCutoffs.merge(person.getAsInt(), now, Math::max);
		if (refreshTokensToo) {
			this.refreshCutoffs.merge(person.getAsInt(), now, Math::max);
		}
		return true;
	}

	private IssuedTokens tokens(int person, int scopeBits, long grantId, long now, String refreshToken,
			long refreshExpiresAt) {
		long accessExpiresAt = plus(now, this.settings.accessTokenLifetime());
		String accessToken = this.codec
			.encode(new Claims(Kind.ACCESS, person, scopeBits, grantId, now, accessExpiresAt, 0));
		return new IssuedTokens(accessToken, secondsBetween(now, accessExpiresAt), refreshToken,
				secondsBetween(now, refreshExpiresAt), Scopes.fromBits(scopeBits));
	}

	/** Now, but always after the person's latest cut-off, so fresh tokens survive it. */
	private long issueTime(int person) {
		long cutoff = Math.max(this.accessCutoffs.getOrDefault(person, -1L),
				this.refreshCutoffs.getOrDefault(person, -1L));
		return Math.max(this.clock.millis(), cutoff + 1);
	}

	private static long plus(long millis, Duration duration) {
		return Math.min(millis + duration.toMillis(), MAX_MILLIS);
	}

	private static long secondsBetween(long fromMillis, long toMillis) {
		// whole seconds left, as Webex answers 1209599 for 14 days
		return Math.max(0, (toMillis - fromMillis - 1) / 1000);
	}

	/**
	 * Newly issued tokens.
	 *
	 * @param accessToken the access token
	 * @param expiresIn seconds until the access token expires
	 * @param refreshToken the refresh token (the presented one when not rotating)
	 * @param refreshTokenExpiresIn seconds until the refresh token expires
	 * @param scopes the scopes the access token carries
	 */
	record IssuedTokens(String accessToken, long expiresIn, String refreshToken, long refreshTokenExpiresIn,
			Set<String> scopes) {
	}

	/**
	 * What a valid access token allows.
	 *
	 * @param person the person's index in {@link DemoDirectory}
	 * @param scopes the granted scopes
	 */
	record AccessGrant(int person, Set<String> scopes) {
	}

	/** A grant's refresh-token history; guarded by its own monitor. */
	private static final class GrantState {

		private int generation;

		private boolean previousAccepted;

		private long refreshExpiresAt;

		private long lastExtendedAt;

		GrantState(int generation, long refreshExpiresAt, long lastExtendedAt) {
			this.generation = generation;
			this.refreshExpiresAt = refreshExpiresAt;
			this.lastExtendedAt = lastExtendedAt;
		}

		boolean accepts(int tokenGeneration) {
			return tokenGeneration == this.generation
					|| (this.previousAccepted && tokenGeneration == this.generation - 1);
		}

		/**
		 * Issues the next generation. The newest token retires its predecessor on first
		 * use; a predecessor used during its grace gets a fresh copy of the newest
		 * generation, so a client that lost the rotated token can recover.
		 */
		int rotate(int tokenGeneration) {
			if (tokenGeneration == this.generation) {
				this.generation++;
				this.previousAccepted = true;
			}
			return this.generation;
		}

		void used(int tokenGeneration) {
			if (tokenGeneration == this.generation) {
				this.previousAccepted = false;
			}
		}

	}

}
