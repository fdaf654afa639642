package com.example.webex.vault;

import com.example.webexoauth.RunningApp;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Grants copied to another Webex, as if every user had also connected there: for tests that point
 * an instance at a stand-in Webex (a stub that answers garbage) and need its users connected to it.
 * Grants are bound to the base URL that issued them, so the simulator's would not be used there.
 */
public final class CopiedGrants {

	private CopiedGrants() {
	}

	/**
	 * Copies every grant of another issuer in the app's database to {@code apiBaseUrl}'s.
	 * @param app the instance whose database to change
	 * @param apiBaseUrl the stand-in's {@code WEBEX_API_BASE_URL}
	 */
	public static void to(RunningApp app, String apiBaseUrl) {
		String columns = "registration_id, principal_name, access_token, access_token_issued_at,"
				+ " access_token_expires_at, refresh_token, refresh_token_expires_at, scopes, key_id, status,"
				+ " created_at, refreshed_at, kept_at, version, org_id, email_domains";
		String issuer = GrantIssuer.of(apiBaseUrl);
		app.bean(JdbcTemplate.class)
			.update("INSERT INTO webex_grant (" + columns + ", issuer) SELECT " + columns
					+ ", ? FROM webex_grant WHERE issuer <> ?", issuer, issuer);
	}

}
