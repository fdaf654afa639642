package com.example.webexoauth.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared JDBC session store through the real app: what a signed-in session keeps, and
 * when its last-access time is written. Time passing is simulated by moving the stored times
 * back.
 */
class SessionStoreTests {

	static final String ZOE = "zoe@example.com";

	static final Duration TIMEOUT = Duration.ofHours(8);

	@TempDir
	static Path dataDir;

	static RunningApp app;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		app = RunningApp.start(SimulatedWebex.appPort(0), dataDir, Map.of());
		jdbc = app.bean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void securityContextWhenSignedInThenStoredWithoutThePersonsOtherDetails() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			// Java serialization writes strings as (modified) UTF-8
			String stored = new String(securityContext(browser.cookie("SESSION")), StandardCharsets.UTF_8);
			assertThat(stored).contains("displayName", "Zoë Ångström");
			assertThat(stored).doesNotContain(ZOE, "avatar", "orgId", "nickName", "OAuth2UserAuthority");
			HtmlPage home = browser.page(app.url("/"));
			assertThat(home.querySelector("h1").getTextContent()).isEqualTo("Access granted, Zoë Ångström");
		}
	}

	@Test
	void principalIndexWhenSignedInThenFindsTheSession() {
		String session = Browser.signedInSession(app, ZOE);
		String principal = jdbc.queryForObject("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = ?",
				String.class, id(session));
		assertThat(principal).isNotBlank().isNotEqualTo(ZOE);
		FindByIndexNameSessionRepository<?> sessions = app.bean(FindByIndexNameSessionRepository.class);
		assertThat(sessions).isInstanceOf(WriteSparingSessionRepository.class);
		assertThat(sessions.findByPrincipalName(principal)).containsKey(id(session));
	}

	@Test
	void sessionRepositoryWhenStartedThenTheJdbcOneRunsWithoutTransactionsAndBootsTemplateStays() {
		Object sessions = app.bean(FindByIndexNameSessionRepository.class);
		Object jdbcSessions = ReflectionTestUtils.getField(sessions, "delegate");
		assertThat(jdbcSessions).isInstanceOf(JdbcIndexedSessionRepository.class);
		assertThat(ReflectionTestUtils.getField(jdbcSessions, "transactionOperations"))
			.isSameAs(TransactionOperations.withoutTransaction());
		assertThat(app.bean(TransactionOperations.class)).isInstanceOf(TransactionTemplate.class);
	}

	@Test
	void lastAccessTimeWhenRequestsFollowWithinAMinuteThenNotWrittenAndExpiryUnchanged() {
		String session = Browser.signedInSession(app, ZOE);
		Stored before = stored(session);
		for (int i = 0; i < 3; i++) {
			assertThat(home(session)).isEqualTo(200);
		}
		assertThat(stored(session)).isEqualTo(before);
	}

	@Test
	void lastAccessTimeWhenLastWrittenOverAMinuteAgoThenWrittenAndExpiryExtended() {
		String session = Browser.signedInSession(app, ZOE);
		moveBack(session, Duration.ofMinutes(2));
		Instant request = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		assertThat(home(session)).isEqualTo(200);
		Stored after = stored(session);
		assertThat(after.lastAccess()).isAfterOrEqualTo(request);
		assertThat(after.expiry()).isEqualTo(after.lastAccess().plus(TIMEOUT));
	}

	@Test
	void sessionWhenLastWrittenLongerThanTheTimeoutAgoThenSignedOut() {
		String session = Browser.signedInSession(app, ZOE);
		assertThat(AppHttp.get(app.url("/api/rooms"), "Cookie", "SESSION=" + session).statusCode()).isEqualTo(200);
		moveBack(session, TIMEOUT.plusSeconds(1));
		assertThat(AppHttp.get(app.url("/api/rooms"), "Cookie", "SESSION=" + session).statusCode()).isEqualTo(401);
	}

	private static int home(String session) {
		return AppHttp.get(app.url("/"), "Cookie", "SESSION=" + session).statusCode();
	}

	private static byte[] securityContext(String session) {
		return jdbc.queryForObject("""
				SELECT A.ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES A
				JOIN SPRING_SESSION S ON A.SESSION_PRIMARY_ID = S.PRIMARY_ID
				WHERE S.SESSION_ID = ? AND A.ATTRIBUTE_NAME = 'SPRING_SECURITY_CONTEXT'
				""", byte[].class, id(session));
	}

	private static Stored stored(String session) {
		return jdbc.queryForObject("SELECT LAST_ACCESS_TIME, EXPIRY_TIME FROM SPRING_SESSION WHERE SESSION_ID = ?",
				(row, number) -> new Stored(Instant.ofEpochMilli(row.getLong(1)), Instant.ofEpochMilli(row.getLong(2))),
				id(session));
	}

	/** As if the session's last write had happened {@code by} earlier. */
	private static void moveBack(String session, Duration by) {
		jdbc.update("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - ?, EXPIRY_TIME = EXPIRY_TIME - ?"
				+ " WHERE SESSION_ID = ?", by.toMillis(), by.toMillis(), id(session));
	}

	private static String id(String sessionCookie) {
		return new String(Base64.getDecoder().decode(sessionCookie), StandardCharsets.UTF_8);
	}

	record Stored(Instant lastAccess, Instant expiry) {
	}

}
