package com.example.webexoauth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared JDBC session store through the real app: what a signed-in session keeps (as
 * JSON), what becomes of sessions stored before that, and when its last-access time is
 * written. Time passing is simulated by moving the stored times back.
 */
class SessionStoreTests {

	static final String ZOE = "zoe@example.com";

	static final Duration TIMEOUT = Duration.ofHours(8);

	static final String CSRF_TOKEN = HttpSessionCsrfTokenRepository.class.getName() + ".CSRF_TOKEN";

	static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		jdbc = app.bean(JdbcTemplate.class);
	}

	@Test
	void securityContextWhenSignedInThenStoredWithoutThePersonsOtherDetails() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String stored = new String(securityContext(browser.cookie("SESSION")), StandardCharsets.UTF_8);
			assertThat(stored).contains("displayName", "Zoë Ångström");
			assertThat(stored).doesNotContain(ZOE, "avatar", "orgId", "nickName", "OAuth2UserAuthority");
			HtmlPage home = browser.page(app.url("/"));
			assertThat(home.querySelector("h1").getTextContent()).isEqualTo("Access granted, Zoë Ångström");
		}
	}

	@Test
	void sessionAttributesWhenStoredThenJsonNamingTheirClasses() {
		try (Browser browser = new Browser()) {
			browser.signInUntilCallback(app, ZOE);
			String pending = new String(attribute(browser.cookie("SESSION"), "%PendingAuthorizationRequests.%"),
					StandardCharsets.UTF_8);
			assertThat(json.readTree(pending).path("@class").asString())
				.endsWith("PendingAuthorizationRequests$Pending");
			assertThat(json.readTree(pending).path("request").path("@class").asString())
				.isEqualTo(OAuth2AuthorizationRequest.class.getName());
		}
		String session = Browser.signedInSession(app, ZOE);
		JsonNode context = json.readTree(securityContext(session));
		assertThat(context.path("@class").asString()).isEqualTo(SecurityContextImpl.class.getName());
		assertThat(context.path("authentication").path("@class").asString())
			.isEqualTo(OAuth2AuthenticationToken.class.getName());
	}

	@Test
	void sessionWhenStoredBeforeSessionsWereJsonThenSignedOutWithoutErrorAndSigningInAgainWorks() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String session = browser.cookie("SESSION");
			String principal = jdbc.queryForObject("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = ?",
					String.class, id(session));
			// what the version before stored: the same user and a CSRF token,
			// Java-serialized
			DefaultOAuth2User user = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
					Map.of("id", principal, "displayName", "Zoë Ångström"), "id");
			SecurityContextImpl old = new SecurityContextImpl(
					new OAuth2AuthenticationToken(user, user.getAuthorities(), "webex"));
			storeAttribute(session, "SPRING_SECURITY_CONTEXT", new SerializingConverter().convert(old));
			storeAttribute(session, CSRF_TOKEN,
					new SerializingConverter().convert(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "old-token")));

			HttpResponse<String> spaces = AppHttp.get(app.url("/spaces"), "Cookie", "SESSION=" + session);
			assertThat(spaces.statusCode()).isEqualTo(302);
			assertThat(URI.create(spaces.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
			assertThat(AppHttp.get(app.url("/api/me"), "Cookie", "SESSION=" + session).statusCode()).isEqualTo(401);
			assertThat(AppHttp
				.send("POST", app.url("/logout"), "_csrf=old-token", "Cookie", "SESSION=" + session, "Content-Type",
						"application/x-www-form-urlencoded")
				.statusCode()).isEqualTo(403);

			HtmlPage landing = browser.page(app.url("/spaces"));
			assertThat(landing.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(landing.getUrl().getPath()).isEqualTo("/");
			HtmlPage consent = click(landing.getHtmlElementById("grant"));
			Browser.chooseUser(consent, ZOE);
			HtmlPage back = Browser.press(consent, "Accept");
			assertThat(back.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(back.getUrl().getPath()).isEqualTo("/spaces");
			assertThat(json.readTree(securityContext(browser.cookie("SESSION"))).path("@class").asString())
				.isEqualTo(SecurityContextImpl.class.getName());
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

	@Test
	void sessionWhenAPageOrJsonIsServedThenReadFromTheDatabaseOncePerRequest() {
		String session = Browser.signedInSession(app, ZOE);
		// H2's statistics per statement, reset by switching them off
		jdbc.execute("SET QUERY_STATISTICS FALSE");
		jdbc.execute("SET QUERY_STATISTICS TRUE");
		try {
			assertThat(home(session)).isEqualTo(200);
			assertThat(AppHttp.get(app.url("/spaces"), "Cookie", "SESSION=" + session).statusCode()).isEqualTo(200);
			assertThat(AppHttp.get(app.url("/api/rooms"), "Cookie", "SESSION=" + session).statusCode()).isEqualTo(200);
			Long sessionLoads = jdbc.queryForObject("""
					SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS
					WHERE SQL_STATEMENT LIKE '%FROM SPRING_SESSION S%WHERE S.SESSION_ID = ?%'
					""", Long.class);
			assertThat(sessionLoads).isEqualTo(3);
		}
		finally {
			jdbc.execute("SET QUERY_STATISTICS FALSE");
		}
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

	private static byte[] attribute(String session, String namePattern) {
		return jdbc.queryForObject("""
				SELECT A.ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES A
				JOIN SPRING_SESSION S ON A.SESSION_PRIMARY_ID = S.PRIMARY_ID
				WHERE S.SESSION_ID = ? AND A.ATTRIBUTE_NAME LIKE ?
				""", byte[].class, id(session), namePattern);
	}

	private static void storeAttribute(String session, String name, byte[] bytes) {
		String primaryId = jdbc.queryForObject("SELECT PRIMARY_ID FROM SPRING_SESSION WHERE SESSION_ID = ?",
				String.class, id(session));
		jdbc.update("DELETE FROM SPRING_SESSION_ATTRIBUTES WHERE SESSION_PRIMARY_ID = ? AND ATTRIBUTE_NAME = ?",
				primaryId, name);
		jdbc.update("INSERT INTO SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)"
				+ " VALUES (?, ?, ?)", primaryId, name, bytes);
	}

	private static HtmlPage click(HtmlElement element) {
		try {
			return element.click();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
