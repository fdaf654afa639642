package com.example.webexoauth.token;

import java.io.IOException;

import com.example.webexoauth.token.ReconnectRequiredException.Reason;
import com.example.webexoauth.webex.WebexRequestInterceptor;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Puts the current user's access token on calls to Webex and, after a 401, refreshes it and
 * tries once more.
 * <p>
 * Webex answers 401 for expired, revoked and malformed tokens alike, so one refresh and retry is
 * worth it; a second 401 means the grant is unusable. A 403 is a missing scope or permission,
 * which a new token would not change, so it is returned as is.
 */
public class VaultTokenInterceptor implements WebexRequestInterceptor {

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final TokenVault vault;

	public VaultTokenInterceptor(TokenVault vault) {
		this.vault = vault;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String principalName = currentPrincipalName();
		String accessToken = this.vault.accessToken(principalName);
		request.getHeaders().setBearerAuth(accessToken);
		ClientHttpResponse response = execution.execute(request, body);
		if (!isUnauthorized(response)) {
			return response;
		}
		response.close();
		String refreshed = this.vault.refreshAfterUnauthorized(principalName, accessToken);
		request.getHeaders().setBearerAuth(refreshed);
		ClientHttpResponse retried = execution.execute(request, body);
		if (!isUnauthorized(retried)) {
			return retried;
		}
		retried.close();
		this.vault.markRejected(principalName, refreshed);
		throw new ReconnectRequiredException(Reason.REJECTED);
	}

	private static boolean isUnauthorized(ClientHttpResponse response) throws IOException {
		return response.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value();
	}

	private static String currentPrincipalName() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!trustResolver.isAuthenticated(authentication)) {
			throw new ReconnectRequiredException(Reason.NO_GRANT);
		}
		return authentication.getName();
	}

}
