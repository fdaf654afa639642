package com.example.webexoauth.login;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What anonymous traffic leaves in the session table: nothing for page views, and for
 * started sign-ins that never complete, sessions that end with the time a sign-in may
 * take. Counted in {@code SPRING_SESSION} of the real app; the passing of time is
 * simulated by moving the stored times back and running Spring Session's own cleanup.
 */
class AnonymousTrafficTests {

	static final String ZOE = "zoe@example.com";

	static final Duration SIGN_IN_TIME = Duration.ofMinutes(10);

	static final Duration SIGNED_IN_TIME = Duration.ofHours(8);

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		jdbc = app.bean(JdbcTemplate.class);
	}

	@BeforeEach
	void noSessions() {
		jdbc.update("DELETE FROM SPRING_SESSION");
	}

	@Test
	void pagesWhenRequestedAnonymouslyThenNoSessionIsStored() {
		for (int i = 0; i < 2000; i++) {
			HttpResponse<String> spaces = AppHttp.get(app.url("/spaces?type=group&q=team" + i));
			assertThat(spaces.statusCode()).isEqualTo(302);
			assertThat(AppHttp.setCookie(spaces, "SESSION")).isEmpty();
			if (i % 20 == 0) {
				// the landing page the browser is sent to, and the other ways in
				URI landing = URI.create(spaces.headers().firstValue("Location").orElseThrow());
				List<HttpResponse<String>> others = List.of(AppHttp.get(landing.toString()),
						AppHttp.get(app.url("/profile")), AppHttp.get(app.url("/api/rooms")), AppHttp.get(app.url("/")),
						AppHttp.get(app.url("/oauth?code=x&state=y")), AppHttp.send("POST", app.url("/logout"), ""),
						AppHttp.send("POST", app.url("/disconnect"), ""));
				assertThat(others).extracting(HttpResponse::statusCode)
					.containsExactly(200, 302, 401, 200, 400, 403, 403);
				assertThat(others)
					.allSatisfy((response) -> assertThat(AppHttp.setCookie(response, "SESSION")).isEmpty());
			}
		}
		assertThat(sessionRows()).isZero();
	}

	@Test
	void signInStartWhenNeverCompletedThenItsSessionEndsWithinTheSignInTime() {
		List<String> started = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			HttpResponse<String> start = AppHttp.get(app.url("/oauth2/authorization/webex"));
			assertThat(start.statusCode()).isEqualTo(302);
			started.add(id(AppHttp.cookieValue(start, "SESSION").orElseThrow()));
		}
		assertThat(sessionRows()).isEqualTo(500);
		assertThat(jdbc.queryForList("SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION", Integer.class))
			.containsOnly((int) SIGN_IN_TIME.toSeconds());
		assertThat(jdbc.queryForObject("SELECT MAX(EXPIRY_TIME - LAST_ACCESS_TIME) FROM SPRING_SESSION", Long.class))
			.isEqualTo(SIGN_IN_TIME.toMillis());

		// A sign-in that completes keeps its session, now for as long as a signed-in one
		// lasts.
		String zoe;
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			zoe = id(browser.cookie("SESSION"));
		}
		assertThat(maxInactiveInterval(zoe)).isEqualTo(SIGNED_IN_TIME);

		// Ten minutes and a second later, Spring Session's cleanup job runs.
		moveEverySessionBack(SIGN_IN_TIME.plusSeconds(1));
		cleanUpExpiredSessions();
		assertThat(jdbc.queryForList("SELECT SESSION_ID FROM SPRING_SESSION", String.class)).containsExactly(zoe)
			.doesNotContainAnyElementsOf(started);
		assertThat(AppHttp.get(app.url("/spaces"), "Cookie", "SESSION=" + cookie(zoe)).statusCode()).isEqualTo(200);
	}

	@Test
	void signInStartWhenAlreadySignedInThenTheSessionKeepsItsLifetime() {
		String session = Browser.signedInSession(app, ZOE);
		HttpResponse<String> again = AppHttp.get(app.url("/oauth2/authorization/webex"), "Cookie",
				"SESSION=" + session);
		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(maxInactiveInterval(id(session))).isEqualTo(SIGNED_IN_TIME);
	}

	private static int sessionRows() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION", Integer.class);
	}

	private static Duration maxInactiveInterval(String sessionId) {
		return Duration.ofSeconds(jdbc.queryForObject(
				"SELECT MAX_INACTIVE_INTERVAL FROM SPRING_SESSION WHERE SESSION_ID = ?", Integer.class, sessionId));
	}

	private static void moveEverySessionBack(Duration by) {
		jdbc.update("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - ?, EXPIRY_TIME = EXPIRY_TIME - ?",
				by.toMillis(), by.toMillis());
	}

	/**
	 * What Spring Session's cleanup cron ({@code spring.session.jdbc.cleanup-cron}) runs.
	 */
	private static void cleanUpExpiredSessions() {
		Object sessions = app.bean(FindByIndexNameSessionRepository.class);
		((JdbcIndexedSessionRepository) ReflectionTestUtils.getField(sessions, "delegate")).cleanUpExpiredSessions();
	}

	private static String id(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
	}

	private static String cookie(String id) {
		return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
	}

}
