package com.example.webex.vault;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.example.webex.vault.access.AllowList;
import com.example.webex.vault.access.WebexIdentity;
import com.example.webex.vault.refresh.TokenRevoker;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Decides whether the grant of a new sign-in may be kept, in Spring's user-info step
 * (between the code exchange and the save): the person behind it must pass the allow-list
 * ({@code WEBEX_ALLOWED_EMAIL_DOMAINS}, {@code WEBEX_ALLOWED_ORG_IDS}).
 * <p>
 * What the store keeps of a sign-in besides the tokens travels on the signed-in user, the
 * principal Spring hands to {@code saveAuthorizedClient} a moment later: the admitted
 * person's {@link WebexIdentity} (so the list can be applied again when it changes) and
 * the refresh token's expiry, which only the code exchange's response carries
 * ({@code OAuth2UserRequest.getAdditionalParameters()}). None of it is secret: an
 * organization id, mail domains (not addresses) and a time. A refused grant is never
 * saved; its access token is revoked where {@code WEBEX_REVOKE_URL} is set (the refresh
 * token does not reach the user-info step, and nothing keeps it).
 */
public class GrantAdmission {

	static final String ORG_ID = "webexOrgId";

	static final String EMAIL_DOMAINS = "webexEmailDomains";

	static final String REFRESH_TOKEN_EXPIRES_AT = "webexRefreshTokenExpiresAt";

	private final AllowList allowList;

	private final TokenRevoker revoker;

	GrantAdmission(AllowList allowList, TokenRevoker revoker) {
		this.allowList = allowList;
		this.revoker = revoker;
	}

	/**
	 * Admit or refuse the person a new grant belongs to.
	 * @param request the user-info request Spring's login makes after the code exchange
	 * @param person the person as {@code GET /people/me} returned them
	 * @return the attributes to add to the signed-in user, which the vault stores with
	 * the grant; empty if the grant may not be stored (it was revoked where revocation is
	 * configured)
	 */
	public Optional<Map<String, Object>> admit(OAuth2UserRequest request, Map<String, ?> person) {
		WebexIdentity identity = WebexIdentity.of(person);
		if (!this.allowList.admits(identity)) {
			this.revoker.revokeRefused(request.getClientRegistration(), request.getAccessToken().getTokenValue());
			return Optional.empty();
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (identity.orgId() != null) {
			attributes.put(ORG_ID, identity.orgId());
		}
		attributes.put(EMAIL_DOMAINS, identity.emailDomainsColumn());
		RefreshTokenExpiry.of(request.getAdditionalParameters(), request.getAccessToken().getIssuedAt())
			.ifPresent((expiresAt) -> attributes.put(REFRESH_TOKEN_EXPIRES_AT, expiresAt.toString()));
		return Optional.of(attributes);
	}

	/**
	 * The attributes {@link #admit} gave the signed-in user; none for any other
	 * principal.
	 */
	static Map<String, Object> attributesOf(Authentication principal) {
		return (principal.getPrincipal() instanceof OAuth2AuthenticatedPrincipal user) ? user.getAttributes()
				: Map.of();
	}

	/**
	 * The identity admitted at sign-in, or {@code null} if none was (another user
	 * service).
	 */
	static WebexIdentity identity(Map<String, Object> attributes) {
		return (attributes.get(EMAIL_DOMAINS) instanceof String domains)
				? WebexIdentity.fromColumns((attributes.get(ORG_ID) instanceof String orgId) ? orgId : null, domains)
				: null;
	}

	/** The refresh token's expiry the code exchange announced, if it did. */
	static Optional<Instant> refreshTokenExpiresAt(Map<String, Object> attributes) {
		if (attributes.get(REFRESH_TOKEN_EXPIRES_AT) instanceof String expiresAt) {
			try {
				return Optional.of(Instant.parse(expiresAt));
			}
			catch (DateTimeParseException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

}
