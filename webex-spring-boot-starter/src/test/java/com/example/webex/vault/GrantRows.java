package com.example.webex.vault;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.webex.vault.store.GrantIssuer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Grants as the {@code webex_grant} table holds them, for tests that look at or change an
 * application's database behind its back.
 */
public final class GrantRows {

	private static final String COLUMNS = "registration_id, principal_name, access_token, access_token_issued_at,"
			+ " access_token_expires_at, refresh_token, refresh_token_expires_at, scopes, key_id, status,"
			+ " created_at, refreshed_at, kept_at, version, org_id, email_domains";

	private GrantRows() {
	}

	/** The issuer grants obtained through {@code apiBaseUrl} are stored under. */
	public static String issuerOf(String apiBaseUrl) {
		return GrantIssuer.of(apiBaseUrl);
	}

	/** Every column of a grant as stored, ciphertexts in hex. */
	public static Map<String, String> row(JdbcTemplate jdbc, String issuer, String principal) {
		Map<String, String> row = new LinkedHashMap<>();
		jdbc.queryForMap("SELECT * FROM webex_grant WHERE issuer = ? AND principal_name = ?", issuer, principal)
			.forEach((column, value) -> row.put(column.toLowerCase(),
					(value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : String.valueOf(value)));
		return row;
	}

	/**
	 * Copies every grant of another issuer to {@code apiBaseUrl}'s, as if every user had
	 * also connected there: for tests that point an instance at a stand-in Webex (a stub
	 * that answers garbage) and need its users connected to it. Grants are bound to the
	 * base URL that issued them, so the simulator's would not be used there.
	 * @param jdbc the database of the instance
	 * @param apiBaseUrl the stand-in's {@code WEBEX_API_BASE_URL}
	 */
	public static void copyTo(JdbcTemplate jdbc, String apiBaseUrl) {
		String issuer = issuerOf(apiBaseUrl);
		jdbc.update("INSERT INTO webex_grant (" + COLUMNS + ", issuer) SELECT " + COLUMNS
				+ ", ? FROM webex_grant WHERE issuer <> ?", issuer, issuer);
	}

}
