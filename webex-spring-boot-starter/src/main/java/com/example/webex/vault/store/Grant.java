package com.example.webex.vault.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A decrypted {@code webex_grant} row. Holds token values: never log it
 * ({@link #toString()} leaves them out).
 *
 * @param registrationId the client registration, {@code webex}
 * @param principalName the Webex person id
 * @param accessToken the access token
 * @param accessTokenIssuedAt when the access token was issued
 * @param accessTokenExpiresAt when the access token expires
 * @param refreshToken the refresh token, or {@code null}
 * @param refreshTokenExpiresAt when the refresh token expires, or {@code null} if unknown
 * @param scopes the granted scopes
 * @param status whether the grant is usable
 * @param createdAt when the grant was obtained (the last code exchange)
 * @param refreshedAt the last refresh, or {@code null}
 * @param keptAt the last refresh by the keeper, or {@code null}
 * @param version incremented by every write
 */
public record Grant(String registrationId, String principalName, String accessToken, Instant accessTokenIssuedAt,
		Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt, Set<String> scopes,
		GrantStatus status, Instant createdAt, Instant refreshedAt, Instant keptAt, long version) {

	public boolean isActive() {
		return this.status == GrantStatus.ACTIVE;
	}

	/**
	 * Whether the access token expires within {@code skew} of {@code now} (or already
	 * has).
	 */
	public boolean accessTokenExpiresWithin(Duration skew, Instant now) {
		return !this.accessTokenExpiresAt.isAfter(now.plus(skew));
	}

	/** The last time Webex issued or refreshed these tokens, whoever asked. */
	public Instant lastTouchedAt() {
		Instant last = this.createdAt;
		if (this.refreshedAt != null && this.refreshedAt.isAfter(last)) {
			last = this.refreshedAt;
		}
		if (this.keptAt != null && this.keptAt.isAfter(last)) {
			last = this.keptAt;
		}
		return last;
	}

	public GrantSummary summary() {
		return new GrantSummary(this.accessTokenExpiresAt, this.refreshTokenExpiresAt, this.createdAt, this.refreshedAt,
				this.keptAt, this.scopes, this.status);
	}

	@Override
	public String toString() {
		return "Grant[" + this.registrationId + ", status=" + this.status + ", accessTokenExpiresAt="
				+ this.accessTokenExpiresAt + ", refreshTokenExpiresAt=" + this.refreshTokenExpiresAt + ", version="
				+ this.version + "]";
	}

}
