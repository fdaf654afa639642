package com.example.webex.vault;

import java.time.Clock;
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
 * {@link JdbcGrantStore#saveAuthorizedClient}, keyed by the access token
 * ({@link LoginHandOver}), which stores it with the grant, so the list can be applied again when
 * it changes. A refused grant is never saved; its access token is revoked where
 * {@code WEBEX_REVOKE_URL} is set (the refresh token does not reach the user-info step, and
 * nothing keeps it).
 */
public class GrantAdmission {

	private final LoginHandOver<WebexIdentity> admitted;

	private final AllowList allowList;

	private final TokenRevoker revoker;

	GrantAdmission(AllowList allowList, TokenRevoker revoker, Clock clock) {
		this.admitted = new LoginHandOver<>(clock);
		this.allowList = allowList;
		this.revoker = revoker;
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
		this.admitted.put(accessToken.getTokenValue(), identity);
		return true;
	}

	/** Take the identity admitted with this access token, if any. */
	Optional<WebexIdentity> consume(String accessToken) {
		return this.admitted.take(accessToken);
	}

}
