package com.example.webex.login;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher.MatchResult;

/**
 * Spring's authorization request resolver, except that a path naming no registration
 * ({@code /oauth2/authorization/other}, {@code /oauth2/authorization/webex.json}) starts
 * no sign-in: Spring answers it with a 500; now it falls through like any unknown page.
 */
final class KnownRegistrationsOnly implements OAuth2AuthorizationRequestResolver {

	private final RequestMatcher signInStart;

	private final ClientRegistrationRepository registrations;

	private final OAuth2AuthorizationRequestResolver delegate;

	KnownRegistrationsOnly(ClientRegistrationRepository registrations, String baseUri) {
		this.signInStart = PathPatternRequestMatcher.withDefaults().matcher(baseUri + "/{registrationId}");
		this.registrations = registrations;
		this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, baseUri);
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		MatchResult start = this.signInStart.matcher(request);
		if (start.isMatch() && !isKnown(start.getVariables().get("registrationId"))) {
			return null;
		}
		return this.delegate.resolve(request);
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
		return isKnown(registrationId) ? this.delegate.resolve(request, registrationId) : null;
	}

	private boolean isKnown(String registrationId) {
		return registrationId != null && this.registrations.findByRegistrationId(registrationId) != null;
	}

}
