package com.example.webexoauth.login;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.example.webex.client.WebexProperties;
import com.example.webex.login.SignInReturnPath;
import com.example.webex.login.WebexLogin;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.session.MapSession;

/**
 * Who may see what, and the OAuth 2.0 login against Webex: the sample's routes are kept
 * ({@code /} with the GRANT link, {@code /oauth} as the callback), everything else needs
 * a signed-in user; the JSON API answers 401 instead of redirecting.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * How Tomcat reports a loopback peer (or a trusted proxy reports a loopback client).
	 */
	static final Set<String> LOOPBACK_ADDRESSES = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

	/** HSTS lifetime when the app is reached over https: one year. */
	static final Duration STRICT_TRANSPORT_SECURITY_MAX_AGE = Duration.ofDays(365);

	/**
	 * Pages never load scripts or styles from anywhere else, and are never framed. Images
	 * (the avatar) may come from any https origin, and from the Webex API's own origin
	 * even over plain http: a simulator on another port serves its avatars there.
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
	SecurityFilterChain securityFilterChain(HttpSecurity http, WebexLogin webexLogin, WebexProperties webex,
			SessionTimeout sessionTimeout, Environment environment) throws Exception {
		String anonymousKey = UUID.randomUUID().toString();
		// actuator on a port of its own (MANAGEMENT_SERVER_PORT) is as open as that port
		// is
		boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		AuthorizationManager<RequestAuthorizationContext> actuator = ownPort
				? (authentication, context) -> new AuthorizationDecision(true) : SecurityConfiguration::fromThisMachine;
		// @formatter:off
		http
			.authorizeHttpRequests((authorize) -> authorize
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers("/", LoginController.FAILED_PATH, "/css/**", "/images/**",
						"/favicon.ico", "/actuator/health", "/actuator/health/**").permitAll()
				// requested directly, Boot's error page has no error to show and answers 500
				.requestMatchers("/error").denyAll()
				.requestMatchers("/actuator/**").access(actuator)
				.anyRequest().authenticated())
			.oauth2Login((login) -> webexLogin.configure(login
				.loginPage("/")
				.successHandler(new SignedInHandler(signedInTimeout(sessionTimeout)))
				.failureHandler(new CallbackFailureHandler())
				.authenticationDetailsSource(SecurityConfiguration::detailsWithoutSessionId)))
			.anonymous((anonymous) -> anonymous.key(anonymousKey)
				.authenticationFilter(anonymousWithoutSessionId(anonymousKey)))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new JsonAuthenticationEntryPoint(),
						PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
				.defaultAuthenticationEntryPointFor(new LandingPageEntryPoint(),
						PathPatternRequestMatcher.withDefaults().matcher("/**")))
			// No copy of an anonymous request in a new session: the page to come back to
			// travels as a parameter instead (LandingPageEntryPoint, ReturnPath)
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.csrf((csrf) -> csrf.csrfTokenRepository(new NoNewSessionCsrfTokenRepository()))
			.logout((logout) -> logout
				.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"))
				.logoutSuccessUrl("/"))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy(webex)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frame) -> frame.deny())
				// written for every response, or for none: see strictTransportSecurity
				.httpStrictTransportSecurity((hsts) -> hsts.disable()));
		strictTransportSecurity(webex).ifPresent((hsts) -> http.headers((headers) -> headers.addHeaderWriter(hsts)));
		// @formatter:on
		return http.build();
	}

	/**
	 * Actuator data only for requests from this machine, not through a proxy. The TCP
	 * peer decides ({@link PeerAddressValve}), not the remote address: behind a trusted
	 * proxy that is whatever X-Forwarded-For claims. A proxy on this machine connects
	 * from loopback too, so a request that arrived with any proxy's header is refused;
	 * one from a proxy that sends none cannot be told from a local client (use
	 * MANAGEMENT_SERVER_PORT then). Addresses are compared as text: Spring's IP matcher
	 * throws on a value like {@code garbage} (a 500) and resolves one like
	 * {@code a.example} through DNS.
	 */
	private static AuthorizationDecision fromThisMachine(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		boolean local = LOOPBACK_ADDRESSES.contains(request.getAttribute(PeerAddressValve.PEER_ADDRESS_ATTRIBUTE))
				&& LOOPBACK_ADDRESSES.contains(request.getRemoteAddr());
		boolean proxied = Boolean.TRUE.equals(request.getAttribute(PeerAddressValve.FORWARDED_ATTRIBUTE))
				|| PeerAddressValve.isForwarded(request);
		return new AuthorizationDecision(local && !proxied);
	}

	/**
	 * HSTS when users reach the app over https, which the registered redirect URI tells
	 * (behind a TLS-terminating proxy a request may still arrive as http): max-age one
	 * year, this host only (what else runs on subdomains is not the app's to decide).
	 * Over plain http none, as browsers would ignore it there anyway.
	 */
	static Optional<HeaderWriter> strictTransportSecurity(WebexProperties webex) {
		if (!"https".equalsIgnoreCase(URI.create(webex.redirectUri().trim()).getScheme())) {
			return Optional.empty();
		}
		HstsHeaderWriter hsts = new HstsHeaderWriter(STRICT_TRANSPORT_SECURITY_MAX_AGE.toSeconds(), false);
		hsts.setRequestMatcher(AnyRequestMatcher.INSTANCE);
		return Optional.of(hsts);
	}

	/**
	 * The default details carry the session id, and every debug line that prints the
	 * authentication (stored in the session, logged out, ...) would print it too.
	 */
	private static WebAuthenticationDetails detailsWithoutSessionId(HttpServletRequest request) {
		return new WebAuthenticationDetails(request.getRemoteAddr(), null);
	}

	/**
	 * How long a signed-in session lasts without requests
	 * ({@code spring.session.timeout}).
	 */
	private static Duration signedInTimeout(SessionTimeout sessionTimeout) {
		Duration timeout = sessionTimeout.getTimeout();
		return (timeout != null) ? timeout : MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;
	}

	/**
	 * Spring's anonymous user with the same details: trace lines print the anonymous user
	 * too, and a pending sign-in has a session.
	 */
	private static AnonymousAuthenticationFilter anonymousWithoutSessionId(String key) {
		AnonymousAuthenticationFilter filter = new AnonymousAuthenticationFilter(key);
		filter.setAuthenticationDetailsSource(SecurityConfiguration::detailsWithoutSessionId);
		return filter;
	}

	/**
	 * Responses of requests the firewall rejects (e.g. {@code //host} or {@code ..;} in
	 * the path) are sent before the chain's header writer runs, and the error page that
	 * follows skips it too: they get the same headers here.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(WebexProperties webex) {
		RequestRejectedHandler badRequest = new HttpStatusRequestRejectedHandler();
		List<HeaderWriter> writers = rejectedRequestHeaderWriters(webex);
		return (request, response, exception) -> {
			writers.forEach((writer) -> writer.writeHeaders(request, response));
			badRequest.handle(request, response, exception);
		};
	}

	@Bean
	HttpFirewall httpFirewall() {
		return new DecodableParametersFirewall();
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> rejectedRequestHeaders(WebexProperties webex) {
		return (factory) -> factory
			.addEngineValves(new RejectedRequestHeadersValve(rejectedRequestHeaderWriters(webex)));
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> peerAddress() {
		return new PeerAddressValve.Customizer();
	}

	/**
	 * The headers configured above, for responses that never pass the filter chain's
	 * writer.
	 */
	static List<HeaderWriter> rejectedRequestHeaderWriters(WebexProperties webex) {
		List<HeaderWriter> writers = new ArrayList<>(
				List.of(new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy(webex)),
						new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER),
						new XContentTypeOptionsHeaderWriter(), new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY)));
		strictTransportSecurity(webex).ifPresent(writers::add);
		return writers;
	}

	/**
	 * After sign-in the user lands on the page they asked for (see {@link ReturnPath}).
	 */
	@Bean
	SignInReturnPath signInReturnPath() {
		return (signInStart) -> ReturnPath.of(signInStart.getParameter(ReturnPath.PARAMETER));
	}

}
