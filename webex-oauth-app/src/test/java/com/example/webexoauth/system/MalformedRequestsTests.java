package com.example.webexoauth.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests {@link FuzzTests} found answered with a 500, one by one: each now gets a
 * 4xx (or is served as if the oddity were absent).
 */
class MalformedRequestsTests {

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static String session;

	@BeforeAll
	static void start() {
		session = Browser.signedInSession(app, "zoe@example.com");
	}

	@Test
	void requestWhenMultipartBodyIsUnreadableThenIgnoredBecauseNothingTakesUploads() {
		HttpResponse<String> spaces = AppHttp.send("GET", app.url("/spaces"), "--x\r\ngarbage", "Cookie",
				"SESSION=" + session, "Content-Type", "multipart/form-data; boundary=other");
		assertThat(spaces.statusCode()).isEqualTo(200);
		HttpResponse<String> landing = AppHttp.send("OPTIONS", app.url("/"), "garbage", "Content-Type",
				"multipart/form-data");
		assertThat(landing.statusCode()).isEqualTo(200);
	}

	@Test
	void putWhenFormBodyIsUndecodableThenForbiddenForWantOfCsrfToken() {
		HttpResponse<String> response = AppHttp.send("PUT", app.url("/spaces"), "q=%FF%C3%28&_csrf=%uD800", "Cookie",
				"SESSION=" + session, "Content-Type", "application/x-www-form-urlencoded");
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void requestWhenParametersAreUndecodableThenBadRequestWithSecurityHeaders() throws IOException {
		for (String path : new String[] { "/spaces?q=%FF", "/api/rooms?q=%C3%28",
				"/oauth2/authorization/webex?x=%ED%A0%80", "/oauth?code=a&state=%FF", "/?type=%E2%82" }) {
			HttpResponse<String> response = AppHttp.get(app.url(path), "Cookie", "SESSION=" + session);
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
		}
		// %uD800 is no percent-encoding at all: the JDK client refuses to send it
		assertThat(rawStatusLine("GET /error?redirect_uri=%uD800 HTTP/1.1")).contains(" 400 ");
		assertThat(rawStatusLine("GET /spaces?q=%uD800 HTTP/1.1")).contains(" 400 ");
	}

	@Test
	void signInStartWhenRegistrationIsUnknownThenLikeAnyUnknownPage() {
		for (String path : new String[] { "/oauth2/authorization/other", "/oauth2/authorization/webex.json" }) {
			assertThat(AppHttp.get(app.url(path), "Cookie", "SESSION=" + session).statusCode()).as(path).isEqualTo(404);
			HttpResponse<String> anonymous = AppHttp.get(app.url(path));
			assertThat(anonymous.statusCode()).as(path).isEqualTo(302);
			assertThat(URI.create(anonymous.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
		}
		assertThat(AppHttp.get(app.url("/oauth2/authorization/webex")).statusCode()).isEqualTo(302);
	}

	@Test
	void errorPageWhenRequestedDirectlyThenRefused() {
		assertThat(AppHttp.get(app.url("/error")).statusCode()).isEqualTo(302);
		assertThat(AppHttp.get(app.url("/error"), "Cookie", "SESSION=" + session).statusCode()).isEqualTo(403);
		// the error page itself still renders for real errors, signed in or not
		assertThat(AppHttp.get(app.url("/no-such-page"), "Cookie", "SESSION=" + session).statusCode()).isEqualTo(404);
		assertThat(AppHttp.get(app.url("/login/failed")).body()).contains("Sign-in did not complete");
	}

	@Test
	void actuatorWhenForwardedForIsNoAddressThenRefusedWithoutError() {
		for (String forwardedFor : new String[] { "garbage", "999.1.1.1", "a.example", "::1::" }) {
			HttpResponse<String> response = AppHttp.get(app.url("/actuator/prometheus"), "X-Forwarded-For",
					forwardedFor);
			assertThat(response.statusCode()).as(forwardedFor).isEqualTo(302);
		}
		// through a proxy even a loopback client is refused (OperationsTests); without
		// one, served
		assertThat(AppHttp.get(app.url("/actuator/prometheus"), "X-Forwarded-For", "127.0.0.1").statusCode())
			.isEqualTo(302);
		assertThat(AppHttp.get(app.url("/actuator/prometheus")).statusCode()).isEqualTo(200);
	}

	@Test
	void apiErrorWhenClientAcceptsNoJsonThenStillTheJsonError() {
		HttpResponse<String> response = AppHttp.get(app.url("/api/rooms?q=" + "A".repeat(201)), "Cookie",
				"SESSION=" + session, "Accept", "image/png");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains("\"error\":\"invalid_request\"");
	}

	private static String rawStatusLine(String requestLine) throws IOException {
		try (Socket socket = new Socket("localhost", app.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: localhost\r\nCookie: SESSION=" + session
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return response.lines().findFirst().orElse("") + " ";
		}
	}

}
