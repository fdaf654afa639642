package com.example.webexoauth.system;

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
			// Never demo mode by omission: a secret that was not mounted must not start a demo.
			problems.add("WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET are not set: set both to use real Webex, "
					+ "or set WEBEX_DEMO=true (and neither of them) to run the demo on the built-in Webex simulator.");
		}
		if (hasId && !hasSecret) {
			problems.add("WEBEX_CLIENT_ID is set but WEBEX_CLIENT_SECRET is not: set both to use real Webex, "
					+ "or neither with WEBEX_DEMO=true for demo mode.");
		}
		if (hasSecret && !hasId) {
			problems.add("WEBEX_CLIENT_SECRET is set but WEBEX_CLIENT_ID is not: set both to use real Webex, "
					+ "or neither with WEBEX_DEMO=true for demo mode.");
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
			// Spring Security would switch to OpenID Connect login, which this app does not do.
			problems.add("WEBEX_SCOPES must not contain openid: this app signs in with OAuth 2.0, "
					+ "not OpenID Connect; remove openid from the list.");
		}
		return problems;
	}

	/**
	 * The checks on {@code WEBEX_DEMO}, given what the operator set (not what the demo
	 * profile sets): demo mode keeps its own Integration, key and database, apart from real
	 * ones.
	 */
	static List<String> demoProblems(String demo, String clientId, String clientSecret, String tokenKeys,
			String datasourceUrl) {
		if (!StringUtils.hasText(demo) || "false".equalsIgnoreCase(demo.trim())) {
			return List.of();
		}
		if (!"true".equalsIgnoreCase(demo.trim())) {
			return List.of("WEBEX_DEMO must be true or false, but is '" + demo + "'.");
		}
		List<String> problems = new ArrayList<>();
		if (StringUtils.hasText(clientId) || StringUtils.hasText(clientSecret)) {
			problems.add("WEBEX_DEMO=true runs the demo on the built-in Webex simulator and takes no credentials: "
					+ "unset WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET, or set WEBEX_DEMO=false to use real Webex.");
		}
		if (StringUtils.hasText(tokenKeys)) {
			problems.add("WEBEX_DEMO=true keeps its own token key in WEBEX_DATA_DIR/demo: unset WEBEX_TOKEN_KEYS, "
					+ "or set WEBEX_DEMO=false to use real Webex.");
		}
		if (StringUtils.hasText(datasourceUrl)) {
			problems.add("WEBEX_DEMO=true keeps its own H2 database in WEBEX_DATA_DIR/demo: unset SPRING_DATASOURCE_URL, "
					+ "or set WEBEX_DEMO=false to use real Webex.");
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
