package com.example.webex.vault.store;

import java.time.Duration;
import java.time.Instant;

import com.example.webex.vault.access.WebexIdentity;

/**
 * What handing out an access token needs from a {@code webex_grant} row: only the access
 * token is decrypted. Holds a token value: never log it ({@link #toString()} leaves it
 * out).
 *
 * @param value the access token
 * @param expiresAt when it expires
 * @param refreshable whether the row holds a refresh token
 * @param status whether the grant is usable
 * @param identity whom the user was when they connected, for the allow-list; {@code null}
 * if not recorded
 */
public record CurrentAccessToken(String value, Instant expiresAt, boolean refreshable, GrantStatus status,
		WebexIdentity identity) {

	public boolean isActive() {
		return this.status == GrantStatus.ACTIVE;
	}

	/** Whether it expires within {@code skew} of {@code now} (or already has). */
	public boolean expiresWithin(Duration skew, Instant now) {
		return !this.expiresAt.isAfter(now.plus(skew));
	}

	@Override
	public String toString() {
		return "CurrentAccessToken[expiresAt=" + this.expiresAt + ", refreshable=" + this.refreshable + ", status="
				+ this.status + "]";
	}

}
