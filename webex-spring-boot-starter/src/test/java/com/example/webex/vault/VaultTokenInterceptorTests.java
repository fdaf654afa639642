package com.example.webex.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.store.GrantStatus;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VaultTokenInterceptorTests {

	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	private final WebexApiStub api = new WebexApiStub();

	@AfterEach
	void close() {
		SecurityContextHolder.clearContext();
		this.endpoint.close();
		this.api.close();
	}

	@OnEachDatabase
	void interceptWhenTokenAcceptedThenBearerSentOnce(TestDatabase database) {
		this.api.accept((token) -> token.equals("at-1"));
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			signIn(ALICE);
			assertThat(client(context).get().uri("/rooms").retrieve().body(String.class)).isEqualTo("{\"items\":[]}");
			assertThat(this.api.authorizations()).containsExactly("Bearer at-1");
			assertThat(this.endpoint.refreshCalls()).isZero();
		});
	}

	@OnEachDatabase
	void interceptWhenUnauthorizedThenRefreshedAndRetriedOnceWithSameBody(TestDatabase database) {
		this.api.accept((token) -> !token.equals("at-1"));
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			signIn(ALICE);
			String body = client(context).post()
				.uri("/messages")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"text\":\"hi\"}")
				.retrieve()
				.body(String.class);
			assertThat(body).isEqualTo("{\"items\":[]}");
			String refreshed = grant(context, ALICE).accessToken();
			assertThat(refreshed).isNotEqualTo("at-1");
			assertThat(this.api.authorizations()).containsExactly("Bearer at-1", "Bearer " + refreshed);
			assertThat(this.api.bodies()).containsExactly("{\"text\":\"hi\"}", "{\"text\":\"hi\"}");
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
		});
	}

	@OnEachDatabase
	void interceptWhenUnauthorizedAgainAfterRefreshThenReconnectRequiredAndGrantMarked(TestDatabase database) {
		this.api.accept((token) -> false);
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			signIn(ALICE);
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> client(context).get().uri("/rooms").retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.REJECTED));
			assertThat(this.api.authorizations()).hasSize(2);
			assertThat(this.endpoint.refreshCalls()).isEqualTo(1);
			assertThat(grant(context, ALICE).status()).isEqualTo(GrantStatus.CONSENT_REQUIRED);
		});
	}

	@OnEachDatabase
	void interceptWhenForbiddenThenNoRefreshAndNoRetry(TestDatabase database) {
		this.api.accept((token) -> true).status(403);
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			signIn(ALICE);
			assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
				.isThrownBy(() -> client(context).get().uri("/rooms").retrieve().body(String.class));
			assertThat(this.api.authorizations()).hasSize(1);
			assertThat(this.endpoint.refreshCalls()).isZero();
			assertThat(grant(context, ALICE).status()).isEqualTo(GrantStatus.ACTIVE);
		});
	}

	@Test
	void interceptWhenNotSignedInThenReconnectRequiredWithoutCallingWebex() {
		VaultContexts.runner(TestDatabase.H2.fresh(), this.endpoint).run((context) -> {
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> client(context).get().uri("/rooms").retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_GRANT));
			SecurityContextHolder.getContext()
				.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
						AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> client(context).get().uri("/rooms").retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_GRANT));
			assertThat(this.api.authorizations()).isEmpty();
		});
	}

	private RestClient client(ApplicationContext context) {
		return RestClient.builder()
			.baseUrl(this.api.url("/v1"))
			.requestInterceptor(context.getBean(VaultTokenInterceptor.class))
			.build();
	}

	private static void signIn(String principalName) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(principalName, null, "ROLE_USER"));
	}

	/** Webex's REST API, accepting the bearer tokens a predicate allows. */
	static final class WebexApiStub implements AutoCloseable {

		private final MockWebServer server = new MockWebServer();

		private final List<String> authorizations = new CopyOnWriteArrayList<>();

		private final List<String> bodies = new CopyOnWriteArrayList<>();

		private volatile Predicate<String> accepted = (token) -> true;

		private volatile int status = 200;

		WebexApiStub() {
			this.server.setDispatcher(new Dispatcher() {
				@Override
				public MockResponse dispatch(RecordedRequest request) {
					return WebexApiStub.this.dispatch(request);
				}
			});
			try {
				this.server.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		WebexApiStub accept(Predicate<String> accepted) {
			this.accepted = accepted;
			return this;
		}

		WebexApiStub status(int status) {
			this.status = status;
			return this;
		}

		String url(String path) {
			return this.server.url(path).toString();
		}

		List<String> authorizations() {
			return this.authorizations;
		}

		List<String> bodies() {
			return this.bodies;
		}

		private MockResponse dispatch(RecordedRequest request) {
			String authorization = request.getHeaders().get("Authorization");
			this.authorizations.add(authorization);
			if (request.getBody() != null && request.getBody().size() > 0) {
				this.bodies.add(request.getBody().utf8());
			}
			String token = (authorization != null) ? authorization.substring("Bearer ".length()) : "";
			if (!this.accepted.test(token)) {
				return new MockResponse.Builder().code(401)
					.setHeader("Content-Type", "application/json")
					.body("{\"message\":\"The request requires a valid access token set in the Authorization"
							+ " request header.\",\"trackingId\":\"ROUTER_3\"}")
					.build();
			}
			return new MockResponse.Builder().code(this.status)
				.setHeader("Content-Type", "application/json")
				.body("{\"items\":[]}")
				.build();
		}

		@Override
		public void close() {
			this.server.close();
		}

	}

}
