package com.example.webexoauth.system;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers every response carries (HSTS when the app is reached over https) and the
 * attributes of the session cookie, directly and behind a TLS-terminating proxy, trusted
 * or not.
 */
class SecurityHeadersTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	@TempDir
	static Path dataDir;

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static String session;

	@BeforeAll
	static void start() {
		session = Browser.signedInSession(app, ZOE);
	}

	@Test
	void everyKindOfResponseWhenRequestedThenCarriesTheSecurityHeaders() {
		Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
		responses.put("landing", AppHttp.get(app.url("/")));
		responses.put("granted page", signedIn("/"));
		responses.put("page behind login", signedIn("/spaces"));
		responses.put("profile", signedIn("/profile"));
		responses.put("page behind login, anonymous", AppHttp.get(app.url("/spaces")));
		responses.put("JSON API", signedIn("/api/me"));
		responses.put("JSON API, anonymous", AppHttp.get(app.url("/api/rooms")));
		responses.put("404", signedIn("/no-such-page"));
		responses.put("callback failure page", AppHttp.get(app.url("/oauth?code=abc&state=forged")));
		responses.put("sign-in failure page", AppHttp.get(app.url("/login/failed")));
		responses.put("403 without CSRF token", AppHttp.send("POST", app.url("/logout"), ""));
		responses.put("static CSS", AppHttp.get(app.url("/css/app.css")));
		responses.put("image", AppHttp.get(app.url("/images/logo.svg")));
		responses.put("start of sign-in", AppHttp.get(app.url("/oauth2/authorization/webex")));
		responses.put("health", AppHttp.get(app.url("/actuator/health")));
		responses.put("rejected by the firewall", AppHttp.get(app.url("/a/..;/b")));
		responses.put("rejected by the firewall, double slash", AppHttp.get(app.url("//evil.example")));
		responses.put("rejected by Tomcat", AppHttp.get(app.url("/%2F%2Fevil.example")));
		responses.put("rejected by Tomcat, NUL", AppHttp.get(app.url("/a%00b")));
		SimulatedWebex.simulator().settings().update(Map.of("failEveryNth", 1, "failStatus", 500));
		responses.put("Webex failure page", signedIn("/spaces"));
		responses.put("Webex failure JSON", signedIn("/api/rooms"));
		assertThat(responses).allSatisfy((what, response) -> assertSecurityHeaders(what, response));
		assertThat(responses).extractingByKeys("landing", "page behind login", "JSON API", "static CSS")
			.allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(responses.get("404").statusCode()).isEqualTo(404);
		assertThat(responses.get("callback failure page").statusCode()).isEqualTo(400);
		assertThat(responses.get("403 without CSRF token").statusCode()).isEqualTo(403);
		assertThat(responses.get("Webex failure page").statusCode()).isEqualTo(502);
		assertThat(responses).extractingByKeys("rejected by the firewall", "rejected by Tomcat")
			.allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(400));
	}

	@Test
	void strictTransportSecurityWhenRedirectUriIsPlainHttpThenNeverSent() {
		for (HttpResponse<String> response : List.of(AppHttp.get(app.url("/")), signedIn("/spaces"),
				AppHttp.get(app.url("/"), "X-Forwarded-Proto", "https"),
				AppHttp.get(app.url("/spaces"), "Cookie", "SESSION=" + session, "X-Forwarded-Proto", "https"),
				AppHttp.get(app.url("//evil.example"), "X-Forwarded-Proto", "https"))) {
			assertThat(response.headers().firstValue("Strict-Transport-Security")).as(response.uri().toString())
				.isEmpty();
		}
	}

	@Test
	void strictTransportSecurityWhenRedirectUriIsHttpsThenOneYearOnEveryResponse() {
		try (RunningApp https = RunningApp.start(SimulatedWebex.appPort(1), dataDir.resolve("https"),
				Map.of("webex.redirect-uri", "https://webex-oauth.example/oauth"))) {
			Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
			responses.put("landing, plain http from the proxy", AppHttp.get(https.url("/")));
			responses.put("landing, https", AppHttp.get(https.url("/"), "X-Forwarded-Proto", "https"));
			responses.put("page behind login", AppHttp.get(https.url("/spaces")));
			responses.put("JSON API", AppHttp.get(https.url("/api/me")));
			responses.put("404", AppHttp.get(https.url("/no-such-page")));
			responses.put("static CSS", AppHttp.get(https.url("/css/app.css")));
			responses.put("start of sign-in", AppHttp.get(https.url("/oauth2/authorization/webex")));
			responses.put("health", AppHttp.get(https.url("/actuator/health")));
			responses.put("rejected by the firewall", AppHttp.get(https.url("/a/..;/b")));
			responses.put("rejected by Tomcat", AppHttp.get(https.url("/%2F%2Fevil.example")));
			assertThat(responses).allSatisfy(
					(what, response) -> assertThat(response.headers().allValues("Strict-Transport-Security")).as(what)
						.containsExactly("max-age=31536000"));
		}
	}

	private static void assertSecurityHeaders(String what, HttpResponse<String> response) {
		String csp = response.headers().firstValue("Content-Security-Policy").orElse(null);
		assertThat(csp).as("CSP of %s (%d)", what, response.statusCode()).isNotNull();
		List<String> directives = Arrays.stream(csp.split(";")).map(String::trim).toList();
		String scriptSrc = directives.stream()
			.filter((directive) -> directive.startsWith("script-src "))
			.findFirst()
			.orElseGet(() -> directives.stream()
				.filter((directive) -> directive.startsWith("default-src "))
				.findFirst()
				.orElseThrow());
		assertThat(scriptSrc).as("script-src of %s", what).doesNotContain("'unsafe-inline'").doesNotContain("*");
		assertThat(directives).as("CSP of %s", what).contains("frame-ancestors 'none'");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).as("nosniff on %s", what)
			.hasValue("nosniff");
		assertThat(response.headers().firstValue("Referrer-Policy")).as("Referrer-Policy of %s", what)
			.hasValue("no-referrer");
	}

	@Test
	void sessionCookieWhenPlainHttpThenHttpOnlyLaxAndNotSecure() {
		HttpResponse<String> response = AppHttp.get(app.url("/oauth2/authorization/webex"));
		List<String> attributes = cookieAttributes(response);
		assertThat(attributes).contains("HttpOnly", "SameSite=Lax", "Path=/");
		assertThat(attributes).doesNotContain("Secure");
	}

	@Test
	void sessionCookieWhenTrustedProxySaysHttpsThenSecure() {
		HttpResponse<String> response = AppHttp.get(app.url("/oauth2/authorization/webex"), "X-Forwarded-Proto",
				"https");
		assertThat(cookieAttributes(response)).contains("Secure", "HttpOnly", "SameSite=Lax");
		HttpResponse<String> redirect = AppHttp.get(app.url("/spaces"), "X-Forwarded-Proto", "https");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getScheme()).isEqualTo("https");
	}

	@Test
	void sessionCookieWhenProxyIsNotTrustedThenForwardedProtoIsIgnored() {
		// The operator trusts only 10.9.9.9; the test's requests come from loopback.
		try (RunningApp untrusting = RunningApp.start(SimulatedWebex.appPort(1), dataDir.resolve("untrusting"),
				Map.of("WEBEX_TRUSTED_PROXIES", "10\\.9\\.9\\.9"))) {
			HttpResponse<String> response = AppHttp.get(untrusting.url("/oauth2/authorization/webex"),
					"X-Forwarded-Proto", "https");
			List<String> attributes = cookieAttributes(response);
			assertThat(attributes).contains("HttpOnly", "SameSite=Lax");
			assertThat(attributes).doesNotContain("Secure");
			HttpResponse<String> redirect = AppHttp.get(untrusting.url("/spaces"), "X-Forwarded-Proto", "https");
			assertThat(redirect.statusCode()).isEqualTo(302);
			URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
			assertThat(location.getScheme()).isEqualTo("http");
			assertThat(location.getPort()).isEqualTo(untrusting.port());
		}
	}

	private static List<String> cookieAttributes(HttpResponse<String> response) {
		String cookie = AppHttp.setCookie(response, "SESSION").orElseThrow();
		return Arrays.stream(cookie.split(";")).map(String::trim).toList();
	}

	private static HttpResponse<String> signedIn(String path) {
		return AppHttp.get(app.url(path), "Cookie", "SESSION=" + session);
	}

}
