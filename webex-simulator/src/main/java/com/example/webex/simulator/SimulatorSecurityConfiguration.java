package com.example.webex.simulator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The simulator's own filter chain, ahead of any chain of an embedding application: its
 * endpoints are open (clients authenticate inside the protocol), stateless and free of
 * CSRF tokens, as Webex's are.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorSecurityConfiguration {

	// styles are inline on the consent page; nothing else may load, and no script at all
	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
			+ "frame-ancestors 'none'; base-uri 'none'";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain simulatorSecurityFilterChain(HttpSecurity http) throws Exception {
		// @formatter:off
		http
			.securityMatcher("/v1/**", "/simulator/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		// @formatter:on
		return http.build();
	}

}
