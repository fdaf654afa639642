package com.example.webexoauth.login;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.example.webexoauth.system.WebexProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may see what, and the OAuth 2.0 login against Webex: the sample's routes are kept
 * ({@code /} with the GRANT link, {@code /oauth} as the callback), everything else needs a
 * signed-in user; the JSON API answers 401 instead of redirecting.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String AUTHORIZATION_BASE_URI = "/oauth2/authorization";

	/**
	 * Pages never load scripts or styles from anywhere else, and are never framed. Images
	 * (the avatar) may come from any https origin, and from the Webex API's own origin even
	 * over plain http: a simulator on another port serves its avatars there.
	 * @param webex where the Webex API is
	 * @return the {@code Content-Security-Policy} header value
	 */
	static String contentSecurityPolicy(WebexProperties webex) {
		URI api = webex.apiBase();
		String plainHttpApi = "http".equalsIgnoreCase(api.getScheme())
				? " http://" + api.getHost() + ((api.getPort() != -1) ? ":" + api.getPort() : "") : "";
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:" + plainHttpApi
				+ "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, WebexProperties webex) throws Exception {
		// @formatter:off
		http
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers("/", "/error", LoginController.FAILED_PATH, "/css/**", "/images/**",
						"/favicon.ico", "/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").access(AuthorizationManagers.anyOf(
						IpAddressAuthorizationManager.hasIpAddress("127.0.0.1"),
						IpAddressAuthorizationManager.hasIpAddress("::1")))
				.anyRequest().authenticated())
			.oauth2Login((login) -> login
				.loginPage("/")
				.authorizationEndpoint((endpoint) -> endpoint
					.baseUri(AUTHORIZATION_BASE_URI)
					.authorizationRequestRepository(pendingAuthorizationRequests()))
				.redirectionEndpoint((endpoint) -> endpoint.baseUri("/oauth"))
				.defaultSuccessUrl("/")
				.failureHandler(new CallbackFailureHandler()))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new JsonAuthenticationEntryPoint(),
						PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/"),
						PathPatternRequestMatcher.withDefaults().matcher("/**")))
			.logout((logout) -> logout
				.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"))
				.logoutSuccessUrl("/"))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy(webex)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frame) -> frame.deny()));
		// @formatter:on
		return http.build();
	}

	@Bean
	PendingAuthorizationRequests pendingAuthorizationRequests() {
		return new PendingAuthorizationRequests(Duration.ofMinutes(10), 10, Clock.systemUTC());
	}

}
