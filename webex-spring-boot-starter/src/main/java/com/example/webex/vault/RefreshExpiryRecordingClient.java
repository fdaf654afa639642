package com.example.webex.vault;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Exchanges the authorization code through Spring's client and hands Webex's
 * {@code refresh_token_expires_in} to {@link RefreshTokenExpiries}, which the grant store reads
 * when Spring saves the login a moment later.
 */
final class RefreshExpiryRecordingClient implements OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	private final OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> delegate;

	private final RefreshTokenExpiries expiries;

	RefreshExpiryRecordingClient(OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> delegate,
			RefreshTokenExpiries expiries) {
		this.delegate = delegate;
		this.expiries = expiries;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2AuthorizationCodeGrantRequest request) {
		OAuth2AccessTokenResponse response = this.delegate.getTokenResponse(request);
		this.expiries.remember(response);
		return response;
	}

}
