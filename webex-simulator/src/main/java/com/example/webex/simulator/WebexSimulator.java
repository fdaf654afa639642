package com.example.webex.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.TokenAuthority.IssuedTokens;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A simulated Webex for tests, on its own loopback port: give the app under test its
 * {@link #baseUrl()}, {@link #clientId()} and {@link #clientSecret()}, then steer Webex
 * ({@link #settings()}, {@link #clock()}, users, rooms, tokens) and read what the app
 * asked of it ({@link #calls(Counter)}).
 *
 * <pre class="code">
 * try (WebexSimulator webex = WebexSimulator.builder().start()) {
 *     webex.registerRedirectUri("http://127.0.0.1:" + appPort + "/login/oauth2/code/webex");
 *     // start the app with WEBEX_API_BASE_URL=webex.baseUrl(), then
 *     SignedIn zoe = webex.signIn("http://127.0.0.1:" + appPort + "/oauth2/authorization/webex", "zoe");
 * }
 * </pre>
 *
 * JUnit 5 tests use it through {@code junit.WebexSimulatorExtension}.
 */
public final class WebexSimulator implements AutoCloseable {

	/** Where the simulator listens, and the host of every URL it hands out. */
	static final String LOOPBACK = "127.0.0.1";

	private static final int MAX_REDIRECTS = 10;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final int configuredPort;

	private final Map<String, Object> properties;

	private volatile ConfigurableApplicationContext context;

	private WebexSimulator(int configuredPort, Map<String, Object> properties) {
		this.configuredPort = configuredPort;
		this.properties = properties;
	}

	/**
	 * A simulator with the defaults: port 0 (a free one), the demo Integration and
	 * people.
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the simulator, unless it runs already; after {@link #stop()} it starts
	 * afresh, as configured.
	 * @return this simulator
	 */
	public synchronized WebexSimulator start() {
		if (this.context == null) {
			Map<String, Object> all = new LinkedHashMap<>(this.properties);
			all.put("server.address", LOOPBACK);
			this.context = WebexSimulatorApplication.start(this.configuredPort, all);
		}
		return this;
	}

	/** Stops the simulator; everything it held (tokens, counts, added users) is gone. */
	public synchronized void stop() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public boolean isRunning() {
		return this.context != null;
	}

	/** The port it listens on, on 127.0.0.1. */
	public int port() {
		return Integer.parseInt(running().getEnvironment().getRequiredProperty("local.server.port"));
	}

	/**
	 * The REST API's base URL, {@code http://127.0.0.1:<port>/v1}: what an app takes as
	 * {@code WEBEX_API_BASE_URL}; the authorization endpoint is {@code /authorize} below
	 * it, the token endpoint {@code /access_token}, and the profile {@code /people/me}.
	 */
	public String baseUrl() {
		return rootUrl() + "/v1";
	}

	private String rootUrl() {
		return "http://" + LOOPBACK + ":" + port();
	}

	/** The simulated Integration's client id. */
	public String clientId() {
		return bean(SimulatorProperties.class).clientId();
	}

	/** The simulated Integration's client secret. */
	public String clientSecret() {
		return bean(SimulatorProperties.class).clientSecret();
	}

	/** The redirect URIs registered on the Integration now, configured ones first. */
	public List<String> redirectUris() {
		return bean(RegisteredRedirectUris.class).list();
	}

	/**
	 * Registers one more redirect URI on the Integration, matched exactly as Webex does,
	 * until the simulator stops ({@link #reset()} keeps it).
	 * @param uri an absolute {@code http} or {@code https} URI without a fragment
	 * @return this simulator
	 */
	public WebexSimulator registerRedirectUri(String uri) {
		bean(RegisteredRedirectUris.class).register(uri);
		return this;
	}

	/** Everyone in the simulated organization: the demo people, then any added. */
	public List<DemoUser> users() {
		DemoDirectory directory = bean(DemoDirectory.class);
		// people are published after their keys: read them first
		List<Person> people = directory.people();
		List<String> keys = directory.keys();
		List<DemoUser> users = new ArrayList<>(people.size());
		for (int i = 0; i < people.size(); i++) {
			users.add(DemoUser.of(keys.get(i), people.get(i)));
		}
		return users;
	}

	/**
	 * One user.
	 * @param user their key (e.g. {@code zoe}), email or person id
	 * @return the user
	 * @throws IllegalArgumentException if there is no such user
	 */
	public DemoUser user(String user) {
		DemoDirectory directory = bean(DemoDirectory.class);
		int index = index(user);
		return DemoUser.of(directory.keys().get(index), directory.person(index).orElseThrow());
	}

	/**
	 * Adds a person to the simulated organization, without rooms; they can consent, sign
	 * in and be given tokens like the demo people. Added users stay until the simulator
	 * stops; adding the same user again changes nothing.
	 * @param key the short name ({@code a-z}, digits, {@code . _ -}), e.g. {@code alice}
	 * @param email the email address, unique
	 * @param displayName the full name; its first word is the given name
	 * @return the user
	 * @throws IllegalArgumentException for a malformed value, or a key or email another
	 * user has
	 */
	public DemoUser addUser(String key, String email, String displayName) {
		return DemoUser.of(key, bean(DemoDirectory.class).addPerson(key, email, displayName));
	}

	/**
	 * Adds a group room, active now by the simulator's clock, to a user's rooms, until
	 * {@link #reset()}.
	 * @param user the user's key, email or person id
	 * @param title the title
	 * @return the room
	 */
	public DemoRoom addRoom(String user, String title) {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("A room needs a title");
		}
		return DemoRoom.of(bean(DemoDirectory.class).addRoom(index(user), title, clock().instant()));
	}

	/** The knobs, as they are now; change them with its typed methods. */
	public SimulatorSettings settings() {
		return bean(SimulatorSettings.class);
	}

	/** The simulator's clock: advance it to expire tokens and codes without waiting. */
	public SimulatorClock clock() {
		return bean(SimulatorClock.class);
	}

	/**
	 * Puts the knobs, the clock, the call counts and the rooms added at run time back as
	 * configured. Users, registered redirect URIs and what became of tokens (expired,
	 * revoked) stay.
	 */
	public void reset() {
		settings().reset();
		clock().reset();
		resetCalls();
		bean(DemoDirectory.class).resetRooms();
	}

	/**
	 * Makes every access token issued to a user so far invalid, as if they had expired;
	 * their refresh tokens keep working.
	 * @param user the user's key, email or person id
	 */
	public void expireAccessTokens(String user) {
		bean(TokenAuthority.class).expireAccessTokens(user(user).personId());
	}

	/**
	 * Revokes every grant of a user, as when they remove the Integration in Webex: their
	 * access and refresh tokens issued so far stop working.
	 * @param user the user's key, email or person id
	 */
	public void revokeGrants(String user) {
		bean(TokenAuthority.class).revokeGrants(user(user).personId());
	}

	/**
	 * How often something was asked of the simulator since start or
	 * {@link #resetCalls()}.
	 * @param counter what, e.g. {@link Counter#TOKEN_REFRESHES}
	 * @return the count
	 */
	public long calls(Counter counter) {
		return bean(SimulatorStats.class).get(counter);
	}

	/** Sets every call count back to 0. */
	public void resetCalls() {
		bean(SimulatorStats.class).reset();
	}

	/**
	 * Mints a grant as if the user had consented, without a browser: an app or job under
	 * test can be handed tokens directly. Nothing is counted.
	 * @param user the user's key, email or person id
	 * @param scopes what the grant allows, e.g. {@code spark:people_read}
	 * @return the tokens, with the lifetimes the settings give now
	 */
	public GrantedTokens issueTokens(String user, String... scopes) {
		Set<String> requested = new LinkedHashSet<>(List.of(scopes));
		if (requested.isEmpty() || !Scopes.allKnown(requested)) {
			throw new IllegalArgumentException(
					"Scopes must be one or more that Webex knows, e.g. " + Scopes.PEOPLE_READ + ", not " + requested);
		}
		IssuedTokens tokens = bean(TokenAuthority.class).issue(index(user), requested);
		return new GrantedTokens(tokens.accessToken(), tokens.refreshToken(), Duration.ofSeconds(tokens.expiresIn()),
				Duration.ofSeconds(tokens.refreshTokenExpiresIn()), Collections.unmodifiableSet(tokens.scopes()));
	}

	/**
	 * Signs a user in to an app under test through the OAuth authorization-code flow over
	 * real HTTP, as a browser would: opens {@code start} on the app, follows the app's
	 * redirects to this simulator's consent page, accepts as the user, and follows the
	 * callback and the app's redirects on its host. Redirects are followed by hand, never
	 * automatically across hosts; the app's cookies are kept, the simulator gets none.
	 * @param start where the app starts a sign-in, e.g.
	 * {@code http://127.0.0.1:8080/oauth2/authorization/webex}, or a page that redirects
	 * there
	 * @param user the user's key, email or person id
	 * @return where the app landed, and its cookies (the session)
	 * @throws IllegalStateException if the app does not send the browser to this
	 * simulator, or the simulator refuses the request (e.g. an unregistered redirect URI)
	 */
	public SignedIn signIn(URI start, String user) {
		String email = user(user).email();
		CookieManager cookies = new CookieManager();
		try (HttpClient app = client(cookies); HttpClient webex = client(null)) {
			Visit toWebex = follow(app, start);
			URI authorize = toWebex.next();
			if (authorize == null || authorize.getPort() != port() || !"/v1/authorize".equals(authorize.getPath())) {
				throw new IllegalStateException("The app did not send the browser to this simulator's "
						+ "authorization endpoint: " + describe(toWebex));
			}
			HttpResponse<String> consent = send(webex, HttpRequest.newBuilder(authorize).GET());
			if (consent.statusCode() != 200) {
				throw new IllegalStateException("The simulator refused the authorization request with "
						+ consent.statusCode() + refusal(consent) + " (is the app's redirect_uri registered? "
						+ "registerRedirectUri)");
			}
			Map<String, String> form = query(authorize);
			form.remove("login_hint");
			form.put("user", email);
			form.put("decision", "accept");
			HttpResponse<String> decision = send(webex,
					HttpRequest.newBuilder(authorize.resolve("/v1/authorize"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
			URI callback = location(decision);
			if (decision.statusCode() != 302 || callback == null || callback.getRawQuery() == null
					|| !query(callback).containsKey("code")) {
				throw new IllegalStateException("The simulator did not redirect back with a code: "
						+ decision.statusCode() + refusal(decision));
			}
			Visit landed = follow(app, callback);
			return new SignedIn(landed.uri(), landed.response().statusCode(), cookies.getCookieStore().getCookies());
		}
	}

	/**
	 * Signs a user in to an app under test; see {@link #signIn(URI, String)}.
	 * @param start where the app starts a sign-in
	 * @param user the user's key, email or person id
	 * @return where the app landed, and its cookies (the session)
	 */
	public SignedIn signIn(String start, String user) {
		return signIn(URI.create(start), user);
	}

	@Override
	public String toString() {
		ConfigurableApplicationContext running = this.context;
		return "WebexSimulator[" + ((running != null) ? baseUrl() : "not running") + "]";
	}

	/** The running simulator's Spring context, for this module's own tests. */
	ConfigurableApplicationContext context() {
		return running();
	}

	<T> T bean(Class<T> type) {
		return running().getBean(type);
	}

	private ConfigurableApplicationContext running() {
		ConfigurableApplicationContext running = this.context;
		if (running == null) {
			throw new IllegalStateException("The Webex simulator is not running: start() it first");
		}
		return running;
	}

	private int index(String user) {
		return bean(DemoDirectory.class).find(String.valueOf(user))
			.orElseThrow(() -> new IllegalArgumentException("No user '" + user + "' in the simulated Webex"));
	}

	private static HttpClient client(CookieManager cookies) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(TIMEOUT);
		if (cookies != null) {
			builder.cookieHandler(cookies);
		}
		return builder.build();
	}

	/**
	 * GETs {@code uri} and follows redirects as long as they stay on its scheme, host and
	 * port.
	 */
	private static Visit follow(HttpClient client, URI uri) {
		URI current = uri;
		for (int i = 0; i <= MAX_REDIRECTS; i++) {
			HttpResponse<String> response = send(client, HttpRequest.newBuilder(current).GET());
			URI next = (response.statusCode() / 100 == 3) ? location(response) : null;
			if (next == null || !sameOrigin(current, next)) {
				return new Visit(current, response, next);
			}
			current = next;
		}
		throw new IllegalStateException("More than " + MAX_REDIRECTS + " redirects from " + path(uri));
	}

	private static boolean sameOrigin(URI a, URI b) {
		return a.getScheme().equals(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
				&& a.getPort() == b.getPort();
	}

	private static URI location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.map((location) -> response.uri().resolve(location))
			.orElse(null);
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signing in", ex);
		}
	}

	/** A redirect's query parameters, decoded as the simulator decodes them. */
	private static Map<String, String> query(URI uri) {
		Map<String, String> params = new LinkedHashMap<>();
		String query = uri.getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				String name = (equals >= 0) ? pair.substring(0, equals) : pair;
				String value = (equals >= 0) ? pair.substring(equals + 1) : "";
				params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
						URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
		}
		return params;
	}

	private static String formBody(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** An OAuth error a redirect carries, never the code or state. */
	private static String refusal(HttpResponse<String> response) {
		URI location = location(response);
		String error = (location != null) ? query(location).get("error") : null;
		return (error != null) ? " (error=" + error + ")" : "";
	}

	private static String describe(Visit visit) {
		return visit.response().statusCode() + " from " + path(visit.uri())
				+ ((visit.next() != null) ? " redirecting to " + path(visit.next()) : "");
	}

	/**
	 * A URL without its query: those carry codes and states, which stay out of messages.
	 */
	private static String path(URI uri) {
		return uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath();
	}

	/**
	 * The end of a walk through one host.
	 *
	 * @param uri the last URL visited
	 * @param response its response
	 * @param next where it redirects off the host, {@code null} if it does not
	 */
	private record Visit(URI uri, HttpResponse<String> response, URI next) {
	}

	/** How to start a {@link WebexSimulator}. */
	public static final class Builder {

		private int port;

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * The port to listen on, on 127.0.0.1.
		 * @param port a port, or 0 (the default) for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("Not a port: " + port);
			}
			this.port = port;
			return this;
		}

		/** The Integration's client id ({@code simulator.client-id}). */
		public Builder clientId(String clientId) {
			return property("simulator.client-id", clientId);
		}

		/** The Integration's client secret ({@code simulator.client-secret}). */
		public Builder clientSecret(String clientSecret) {
			return property("simulator.client-secret", clientSecret);
		}

		/**
		 * The redirect URIs registered on the Integration from the start, instead of the
		 * defaults ({@code simulator.redirect-uris}); more can be registered while it
		 * runs.
		 */
		public Builder redirectUris(String... redirectUris) {
			return property("simulator.redirect-uris", List.of(redirectUris));
		}

		/**
		 * Any setting of the simulator ({@code simulator.*}, see
		 * {@link SimulatorProperties}; {@code server.*}, {@code logging.*}), as on its
		 * command line; collections become comma-separated lists.
		 * @param name e.g. {@code simulator.latency}
		 * @param value e.g. {@code 20ms} or {@code Duration.ofMillis(20)}
		 * @return this builder
		 */
		public Builder property(String name, Object value) {
			if ("server.address".equals(name)) {
				throw new IllegalArgumentException(
						"A WebexSimulator listens on " + LOOPBACK + " only; run the -exec jar to listen elsewhere");
			}
			if ("server.port".equals(name)) {
				return port(Integer.parseInt(String.valueOf(value)));
			}
			this.properties.put(name, value);
			return this;
		}

		/** A simulator to {@link WebexSimulator#start()} later. */
		public WebexSimulator build() {
			return new WebexSimulator(this.port, Collections.unmodifiableMap(new LinkedHashMap<>(this.properties)));
		}

		/** Builds and starts the simulator. */
		public WebexSimulator start() {
			return build().start();
		}

	}

}
