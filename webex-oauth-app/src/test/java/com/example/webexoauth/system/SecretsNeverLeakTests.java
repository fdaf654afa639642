package com.example.webexoauth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.example.webex.simulator.WebexSimulator;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorSettings;
import com.example.webex.simulator.SimulatorStats.Counter;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs everything a user and Webex can make the app do, with debug logging on (and once
 * more with everything at trace), and checks that no token, authorization code, client
 * secret or session id shows up in a log line, a response body or a response header
 * (other than the {@code Set-Cookie} that delivers the session cookie).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTests {

	static final String ZOE = "zoe@example.com";

	static final String RAHUL = "rahul@example.com";

	static final List<String> DEBUG_LOGGERS = List.of("com.example.webexoauth", "com.example.webex",
			"org.springframework.security", "org.springframework.web");

	/**
	 * The simulator listens on an automatic port: its request threads are
	 * http-nio-auto-1-exec-N.
	 */
	static final Pattern SIMULATOR_THREAD = Pattern.compile("auto-\\d+-exec-\\d+\\]");

	static final int PREFIX_LENGTH = 16;

	static final String TEST_BROWSER_HTTP = "org.apache.http";

	@TempDir
	Path dataDir;

	/** Secret value to what it is, for the failure message. */
	private final Map<String, String> secrets = new LinkedHashMap<>();

	private final List<Recorded> responses = Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void resetLoggingAndSimulator() {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		DEBUG_LOGGERS.forEach((name) -> logging.setLogLevel(name, null));
		logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
		logging.setLogLevel(TEST_BROWSER_HTTP, null);
		SimulatedWebex.simulator().settings().reset();
	}

	@Test
	void wholeFlowWhenLoggedAtDebugThenNoSecretIsLoggedRenderedOrSentInAHeader(CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>();
		DEBUG_LOGGERS.forEach((name) -> properties.put("logging.level." + name, "DEBUG"));
		wholeFlow(properties);
		// debug logging was really on for the app, Spring Security and Spring MVC
		assertThat(output.getAll()).containsPattern("DEBUG .*WebexCallLog")
			.containsPattern("DEBUG .*DefaultRedirectStrategy")
			.containsPattern("DEBUG .*DispatcherServlet");
		assertNoSecretIn(output.getAll().lines().toList());
		assertNoSecretInResponses();
	}

	/**
	 * Everything at TRACE, as an operator chasing a problem might set it: only the
	 * loggers pinned in {@code application.properties} stay quiet, among them Apache
	 * HttpClient's header and wire logs, which would print every
	 * {@code Authorization: Bearer} header and the token endpoint's bodies.
	 */
	@Test
	void wholeFlowWhenRootLoggerAtTraceThenNoSecretIsLoggedRenderedOrSentInAHeader(CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.level.root", "TRACE");
		// The test's own browser (HtmlUnit on HttpClient 4) is not the app: its wire log
		// would show the cookies it sends and the pages it gets.
		properties.put("logging.level." + TEST_BROWSER_HTTP, "WARN");
		wholeFlow(properties);
		// really on for the app (which logs nothing finer than DEBUG), Spring Security,
		// Tomcat and the HTTP client to Webex
		assertThat(output.getAll()).containsPattern("DEBUG .*WebexCallLog ")
			.containsPattern("TRACE .*OAuth2LoginAuthenticationFilter")
			.containsPattern("DEBUG .*NioEndpoint")
			.containsPattern("DEBUG .*InternalHttpClient");
		assertNoSecretIn(output.getAll().lines().toList());
		assertNoSecretInResponses();
	}

	private void wholeFlow(Map<String, Object> levels) {
		Map<String, Object> properties = new LinkedHashMap<>(levels);
		properties.put("webex.http.max-attempts", 2);
		properties.put("webex.http.backoff", "10ms");
		secrets.put(SimulatedWebex.CLIENT_SECRET, "client secret");
		WebexSimulator webex = SimulatedWebex.simulator();
		try (RunningApp app = RunningApp.start(SimulatedWebex.appPort(0), this.dataDir, properties);
				Browser zoe = recording(new Browser(), app);
				Browser rahul = recording(new Browser(), app)) {
			// two users sign in
			URI zoeCallback = zoe.signInUntilCallback(app, ZOE);
			secret(code(zoeCallback), "Zoë's authorization code");
			sessions(zoe);
			HtmlPage zoeGranted = zoe.page(zoeCallback.toString());
			assertThat(zoeGranted.getWebResponse().getStatusCode()).isEqualTo(200);
			URI rahulCallback = rahul.signInUntilCallback(app, RAHUL);
			secret(code(rahulCallback), "Rahul's authorization code");
			assertThat(rahul.page(rahulCallback.toString()).getWebResponse().getStatusCode()).isEqualTo(200);
			collect(app, zoe, rahul);

			// pages and JSON
			for (String path : List.of("/", "/spaces", "/spaces?type=group&q=team", "/profile", "/api/me",
					"/api/rooms?sortBy=title")) {
				assertThat(zoe.get(app.url(path)).getWebResponse().getStatusCode()).as(path).isEqualTo(200);
				assertThat(rahul.get(app.url(path)).getWebResponse().getStatusCode()).as(path).isEqualTo(200);
			}

			// a proactive refresh: Zoë's access token is about to expire
			long refreshes = webex.calls(Counter.TOKEN_REFRESHES);
			app.bean(JdbcTemplate.class)
				.update("UPDATE webex_grant SET access_token_expires_at = ? WHERE principal_name = ?",
						Timestamp.from(Instant.now().plusSeconds(30)), principal(app, 0));
			assertThat(zoe.get(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(refreshes + 1);
			collect(app, zoe, rahul);

			// a reactive refresh: Webex says 401 to Rahul's access token
			SimulatedWebex.simulator().expireAccessTokens(RAHUL);
			assertThat(rahul.get(app.url("/api/rooms")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(refreshes + 2);
			collect(app, zoe, rahul);

			// Webex failing: 503 on every call, then rate limiting
			SimulatorSettings settings = SimulatedWebex.simulator().settings();
			settings.update(Map.of("failEveryNth", 1, "failStatus", 503));
			assertThat(zoe.get(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(502);
			assertThat(zoe.get(app.url("/api/me")).getWebResponse().getStatusCode()).isEqualTo(502);
			settings.reset();
			settings.update(Map.of("rateLimitEveryNth", 1, "retryAfter", "1s"));
			assertThat(rahul.get(app.url("/profile")).getWebResponse().getStatusCode()).isEqualTo(503);
			assertThat(rahul.get(app.url("/api/rooms")).getWebResponse().getStatusCode()).isEqualTo(503);
			settings.reset();

			// bad callbacks: a tampered state, a replayed code, a replayed callback, a
			// refusal
			try (Browser mallory = recording(new Browser(), app)) {
				URI callback = mallory.signInUntilCallback(app, ZOE);
				secret(code(callback), "authorization code of the tampered callback");
				sessions(mallory);
				String tampered = UriComponentsBuilder.fromUri(callback)
					.replaceQueryParam("state", "forged")
					.toUriString();
				assertThat(mallory.get(tampered).getWebResponse().getStatusCode()).isEqualTo(400);
				WebResponse restart = mallory.getWithoutRedirect(app.url("/oauth2/authorization/webex"));
				String freshState = UriComponentsBuilder.fromUriString(restart.getResponseHeaderValue("Location"))
					.build()
					.getQueryParams()
					.getFirst("state");
				assertThat(mallory.get(app.url("/oauth?code=" + code(zoeCallback) + "&state=" + freshState))
					.getWebResponse()
					.getStatusCode()).isEqualTo(400);
				assertThat(mallory.get(zoeCallback.toString()).getWebResponse().getStatusCode()).isEqualTo(400);
				HtmlPage consent = mallory.openConsent(app);
				Browser.chooseUser(consent, ZOE);
				HtmlPage declined = Browser.press(consent, "Decline");
				assertThat(declined.getWebResponse().getStatusCode()).isEqualTo(403);
				sessions(mallory);
			}
			collect(app, zoe, rahul);

			// Zoë signs out, Rahul disconnects
			HtmlPage zoeHome = zoe.page(app.url("/"));
			HtmlPage signedOut = click(zoeHome.getFirstByXPath("//form[@action='/logout']/button"));
			assertThat(signedOut.getElementById("grant")).isNotNull();
			HtmlPage profile = rahul.page(app.url("/profile"));
			HtmlPage disconnected = click(profile.getHtmlElementById("disconnect"));
			assertThat(disconnected.getElementById("grant")).isNotNull();
			sessions(zoe);
			sessions(rahul);
		}
		this.responses.forEach((response) -> sessionCookies(response));
		assertThat(this.secrets).hasSizeGreaterThan(10);
	}

	/**
	 * No line shows a secret; no line of the app (the simulator stands in for Webex,
	 * whose logs are not ours) shows even the start of one, as debug output truncated to
	 * a hundred characters would.
	 */
	private void assertNoSecretIn(List<String> logLines) {
		List<String> leaks = new ArrayList<>();
		for (String line : logLines) {
			boolean simulator = SIMULATOR_THREAD.matcher(line).find();
			this.secrets.forEach((secret, what) -> {
				String start = secret.substring(0, PREFIX_LENGTH);
				if (line.contains(secret) || (!simulator && line.contains(start))) {
					leaks.add(what + " in: " + line.replace(secret, "<" + what + ">").replace(start, "<" + what + ">"));
				}
			});
		}
		assertThat(leaks).as("log lines with a secret").isEmpty();
	}

	private void assertNoSecretInResponses() {
		List<String> leaks = new ArrayList<>();
		synchronized (this.responses) {
			for (Recorded response : this.responses) {
				this.secrets.forEach((secret, what) -> {
					if (response.body().contains(secret)) {
						leaks.add(what + " in the body of " + response.url());
					}
					for (NameValuePair header : response.headers()) {
						boolean deliversSession = header.getName().equalsIgnoreCase("Set-Cookie")
								&& header.getValue().startsWith("SESSION=" + secret + ";");
						if (header.getValue().contains(secret) && !deliversSession) {
							leaks.add(what + " in header " + header.getName() + " of " + response.url());
						}
					}
				});
			}
		}
		assertThat(leaks).as("responses with a secret").isEmpty();
		assertThat(this.responses).hasSizeGreaterThan(30);
	}

	/** Every token in the vault right now. */
	private void collect(RunningApp app, Browser... browsers) {
		OAuth2AuthorizedClientService clients = app.bean(OAuth2AuthorizedClientService.class);
		for (String principal : principals(app)) {
			OAuth2AuthorizedClient client = clients.loadAuthorizedClient("webex", principal);
			if (client != null) {
				secret(client.getAccessToken().getTokenValue(), "access token");
				if (client.getRefreshToken() != null) {
					secret(client.getRefreshToken().getTokenValue(), "refresh token");
				}
			}
		}
		for (Browser browser : browsers) {
			sessions(browser);
		}
	}

	private void sessions(Browser browser) {
		String session = browser.cookie("SESSION");
		if (session != null) {
			sessionId(session);
		}
	}

	private void sessionCookies(Recorded response) {
		for (NameValuePair header : response.headers()) {
			if (header.getName().equalsIgnoreCase("Set-Cookie") && header.getValue().startsWith("SESSION=")) {
				String value = header.getValue().substring("SESSION=".length(), header.getValue().indexOf(';'));
				if (!value.isEmpty()) {
					sessionId(value);
				}
			}
		}
	}

	private void sessionId(String cookieValue) {
		secret(cookieValue, "session cookie");
		secret(new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.UTF_8), "session id");
	}

	private void secret(String value, String what) {
		assertThat(value).as(what).hasSizeGreaterThan(PREFIX_LENGTH);
		this.secrets.putIfAbsent(value, what);
	}

	private static List<String> principals(RunningApp app) {
		return app.bean(JdbcTemplate.class)
			.queryForList("SELECT principal_name FROM webex_grant ORDER BY created_at", String.class);
	}

	private static String principal(RunningApp app, int index) {
		return principals(app).get(index);
	}

	private static String code(URI callback) {
		return UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code");
	}

	private static HtmlPage click(HtmlButton button) {
		try {
			return button.click();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Records every response the app sends this browser (not the simulator's). */
	private Browser recording(Browser browser, RunningApp app) {
		new WebConnectionWrapper(browser.client()) {

			@Override
			public WebResponse getResponse(WebRequest request) throws IOException {
				WebResponse response = super.getResponse(request);
				URL url = request.getUrl();
				if (url.getPort() == app.port()) {
					SecretsNeverLeakTests.this.responses.add(
							new Recorded(url.toString(), response.getResponseHeaders(), response.getContentAsString()));
				}
				return response;
			}

		};
		return browser;
	}

	/** One response of the app. */
	record Recorded(String url, List<NameValuePair> headers, String body) {

		Recorded {
			body = (body != null) ? body : "";
		}

	}

}
