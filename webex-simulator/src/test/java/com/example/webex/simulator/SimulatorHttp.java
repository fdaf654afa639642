package com.example.webex.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to a running simulator over real HTTP, never following redirects, and walks the
 * OAuth flow for tests.
 */
class SimulatorHttp {

	static final String REDIRECT_URI = "http://localhost:10060/oauth";

	static final String OTHER_REDIRECT_URI = "http://127.0.0.1:10060/oauth";

	static final String BASIC_SCOPES = "spark:people_read spark:rooms_read";

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final Supplier<ConfigurableApplicationContext> context;

	SimulatorHttp(ConfigurableApplicationContext context) {
		this(() -> context);
	}

	SimulatorHttp(WebexSimulator simulator) {
		this(simulator::context);
	}

	/** For the simulator of an extension, which starts after this is created. */
	SimulatorHttp(WebexSimulatorExtension extension) {
		this(() -> extension.simulator().context());
	}

	private SimulatorHttp(Supplier<ConfigurableApplicationContext> context) {
		this.context = context;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.context.get().getEnvironment().getProperty("local.server.port");
	}

	String clientId() {
		return this.context.get().getBean(SimulatorProperties.class).clientId();
	}

	String clientSecret() {
		return this.context.get().getBean(SimulatorProperties.class).clientSecret();
	}

	<T> T bean(Class<T> type) {
		return this.context.get().getBean(type);
	}

	HttpResponse<String> get(String pathOrUrl, String... headers) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), headers);
	}

	HttpResponse<String> getWithToken(String pathOrUrl, String accessToken) {
		return get(pathOrUrl, "Authorization", "Bearer " + accessToken);
	}

	HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		String[] allHeaders = concat(headers, "Content-Type", "application/x-www-form-urlencoded");
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), allHeaders);
	}

	HttpResponse<String> postJson(String path, String json) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)),
				new String[] { "Content-Type", "application/json" });
	}

	/** A POST without a body, typed as JSON as the admin endpoints require. */
	HttpResponse<String> post(String path) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()),
				new String[] { "Content-Type", "application/json" });
	}

	/** A POST with any body and content type, e.g. what a cross-site form would send. */
	HttpResponse<String> post(String path, String contentType, String body, String... headers) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)),
				concat(headers, "Content-Type", contentType));
	}

	static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

	/** The decoded query parameters of a redirect's {@code Location}. */
	static Map<String, String> locationQuery(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		MultiValueMap<String, String> params = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
		Map<String, String> decoded = new LinkedHashMap<>();
		params.forEach((name, values) -> decoded.put(name, UriUtils.decode(values.get(0), StandardCharsets.UTF_8)));
		return decoded;
	}

	/** The authorization request parameters the app would send. */
	Map<String, String> authorizeParams(String scope, String state) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("client_id", clientId());
		params.put("redirect_uri", REDIRECT_URI);
		params.put("response_type", "code");
		params.put("scope", scope);
		if (state != null) {
			params.put("state", state);
		}
		return params;
	}

	String authorizeUrl(Map<String, String> params) {
		return "/v1/authorize?" + params.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	/** Consents as {@code user} and returns the code from the redirect. */
	String authorizationCode(String user, Map<String, String> authorizeParams) {
		Map<String, String> form = new LinkedHashMap<>(authorizeParams);
		form.put("user", user);
		form.put("decision", "accept");
		HttpResponse<String> response = postForm("/v1/authorize", form);
		assertThat(response.statusCode()).isEqualTo(302);
		return locationQuery(response).get("code");
	}

	String authorizationCode(String user, String scope) {
		return authorizationCode(user, authorizeParams(scope, "state-1"));
	}

	HttpResponse<String> exchange(String code, String redirectUri, String codeVerifier) {
		Map<String, String> form = clientForm("authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri);
		if (codeVerifier != null) {
			form.put("code_verifier", codeVerifier);
		}
		return postForm("/v1/access_token", form);
	}

	HttpResponse<String> refresh(String refreshToken) {
		Map<String, String> form = clientForm("refresh_token");
		form.put("refresh_token", refreshToken);
		return postForm("/v1/access_token", form);
	}

	Map<String, String> clientForm(String grantType) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", grantType);
		form.put("client_id", clientId());
		form.put("client_secret", clientSecret());
		return form;
	}

	/** The whole consent and code exchange; returns the token response. */
	JsonNode tokens(String user, String scope) {
		HttpResponse<String> response = exchange(authorizationCode(user, scope), REDIRECT_URI, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	String accessToken(String user, String scope) {
		return tokens(user, scope).get("access_token").asString();
	}

	static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl() + pathOrUrl);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String[] headers) {
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String[] concat(String[] headers, String... more) {
		String[] all = new String[headers.length + more.length];
		System.arraycopy(headers, 0, all, 0, headers.length);
		System.arraycopy(more, 0, all, headers.length, more.length);
		return all;
	}

}
