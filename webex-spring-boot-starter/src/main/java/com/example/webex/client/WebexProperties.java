package com.example.webex.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * How to reach Webex and identify as the Integration. Bound from the {@code WEBEX_*}
 * environment variables (see {@code application.properties}) and checked at start-up by
 * {@link ConfigurationCheck}.
 *
 * @param clientId the Integration's client id ({@code WEBEX_CLIENT_ID})
 * @param clientSecret the Integration's client secret ({@code WEBEX_CLIENT_SECRET})
 * @param redirectUri the redirect URI registered on the Integration; its path must be
 * {@code /oauth} ({@code WEBEX_REDIRECT_URI})
 * @param apiBaseUrl the Webex API base, e.g. {@code https://api-usgov.webex.com/v1}
 * ({@code WEBEX_API_BASE_URL}); OAuth endpoints live under it
 * @param scopes space-separated scopes to request ({@code WEBEX_SCOPES})
 * @param clientAuthentication how the token endpoint receives the client credentials
 * @param revokeUrl optional token revocation URL called on "Disconnect"
 * @param http timeouts and retry bounds for calls to Webex
 */
@ConfigurationProperties("webex")
public record WebexProperties(String clientId, String clientSecret,
		@DefaultValue("http://localhost:10060/oauth") String redirectUri,
		@DefaultValue("https://webexapis.com/v1") String apiBaseUrl,
		@DefaultValue("spark:people_read spark:rooms_read") String scopes,
		@DefaultValue("post") ClientAuthentication clientAuthentication, String revokeUrl, @DefaultValue Http http) {

	/**
	 * The id of the Webex registration among Spring Security's client registrations (the
	 * start URL is {@code /oauth2/authorization/webex}), and of its grants in the vault.
	 */
	public static final String REGISTRATION_ID = "webex";

	/**
	 * The OAuth callback path; fixed so Integrations registered for the Flask sample keep
	 * working.
	 */
	public static final String CALLBACK_PATH = "/oauth";

	public WebexProperties {
		// Checked here, at binding, so a bad setting stops start-up before anything uses
		// it.
		List<String> problems = new ArrayList<>(
				ConfigurationCheck.problems(clientId, clientSecret, redirectUri, apiBaseUrl, scopes));
		problems.addAll(ConfigurationCheck.revokeProblems(revokeUrl));
		ConfigurationProblemsException.throwIfAny(problems);
	}

	/**
	 * The revocation endpoint called on "Disconnect", or {@code null} when none is
	 * configured.
	 */
	public URI revokeUri() {
		return StringUtils.hasText(this.revokeUrl) ? URI.create(this.revokeUrl.trim()) : null;
	}

	public URI apiBase() {
		return URI.create(this.apiBaseUrl);
	}

	public URI authorizeUri() {
		return resolve("authorize");
	}

	public URI tokenUri() {
		return resolve("access_token");
	}

	public URI peopleMeUri() {
		return resolve("people/me");
	}

	public Set<String> scopeSet() {
		return new LinkedHashSet<>(Arrays.asList(this.scopes.trim().split("\\s+")));
	}

	private URI resolve(String path) {
		String base = this.apiBaseUrl;
		return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
	}

	/** Client authentication at the token endpoint. */
	public enum ClientAuthentication {

		/**
		 * {@code client_id} and {@code client_secret} as form fields (what Webex's
		 * samples do).
		 */
		POST,

		/** HTTP Basic. */
		BASIC

	}

	/**
	 * Connection behaviour towards Webex.
	 *
	 * @param connectTimeout how long to wait for a TCP connection
	 * @param readTimeout how long to wait for a response
	 * @param maxAttempts attempts per idempotent call, first one included (5xx, connect
	 * failures, 429/423)
	 * @param backoff first wait between attempts after a 5xx or connect failure (doubles)
	 * @param maxRetryWait the most one incoming request may spend waiting on
	 * {@code Retry-After} and backoff, over all its Webex calls, before giving up
	 * @param maxConnections the most connections open to Webex at once; a call that finds
	 * all of them busy waits up to {@code connectTimeout} for one. The default matches
	 * Tomcat's request threads ({@code server.tomcat.threads.max}), each of which makes
	 * at most one Webex call at a time, so no call waits
	 * @param requestDeadline how long one incoming request may spend on all its Webex
	 * calls, waits and retries included ({@code WEBEX_REQUEST_DEADLINE}); past it the
	 * request answers 504
	 */
	public record Http(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout,
			@DefaultValue("3") int maxAttempts, @DefaultValue("200ms") Duration backoff,
			@DefaultValue("30s") Duration maxRetryWait, @DefaultValue("200") int maxConnections,
			@DefaultValue("20s") Duration requestDeadline) {

		public Http {
			if (requestDeadline.isNegative() || requestDeadline.isZero()) {
				throw new ConfigurationProblemsException(List
					.of("WEBEX_REQUEST_DEADLINE (webex.http.request-deadline) must be longer than 0, e.g. 20s."));
			}
		}

	}

}
