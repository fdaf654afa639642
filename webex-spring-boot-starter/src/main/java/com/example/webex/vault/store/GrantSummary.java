package com.example.webex.vault.store;

import java.time.Instant;
import java.util.Set;

/**
 * What the profile page may show about a stored grant: lifetimes and state, never token
 * values.
 *
 * @param accessTokenExpiresAt when the current access token expires
 * @param refreshTokenExpiresAt when the refresh token expires, or {@code null} if Webex
 * did not say
 * @param createdAt when the user connected (the code exchange)
 * @param refreshedAt the last refresh, or {@code null}
 * @param keptAt the last refresh done by the keeper, or {@code null}
 * @param scopes the granted scopes
 * @param status whether the grant is usable
 */
public record GrantSummary(Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt, Instant createdAt,
		Instant refreshedAt, Instant keptAt, Set<String> scopes, GrantStatus status) {
}
