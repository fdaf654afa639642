package com.example.webex.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * A Webex token endpoint (and revocation endpoint) on MockWebServer that counts refresh
 * calls, can be slow, rotate refresh tokens, and refuse or fail on demand.
 */
public final class TokenEndpointStub implements AutoCloseable {

	static final long ACCESS_TOKEN_LIFETIME = 1209599;

	static final long REFRESH_TOKEN_LIFETIME = 7775999;

	private final MockWebServer server = new MockWebServer();

	private final AtomicInteger refreshCalls = new AtomicInteger();

	private final AtomicInteger issued = new AtomicInteger();

	private final List<Map<String, String>> refreshRequests = new CopyOnWriteArrayList<>();

	private final List<RecordedRequest> revocations = new CopyOnWriteArrayList<>();

	private volatile Mode mode = Mode.OK;

	private volatile long delayMillis;

	private volatile long revokeDelayMillis;

	private volatile boolean rotate;

	private volatile boolean returnRefreshToken = true;

	private volatile Long refreshTokenExpiresIn = REFRESH_TOKEN_LIFETIME;

	// With strict rotation only this refresh token is accepted, as by a server that
	// invalidates a refresh token as soon as it has issued its successor.
	private volatile String onlyValidRefreshToken;

	public TokenEndpointStub() {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return TokenEndpointStub.this.dispatch(request);
			}
		});
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("webex")
			.clientId("client-id")
			.clientSecret("client-secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://localhost:10060/oauth")
			.scope("spark:people_read", "spark:rooms_read")
			.authorizationUri(url("/v1/authorize"))
			.tokenUri(url("/v1/access_token"))
			.userInfoUri(url("/v1/people/me"))
			.userNameAttributeName("id")
			.build();
	}

	ClientRegistrationRepository registrations() {
		return new InMemoryClientRegistrationRepository(registration());
	}

	String url(String path) {
		return this.server.url(path).toString();
	}

	int refreshCalls() {
		return this.refreshCalls.get();
	}

	List<Map<String, String>> refreshRequests() {
		return this.refreshRequests;
	}

	List<RecordedRequest> revocations() {
		return this.revocations;
	}

	TokenEndpointStub answer(Mode mode) {
		this.mode = mode;
		return this;
	}

	TokenEndpointStub delay(long millis) {
		this.delayMillis = millis;
		return this;
	}

	TokenEndpointStub revokeDelay(long millis) {
		this.revokeDelayMillis = millis;
		return this;
	}

	TokenEndpointStub rotateRefreshTokens() {
		this.rotate = true;
		return this;
	}

	/**
	 * Rotate, and accept only the latest refresh token, starting with {@code current}.
	 */
	TokenEndpointStub rotateStrictly(String current) {
		this.rotate = true;
		this.onlyValidRefreshToken = current;
		return this;
	}

	TokenEndpointStub omitRefreshToken() {
		this.returnRefreshToken = false;
		return this;
	}

	TokenEndpointStub refreshTokenExpiresIn(Long seconds) {
		this.refreshTokenExpiresIn = seconds;
		return this;
	}

	private MockResponse dispatch(RecordedRequest request) throws InterruptedException {
		String path = request.getUrl().encodedPath();
		if (path.equals("/v1/revoke")) {
			if (this.revokeDelayMillis > 0) {
				Thread.sleep(this.revokeDelayMillis);
			}
			this.revocations.add(request);
			return new MockResponse.Builder().code(200).build();
		}
		if (!path.equals("/v1/access_token")) {
			return new MockResponse.Builder().code(404).build();
		}
		Map<String, String> form = form(request.getBody().utf8());
		if ("authorization_code".equals(form.get("grant_type"))) {
			return tokens(null);
		}
		this.refreshCalls.incrementAndGet();
		this.refreshRequests.add(form);
		if (this.delayMillis > 0) {
			Thread.sleep(this.delayMillis);
		}
		return switch (this.mode) {
			case OK -> refresh(form.get("refresh_token"));
			case INVALID_GRANT -> error(400, "{\"error\":\"invalid_grant\"}");
			case INVALID_REQUEST -> error(400, "{\"error\":\"invalid_request\",\"error_description\":"
					+ "\"The refresh token provided is expired, revoked, malformed, or invalid.\"}");
			case WEBEX_ENVELOPE_400 -> error(400, "{\"message\":\"The request could not be understood\","
					+ "\"errors\":[{\"description\":\"Invalid refresh token\"}],\"trackingId\":\"ROUTER_1\"}");
			case WEBEX_ENVELOPE_EXPIRED -> error(400, "{\"message\":\"The refresh token provided is expired, revoked,"
					+ " malformed, or invalid.\",\"errors\":[{\"description\":\"The refresh token provided is expired,"
					+ " revoked, malformed, or invalid.\"}],\"trackingId\":\"ROUTER_3\"}");
			case BARE_INVALID_REQUEST -> error(400, "{\"error\":\"invalid_request\"}");
			case INVALID_CLIENT -> error(401, "{\"error\":\"invalid_client\"}");
			case FORBIDDEN_HTML -> html(403, "<html><body><h1>Request blocked</h1></body></html>");
			case NOT_FOUND -> html(404, "<html><body>Not Found</body></html>");
			case HTML_200 -> html(200, "<html><body>Sign in to continue</body></html>");
			case UNAVAILABLE -> error(503, "{\"message\":\"Service Unavailable\",\"trackingId\":\"ROUTER_2\"}");
			case RATE_LIMITED -> new MockResponse.Builder().code(429).setHeader("Retry-After", "4").build();
		};
	}

	private synchronized MockResponse refresh(String refreshToken) {
		if (this.onlyValidRefreshToken != null && !this.onlyValidRefreshToken.equals(refreshToken)) {
			return error(400, "{\"error\":\"invalid_grant\"}");
		}
		return tokens(refreshToken);
	}

	private synchronized MockResponse tokens(String presentedRefreshToken) {
		int n = this.issued.incrementAndGet();
		String refreshToken = (presentedRefreshToken == null || this.rotate) ? "rt-" + n + "-" + UUID.randomUUID()
				: presentedRefreshToken;
		if (this.onlyValidRefreshToken != null) {
			this.onlyValidRefreshToken = refreshToken;
		}
		StringBuilder json = new StringBuilder("{\"access_token\":\"at-" + n + "-" + UUID.randomUUID()
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + ACCESS_TOKEN_LIFETIME);
		if (this.returnRefreshToken || presentedRefreshToken == null) {
			json.append(",\"refresh_token\":\"").append(refreshToken).append('"');
		}
		if (this.refreshTokenExpiresIn != null) {
			json.append(",\"refresh_token_expires_in\":").append(this.refreshTokenExpiresIn);
		}
		json.append('}');
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body(json.toString())
			.build();
	}

	private static MockResponse html(int status, String html) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/html").body(html).build();
	}

	private static MockResponse error(int status, String json) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(json).build();
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	@Override
	public void close() {
		this.server.close();
	}

	/** How the stub answers refresh requests. */
	enum Mode {

		OK, INVALID_GRANT, INVALID_REQUEST, WEBEX_ENVELOPE_400, WEBEX_ENVELOPE_EXPIRED, BARE_INVALID_REQUEST,
		INVALID_CLIENT, FORBIDDEN_HTML, NOT_FOUND, HTML_200, UNAVAILABLE, RATE_LIMITED

	}

}
