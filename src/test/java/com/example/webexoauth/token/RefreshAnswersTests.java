package com.example.webexoauth.token;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class GrantRefresherTests {

	@Test
	void isRefusalWhenOAuthErrorFromBadRequestThenTrue() {
		assertThat(GrantRefresher.isRefusal(oauth("invalid_grant", null))).isTrue();
		assertThat(GrantRefresher.isRefusal(oauth("invalid_request", null))).isTrue();
	}

	@Test
	void isRefusalWhenClientCredentialsRefusedThenFalse() {
		assertThat(GrantRefresher.isRefusal(oauth("invalid_client", null))).isFalse();
		assertThat(GrantRefresher.isRefusal(oauth("invalid_token_response", status(HttpStatus.UNAUTHORIZED))))
			.isFalse();
	}

	@Test
	void isRefusalWhenOtherClientErrorThenTrue() {
		assertThat(GrantRefresher.isRefusal(oauth("invalid_token_response", status(HttpStatus.FORBIDDEN)))).isTrue();
		assertThat(GrantRefresher.isRefusal(oauth("invalid_token_response", status(HttpStatus.NOT_FOUND)))).isTrue();
	}

	@Test
	void isRefusalWhenTransientFailureThenFalse() {
		assertThat(GrantRefresher.isRefusal(oauth("invalid_token_response", status(HttpStatus.SERVICE_UNAVAILABLE))))
			.isFalse();
		assertThat(GrantRefresher.isRefusal(oauth("invalid_token_response", status(HttpStatus.TOO_MANY_REQUESTS))))
			.isFalse();
		assertThat(GrantRefresher.isRefusal(oauth("invalid_token_response", new ResourceAccessException("timeout"))))
			.isFalse();
		assertThat(GrantRefresher.isRefusal(new IllegalStateException("unreadable"))).isFalse();
	}

	private static OAuth2AuthorizationException oauth(String code, Throwable cause) {
		OAuth2Error error = new OAuth2Error(code);
		return (cause != null) ? new OAuth2AuthorizationException(error, cause) : new OAuth2AuthorizationException(error);
	}

	private static RuntimeException status(HttpStatus status) {
		return status.is4xxClientError()
				? HttpClientErrorException.create(status, status.getReasonPhrase(), HttpHeaders.EMPTY, new byte[0],
						StandardCharsets.UTF_8)
				: HttpServerErrorException.create(status, status.getReasonPhrase(), HttpHeaders.EMPTY, new byte[0],
						StandardCharsets.UTF_8);
	}

}
