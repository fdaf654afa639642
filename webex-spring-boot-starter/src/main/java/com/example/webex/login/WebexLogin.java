package com.example.webex.login;

import java.net.URI;

import com.example.webex.client.WebexProperties;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The Webex part of Spring Security's OAuth 2.0 login, for an application's own
 * {@code SecurityFilterChain}: <pre class="code">
 * http.oauth2Login((login) -&gt; {
 *     webexLogin.configure(login);
 *     login.loginPage("/");  // and whatever else is the application's own
 * });
 * </pre> It sets the callback to the path of {@code WEBEX_REDIRECT_URI} (Webex sends the
 * browser back there), the start URL {@code /oauth2/authorization/webex} (unknown
 * registrations answer 404, not 500), and keeps each pending sign-in under its own
 * {@code state}, so sign-ins started in several tabs all complete. PKCE (S256) is Spring
 * Security 7's default.
 */
public final class WebexLogin {

	/** Where a sign-in starts: {@code /oauth2/authorization/webex}. */
	public static final String AUTHORIZATION_BASE_URI = "/oauth2/authorization";

	private final ClientRegistrationRepository registrations;

	private final PendingAuthorizationRequests pendingAuthorizationRequests;

	private final String callbackPath;

	WebexLogin(ClientRegistrationRepository registrations, PendingAuthorizationRequests pendingAuthorizationRequests,
			WebexProperties webex) {
		this.registrations = registrations;
		this.pendingAuthorizationRequests = pendingAuthorizationRequests;
		this.callbackPath = URI.create(webex.redirectUri().trim()).getPath();
	}

	/** The sign-in start URL of the Webex registration. */
	public String startUrl() {
		return AUTHORIZATION_BASE_URI + "/" + WebexProperties.REGISTRATION_ID;
	}

	/** The path Webex redirects back to, from {@code WEBEX_REDIRECT_URI}. */
	public String callbackPath() {
		return this.callbackPath;
	}

	/**
	 * Configures the Webex sign-in on Spring Security's OAuth 2.0 login.
	 * @param login the configurer from {@code HttpSecurity.oauth2Login}
	 */
	public void configure(OAuth2LoginConfigurer<HttpSecurity> login) {
		login
			.authorizationEndpoint((endpoint) -> endpoint.baseUri(AUTHORIZATION_BASE_URI)
				.authorizationRequestResolver(new KnownRegistrationsOnly(this.registrations, AUTHORIZATION_BASE_URI))
				.authorizationRequestRepository(this.pendingAuthorizationRequests))
			.redirectionEndpoint((endpoint) -> endpoint.baseUri(this.callbackPath));
	}

}
