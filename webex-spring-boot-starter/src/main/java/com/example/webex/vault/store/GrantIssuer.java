package com.example.webex.vault.store;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import com.example.webex.client.ConfigurationProblemsException;
import com.example.webex.client.WebexProperties;

/**
 * Which Webex issued a grant: the normalized API base URL ({@code WEBEX_API_BASE_URL}).
 * <p>
 * Every URI a token travels to derives from that one setting (the token endpoint that
 * receives refresh tokens is {@code <base>/access_token}, the REST calls that carry
 * access tokens are {@code <base>/...}), so it names the authorization server and the
 * resource server at once. A grant is used only while the app runs against the base URL
 * it was issued under. Normalized so that spellings of the same URL agree: scheme and
 * host in lower case, the scheme's default port dropped, no trailing slash, no user info
 * (it would be a secret in the database). Different hosts stay different issuers even
 * where they reach the same Webex ({@code api.ciscospark.com} and {@code webexapis.com}):
 * treating them alike could not be checked, and the price of the strict reading is one
 * reconnect.
 */
public final class GrantIssuer {

	/**
	 * The Flyway placeholder V2 fills the issuer column of existing grants from, as an
	 * SQL string literal's content.
	 */
	public static final String PLACEHOLDER = "webex_issuer";

	/** The width of {@code webex_grant.issuer}. */
	static final int MAX_LENGTH = 1000;

	private GrantIssuer() {
	}

	public static String of(WebexProperties webex) {
		return of(webex.apiBaseUrl());
	}

	/**
	 * The issuer identity of an API base URL.
	 * @param apiBaseUrl an absolute http(s) URL, as {@code WebexProperties} checked it
	 * @return e.g. {@code https://webexapis.com/v1}
	 * @throws ConfigurationProblemsException if it does not fit the column
	 */
	public static String of(String apiBaseUrl) {
		URI uri = URI.create(apiBaseUrl.trim());
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (port == 443 && scheme.equals("https"))
				|| (port == 80 && scheme.equals("http"));
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String issuer = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
				+ path;
		if (issuer.length() > MAX_LENGTH) {
			throw new ConfigurationProblemsException(List.of("WEBEX_API_BASE_URL must be at most " + MAX_LENGTH
					+ " characters long (the grants it issues are stored with it), but has " + issuer.length() + "."));
		}
		return issuer;
	}

	/** The issuer as the content of an SQL string literal, for {@link #PLACEHOLDER}. */
	public static String sqlLiteralContent(String issuer) {
		return issuer.replace("'", "''");
	}

}
