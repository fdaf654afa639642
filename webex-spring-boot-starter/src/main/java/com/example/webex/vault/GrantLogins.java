package com.example.webex.vault;

import java.time.Instant;
import java.util.Map;

import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.JdbcGrantStore;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * Where Spring Security's login leaves a new grant: the
 * {@link OAuth2AuthorizedClientService} its OAuth 2.0 login calls right after the
 * callback, in the same request. The tokens go into the encrypted {@link JdbcGrantStore},
 * with what {@link GrantAdmission} put on the signed-in user (whom the allow-list
 * admitted, when the refresh token expires), and {@link GrantConnected} is published.
 */
class GrantLogins implements OAuth2AuthorizedClientService {

	private final JdbcGrantStore store;

	private final ClientRegistrationRepository registrations;

	private final ApplicationEventPublisher events;

	GrantLogins(JdbcGrantStore store, ClientRegistrationRepository registrations, ApplicationEventPublisher events) {
		this.store = store;
		this.registrations = registrations;
		this.events = events;
	}

	/** Only usable ({@code ACTIVE}) grants are returned. */
	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		ClientRegistration registration = this.registrations.findByRegistrationId(clientRegistrationId);
		if (registration == null) {
			return null;
		}
		return (T) this.store.find(clientRegistrationId, principalName)
			.filter(Grant::isActive)
			.map((grant) -> toAuthorizedClient(registration, grant))
			.orElse(null);
	}

	/**
	 * Store the grant of a new login, replacing any previous one of the user and making
	 * it {@code ACTIVE}. The refresh-token expiry and the user's identity come from the
	 * attributes {@link GrantAdmission} gave the principal (none recorded for a principal
	 * without them).
	 */
	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		Map<String, Object> admitted = GrantAdmission.attributesOf(principal);
		OAuth2RefreshToken refreshToken = authorizedClient.getRefreshToken();
		Instant refreshExpiresAt = (refreshToken != null)
				? GrantAdmission.refreshTokenExpiresAt(admitted).orElse(refreshToken.getExpiresAt()) : null;
		this.store.saveLogin(authorizedClient.getClientRegistration().getRegistrationId(), principal.getName(),
				authorizedClient.getAccessToken(), refreshToken, refreshExpiresAt, GrantAdmission.identity(admitted));
		this.events.publishEvent(new GrantConnected(principal.getName()));
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
		this.store.remove(clientRegistrationId, principalName);
	}

	private static OAuth2AuthorizedClient toAuthorizedClient(ClientRegistration registration, Grant grant) {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, grant.accessToken(),
				grant.accessTokenIssuedAt(), grant.accessTokenExpiresAt(), grant.scopes());
		OAuth2RefreshToken refreshToken = (grant.refreshToken() != null)
				? new OAuth2RefreshToken(grant.refreshToken(), null, grant.refreshTokenExpiresAt()) : null;
		return new OAuth2AuthorizedClient(registration, grant.principalName(), accessToken, refreshToken);
	}

}
