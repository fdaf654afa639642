package com.example.webex.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.util.StringUtils;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Spring's {@link OAuth2ErrorResponseErrorHandler}, also accepting a 400 whose body is
 * not an RFC 6749 error: Webex may answer in its REST envelope ({@code message},
 * {@code errors}, {@code trackingId}), which Spring cannot read and would surface as a
 * parse failure. Whether the token endpoint uses that envelope is unconfirmed
 * ({@code webex-platform.md} §3), so the envelope's message stands in for a missing
 * {@code error_description}: Webex's expired refresh token answer must be recognized in
 * either shape (the vault's {@code RefreshAnswers}).
 */
final class TokenEndpointErrorHandler implements ResponseErrorHandler {

	// Error bodies are small; a proxy's HTML page is not worth reading beyond this.
	private static final int MAX_BODY_BYTES = 64 * 1024;

	private final OAuth2ErrorResponseErrorHandler delegate = new OAuth2ErrorResponseErrorHandler();

	@Override
	public boolean hasError(ClientHttpResponse response) throws IOException {
		return this.delegate.hasError(response);
	}

	@Override
	public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
		if (!HttpStatus.BAD_REQUEST.equals(response.getStatusCode())) {
			this.delegate.handleError(url, method, response);
			return;
		}
		byte[] body = response.getBody().readNBytes(MAX_BODY_BYTES);
		try {
			this.delegate.handleError(url, method, new ReadAgain(response, body));
		}
		catch (OAuth2AuthorizationException ex) {
			OAuth2Error error = ex.getError();
			if (error.getDescription() != null) {
				throw ex;
			}
			throw envelopeMessage(body)
				.map((message) -> new OAuth2AuthorizationException(
						new OAuth2Error(error.getErrorCode(), message, error.getUri()), ex))
				.orElse(ex);
		}
		catch (HttpMessageNotReadableException ex) {
			String description = envelopeMessage(body)
				.orElse("The token endpoint answered 400 without an OAuth 2.0 error body");
			throw new OAuth2AuthorizationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null),
					ex);
		}
	}

	/**
	 * {@code message}, else the first {@code errors[].description}, of a Webex envelope.
	 */
	private static Optional<String> envelopeMessage(byte[] body) {
		try {
			JsonNode envelope = JsonMapper.shared().readTree(body);
			if (envelope == null) {
				return Optional.empty();
			}
			String message = envelope.path("message").asString("");
			if (!StringUtils.hasText(message)) {
				message = envelope.path("errors").path(0).path("description").asString("");
			}
			return StringUtils.hasText(message) ? Optional.of(message) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/** The response with its body already read, so Spring's handler can read it too. */
	private record ReadAgain(ClientHttpResponse response, byte[] body) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}
