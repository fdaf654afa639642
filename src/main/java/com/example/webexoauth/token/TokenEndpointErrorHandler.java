package com.example.webexoauth.token;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Spring's {@link OAuth2ErrorResponseErrorHandler}, also accepting a 400 whose body is not an
 * RFC 6749 error: Webex may answer in its REST envelope ({@code message}, {@code errors},
 * {@code trackingId}), which Spring cannot read and would surface as a parse failure.
 */
final class TokenEndpointErrorHandler implements ResponseErrorHandler {

	private final OAuth2ErrorResponseErrorHandler delegate = new OAuth2ErrorResponseErrorHandler();

	@Override
	public boolean hasError(ClientHttpResponse response) throws IOException {
		return this.delegate.hasError(response);
	}

	@Override
	public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
		try {
			this.delegate.handleError(url, method, response);
		}
		catch (HttpMessageNotReadableException ex) {
			OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"The token endpoint answered " + response.getStatusCode().value()
							+ " without an OAuth 2.0 error body",
					null);
			throw new OAuth2AuthorizationException(error, ex);
		}
	}

}
