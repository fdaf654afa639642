package com.example.webex.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.util.StringUtils;

/**
 * The start-up checks on the Webex settings: one plain sentence per problem, naming the
 * environment variable to fix, so an operator can correct all of them in one go.
 */
final class ConfigurationCheck {

	private ConfigurationCheck() {
	}

	static List<String> problems(String clientId, String clientSecret, String redirectUri, String apiBaseUrl,
			String scopes) {
		List<String> problems = new ArrayList<>();
		boolean hasId = StringUtils.hasText(clientId);
		boolean hasSecret = StringUtils.hasText(clientSecret);
		if (!hasId && !hasSecret) {
			problems.add("WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET are not set: set both to the Integration's "
					+ "client id and secret (developer.webex.com, My Webex Apps).");
		}
		if (hasId && !hasSecret) {
			problems.add("WEBEX_CLIENT_ID is set but WEBEX_CLIENT_SECRET is not: set both.");
		}
		if (hasSecret && !hasId) {
			problems.add("WEBEX_CLIENT_SECRET is set but WEBEX_CLIENT_ID is not: set both.");
		}
		URI redirect = httpUrl(redirectUri);
		if (redirect == null) {
			problems.add("WEBEX_REDIRECT_URI must be an absolute http(s) URL such as http://localhost:10060/oauth, "
					+ "but is '" + redirectUri + "'.");
		}
		else if (!WebexProperties.CALLBACK_PATH.equals(redirect.getPath()) || redirect.getQuery() != null
				|| redirect.getFragment() != null) {
			problems.add("WEBEX_REDIRECT_URI must end in the path /oauth (the callback this app serves), but is '"
					+ redirectUri + "'.");
		}
		URI base = httpUrl(apiBaseUrl);
		if (base == null || base.getQuery() != null || base.getFragment() != null) {
			problems.add("WEBEX_API_BASE_URL must be an http(s) URL such as https://webexapis.com/v1, but is '"
					+ apiBaseUrl + "'.");
		}
		if (!StringUtils.hasText(scopes)) {
			problems.add("WEBEX_SCOPES must name at least one scope, e.g. 'spark:people_read spark:rooms_read'.");
		}
		else if (Arrays.asList(scopes.trim().split("\\s+")).contains("openid")) {
			// Spring Security would switch to OpenID Connect login, which this app does
			// not do.
			problems.add("WEBEX_SCOPES must not contain openid: this app signs in with OAuth 2.0, "
					+ "not OpenID Connect; remove openid from the list.");
		}
		return problems;
	}

	static List<String> revokeProblems(String revokeUrl) {
		if (StringUtils.hasText(revokeUrl) && httpUrl(revokeUrl) == null) {
			return List.of("WEBEX_REVOKE_URL must be an http(s) URL when set, but is '" + revokeUrl + "'.");
		}
		return List.of();
	}

	private static URI httpUrl(String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		try {
			URI uri = new URI(value.trim());
			boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			return (http && StringUtils.hasText(uri.getHost())) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
