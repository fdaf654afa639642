package com.example.webex.vault.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import com.example.webex.vault.crypto.TokenCipher;
import com.example.webex.vault.crypto.TokenCipher.Column;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.util.StringUtils;

/**
 * What every statement on {@code webex_grant} shares: the columns, how one grant is
 * addressed, how a row becomes a decrypted {@link Grant}, and how tokens are written
 * encrypted under the primary key. Timestamps are stored with time zone, in UTC, at the
 * microsecond precision both databases keep.
 */
final class GrantTable {

	static final String COLUMNS = "registration_id, principal_name, access_token, access_token_issued_at,"
			+ " access_token_expires_at, refresh_token, refresh_token_expires_at, scopes, key_id, status, created_at,"
			+ " refreshed_at, kept_at, version";

	static final String LEASE_RELEASED = "refresh_lease_owner = NULL, refresh_lease_until = NULL";

	static final String NO_LIVE_LEASE = "(refresh_lease_until IS NULL OR refresh_lease_until < CURRENT_TIMESTAMP)";

	// One grant: the user's, under one issuer.
	private static final String BY_ID = " WHERE registration_id = :registrationId AND issuer = :issuer"
			+ " AND principal_name = :principalName";

	private final JdbcClient jdbc;

	private final TokenCipher cipher;

	GrantTable(JdbcClient jdbc, TokenCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	/**
	 * A statement on one grant: {@code sql} is completed with the {@code WHERE} clause
	 * that addresses it, plus {@code andMore} (e.g. {@code " AND version = :version"}).
	 */
	StatementSpec byId(String sql, String andMore, String registrationId, String issuer, String principalName) {
		return this.jdbc.sql(sql + BY_ID + andMore)
			.param("registrationId", registrationId)
			.param("issuer", issuer)
			.param("principalName", principalName);
	}

	/** A row of {@link #COLUMNS}, both tokens decrypted. */
	Grant grant(ResultSet rs, int row) throws SQLException {
		String registrationId = rs.getString("registration_id");
		String principalName = rs.getString("principal_name");
		String keyId = rs.getString("key_id");
		byte[] refreshToken = rs.getBytes("refresh_token");
		return new Grant(registrationId, principalName,
				this.cipher
					.decrypt(rs.getBytes("access_token"), keyId, Column.ACCESS_TOKEN, registrationId, principalName),
				instant(rs, "access_token_issued_at"), instant(rs, "access_token_expires_at"),
				(refreshToken != null)
						? this.cipher.decrypt(refreshToken, keyId, Column.REFRESH_TOKEN, registrationId, principalName)
						: null,
				instant(rs, "refresh_token_expires_at"), scopes(rs.getString("scopes")),
				GrantStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "refreshed_at"),
				instant(rs, "kept_at"), rs.getLong("version"));
	}

	/**
	 * Write {@code refreshed}'s tokens over the version of the row that was {@code read},
	 * re-encrypting both under the primary key (compare-and-set on {@code version}).
	 * @param rowIssuer the row's issuer (key rotation re-encrypts the grants of every
	 * issuer)
	 * @param moreAssignments further {@code column = value, } pairs to set in the same
	 * statement
	 * @return how many rows were written: 0 if the row changed since it was read
	 */
	int writeTokens(String rowIssuer, Grant read, Grant refreshed, String moreAssignments) {
		String registrationId = refreshed.registrationId();
		String principalName = refreshed.principalName();
		return byId("UPDATE webex_grant SET access_token = :accessToken,"
				+ " access_token_issued_at = :accessTokenIssuedAt, access_token_expires_at = :accessTokenExpiresAt,"
				+ " refresh_token = :refreshToken, refresh_token_expires_at = :refreshTokenExpiresAt, scopes = :scopes,"
				+ " key_id = :keyId, refreshed_at = :refreshedAt, kept_at = :keptAt, " + moreAssignments
				+ "version = version + 1", " AND version = :version", registrationId, rowIssuer, principalName)
			.param("accessToken",
					this.cipher.encrypt(refreshed.accessToken(), Column.ACCESS_TOKEN, registrationId, principalName),
					Types.VARBINARY)
			.param("accessTokenIssuedAt", timestamp(refreshed.accessTokenIssuedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("accessTokenExpiresAt", timestamp(refreshed.accessTokenExpiresAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("refreshToken",
					(refreshed.refreshToken() != null) ? this.cipher.encrypt(refreshed.refreshToken(),
							Column.REFRESH_TOKEN, registrationId, principalName) : null,
					Types.VARBINARY)
			.param("refreshTokenExpiresAt", timestamp(refreshed.refreshTokenExpiresAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("scopes", String.join(" ", refreshed.scopes()))
			.param("keyId", this.cipher.primaryKeyId())
			.param("refreshedAt", timestamp(refreshed.refreshedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("keptAt", timestamp(refreshed.keptAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("version", read.version())
			.update();
	}

	static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)
				: null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static Set<String> scopes(String scopes) {
		return StringUtils.hasText(scopes) ? new LinkedHashSet<>(Arrays.asList(scopes.trim().split("\\s+"))) : Set.of();
	}

}
