package com.example.webex.vault.refresh;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshAnswersTests {

	private static final String WEBEX_EXPIRED = "The refresh token provided is expired, revoked, malformed, or invalid.";

	@Test
	void classifyWhenInvalidGrantThenRejected() {
		assertThat(RefreshAnswers.classify(badRequest("invalid_grant", null))).isEqualTo(Outcome.REJECTED);
		assertThat(RefreshAnswers.classify(badRequest("invalid_grant", "Unknown refresh token")))
			.isEqualTo(Outcome.REJECTED);
	}

	@Test
	void classifyWhenWebexExpiredRefreshTokenAnswerThenRejected() {
		assertThat(RefreshAnswers.classify(badRequest("invalid_request", WEBEX_EXPIRED))).isEqualTo(Outcome.REJECTED);
		assertThat(RefreshAnswers.classify(badRequest("invalid_request", "Error: " + WEBEX_EXPIRED.toUpperCase())))
			.isEqualTo(Outcome.REJECTED);
	}

	@Test
	void classifyWhenInvalidRequestWithoutWebexMessageThenClientErrorNotRejected() {
		assertThat(RefreshAnswers.classify(badRequest("invalid_request", null))).isEqualTo(Outcome.CLIENT_ERROR);
		assertThat(RefreshAnswers.classify(
				badRequest("invalid_request", "The token endpoint answered 400 without an" + " OAuth 2.0 error body")))
			.isEqualTo(Outcome.CLIENT_ERROR);
		assertThat(RefreshAnswers.classify(badRequest("invalid_scope", null))).isEqualTo(Outcome.CLIENT_ERROR);
		// The code alone is not enough: the refusal must be about the refresh token.
		assertThat(RefreshAnswers.classify(badRequest("server_error", WEBEX_EXPIRED))).isEqualTo(Outcome.CLIENT_ERROR);
	}

	@Test
	void classifyWhenClientCredentialsRefusedThenInvalidClient() {
		assertThat(RefreshAnswers.classify(badRequest("invalid_client", null))).isEqualTo(Outcome.INVALID_CLIENT);
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.UNAUTHORIZED)))).isEqualTo(Outcome.INVALID_CLIENT);
	}

	@Test
	void classifyWhenOtherStatusThenByStatusNeverRejected() {
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.FORBIDDEN)))).isEqualTo(Outcome.CLIENT_ERROR);
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.NOT_FOUND)))).isEqualTo(Outcome.CLIENT_ERROR);
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.METHOD_NOT_ALLOWED))))
			.isEqualTo(Outcome.CLIENT_ERROR);
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.TOO_MANY_REQUESTS))))
			.isEqualTo(Outcome.RATE_LIMITED);
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.INTERNAL_SERVER_ERROR))))
			.isEqualTo(Outcome.SERVER_ERROR);
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.SERVICE_UNAVAILABLE))))
			.isEqualTo(Outcome.SERVER_ERROR);
		assertThat(RefreshAnswers.classify(wrapped(status(HttpStatus.GATEWAY_TIMEOUT)))).isEqualTo(Outcome.TIMEOUT);
	}

	@Test
	void classifyWhenTransportFailsThenTimeoutOrUnreachable() {
		assertThat(RefreshAnswers.classify(wrapped(new ResourceAccessException("read", new SocketTimeoutException()))))
			.isEqualTo(Outcome.TIMEOUT);
		assertThat(RefreshAnswers.classify(wrapped(new ResourceAccessException("connect", new ConnectException()))))
			.isEqualTo(Outcome.UNREACHABLE);
		assertThat(RefreshAnswers.classify(wrapped(new ResourceAccessException("dns", new UnknownHostException()))))
			.isEqualTo(Outcome.UNREACHABLE);
	}

	@Test
	void classifyWhenAnswerUnreadableThenMalformed() {
		HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("not JSON", null, null);
		assertThat(RefreshAnswers.classify(wrapped(new RestClientException("extracting", unreadable))))
			.isEqualTo(Outcome.MALFORMED_RESPONSE);
		assertThat(RefreshAnswers.classify(new OAuth2AuthorizationException(
				new OAuth2Error("invalid_token_response", "Empty OAuth 2.0 Access Token Response", null))))
			.isEqualTo(Outcome.MALFORMED_RESPONSE);
	}

	@Test
	void classifyWhenDatabaseOrUnknownFailureThenNeitherRejected() {
		assertThat(RefreshAnswers.classify(new DataAccessResourceFailureException("down")))
			.isEqualTo(Outcome.DATABASE_ERROR);
		assertThat(RefreshAnswers.classify(new IllegalStateException("surprise"))).isEqualTo(Outcome.FAILED);
	}

	// What Spring's token client throws for a 400 with an OAuth 2.0 error body.
	private static OAuth2AuthorizationException badRequest(String code, String description) {
		return new OAuth2AuthorizationException(new OAuth2Error(code, description, null));
	}

	// What Spring's token client throws for anything else: invalid_token_response with
	// the cause.
	private static OAuth2AuthorizationException wrapped(Throwable cause) {
		return new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response"), cause);
	}

	private static RuntimeException status(HttpStatus status) {
		return status.is4xxClientError()
				? HttpClientErrorException.create(status, status.getReasonPhrase(), HttpHeaders.EMPTY, new byte[0],
						StandardCharsets.UTF_8)
				: HttpServerErrorException.create(status, status.getReasonPhrase(), HttpHeaders.EMPTY, new byte[0],
						StandardCharsets.UTF_8);
	}

}
