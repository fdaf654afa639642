package com.example.webexoauth.vault;

import com.example.webex.client.WebexProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import com.example.webexoauth.RunningApp;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * A running app's database seen from behind its back: who a session belongs to, the
 * refresh token a grant holds, and grants moved through time the way weeks of real use
 * would move them.
 */
final class AppDatabase {

	private final JdbcTemplate jdbc;

	private final OAuth2AuthorizedClientService grants;

	AppDatabase(RunningApp app) {
		this.jdbc = app.bean(JdbcTemplate.class);
		this.grants = app.bean(OAuth2AuthorizedClientService.class);
	}

	/** The principal (Webex person id) of the session a {@code SESSION} cookie names. */
	String principalOf(String sessionCookie) {
		String sessionId = new String(Base64.getDecoder().decode(sessionCookie), StandardCharsets.UTF_8);
		List<String> principals = this.jdbc
			.queryForList("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = ?", String.class, sessionId);
		if (principals.size() != 1 || principals.get(0) == null) {
			throw new IllegalStateException("No signed-in session for this cookie: " + principals);
		}
		return principals.get(0);
	}

	/**
	 * Makes the stored access token look expired to the app: issued fourteen days and a
	 * minute ago, as Webex issues them, so it expired a minute ago.
	 */
	void expireAccessToken(String principal) {
		Instant expiredAt = Instant.now().minus(Duration.ofMinutes(1));
		update("UPDATE webex_grant SET access_token_issued_at = ?, access_token_expires_at = ?"
				+ " WHERE principal_name = ?", at(expiredAt.minus(Duration.ofDays(14))), at(expiredAt), principal);
	}

	/**
	 * Makes the grant look obtained {@code age} ago, with its refresh token expiring in
	 * {@code refreshLeft}.
	 */
	void age(String principal, Duration age, Duration refreshLeft) {
		Instant now = Instant.now();
		update("UPDATE webex_grant SET created_at = ?, refresh_token_expires_at = ? WHERE principal_name = ?",
				at(now.minus(age)), at(now.plus(refreshLeft)), principal);
	}

	boolean hasGrant(String principal) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM webex_grant WHERE principal_name = ?", Long.class,
				principal) > 0;
	}

	long version(String principal) {
		return this.jdbc.queryForObject("SELECT version FROM webex_grant WHERE principal_name = ?", Long.class,
				principal);
	}

	String status(String principal) {
		return this.jdbc.queryForObject("SELECT status FROM webex_grant WHERE principal_name = ?", String.class,
				principal);
	}

	boolean hasSession(String sessionCookie) {
		String sessionId = new String(Base64.getDecoder().decode(sessionCookie), StandardCharsets.UTF_8);
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = ?", Long.class,
				sessionId) > 0;
	}

	/** The grant's refresh token, decrypted as Spring Security reads it. */
	String refreshToken(String principal) {
		OAuth2AuthorizedClient client = this.grants.loadAuthorizedClient(WebexProperties.REGISTRATION_ID, principal);
		return client.getRefreshToken().getTokenValue();
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	private void update(String sql, Object... arguments) {
		int updated = this.jdbc.update(sql, arguments);
		if (updated != 1) {
			throw new IllegalStateException("Expected to change one grant, changed " + updated);
		}
	}

	private static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
