package com.example.webex.simulator;

import java.time.Duration;
import java.util.Set;

/**
 * The tokens of a grant minted without a browser flow
 * ({@link WebexSimulator#issueTokens}), as valid as those of a consent: the access token
 * works at the REST API, the refresh token at the token endpoint.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token
 * @param accessTokenExpiresIn how long the access token is valid ({@code expires_in})
 * @param refreshTokenExpiresIn how long the refresh token is valid
 * ({@code refresh_token_expires_in})
 * @param scopes the granted scopes
 */
public record GrantedTokens(String accessToken, String refreshToken, Duration accessTokenExpiresIn,
		Duration refreshTokenExpiresIn, Set<String> scopes) {

	@Override
	public String toString() {
		// tokens are secrets, even simulated ones: an assertion message must not print
		// them
		return "GrantedTokens[scopes=" + this.scopes + ", accessTokenExpiresIn=" + this.accessTokenExpiresIn + "]";
	}

}
