package com.example.webex.vault;

import java.io.IOException;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.client.ActingUser;
import com.example.webex.client.WebexRequestInterceptor;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Puts the current user's access token on calls to Webex and, after a 401, refreshes it
 * and tries once more.
 * <p>
 * Webex answers 401 for expired, revoked and malformed tokens alike, so one refresh and
 * retry is worth it; a second 401 means the grant is unusable. A 403 is a missing scope
 * or permission, which a new token would not change, so it is returned as is.
 */
public class VaultTokenInterceptor implements WebexRequestInterceptor {

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
		return ActingUser.current().orElseThrow(() -> new ReconnectRequiredException(Reason.NO_GRANT));
	}

}
