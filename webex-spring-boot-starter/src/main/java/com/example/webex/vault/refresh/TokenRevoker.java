package com.example.webex.vault.refresh;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.example.webex.vault.store.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Asks Webex to revoke a grant's token on "Disconnect" (RFC 7009), best effort: the grant
 * is already gone from the vault either way.
 */
public class TokenRevoker {

	private static final Logger logger = LoggerFactory.getLogger(TokenRevoker.class);

	private final URI revokeUrl;

	private final RestClient restClient;

	/**
	 * @param revokeUrl Webex's revocation endpoint, or {@code null} to skip revocation
	 * @param restClient a client with timeouts and a form converter
	 */
	TokenRevoker(URI revokeUrl, RestClient restClient) {
		this.revokeUrl = revokeUrl;
		this.restClient = restClient;
	}

	public void revoke(ClientRegistration registration, Grant grant) {
		// The refresh token outlives the access token; revoking it ends the whole grant.
		boolean refreshToken = grant.refreshToken() != null;
		revoke(registration, refreshToken ? grant.refreshToken() : grant.accessToken(),
				refreshToken ? "refresh_token" : "access_token", "disconnected");
	}

	/**
	 * Revoke the access token of a sign-in the allow-list refused (it was never stored).
	 */
	public void revokeRefused(ClientRegistration registration, String accessToken) {
		revoke(registration, accessToken, "access_token", "refused");
	}

	private void revoke(ClientRegistration registration, String token, String hint, String grantState) {
		if (this.revokeUrl == null) {
			return;
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("token", token);
		form.add("token_type_hint", hint);
		try {
			this.restClient.post()
				.uri(this.revokeUrl)
				.headers((headers) -> headers.setBasicAuth(encode(registration.getClientId()),
						encode(registration.getClientSecret())))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.toBodilessEntity();
			logger.info("Revoked a {} grant's {} at {}", grantState, hint, this.revokeUrl);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not revoke a {} grant's {} at {} ({}); it expires on its own", grantState, hint,
					this.revokeUrl, ex.getClass().getSimpleName());
		}
	}

	// RFC 6749 §2.3.1: form-encode the client credentials before Basic encoding.
	private static String encode(String value) {
		return URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

}
