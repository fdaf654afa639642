package com.example.webexoauth.login;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.util.UriUtils;

/**
 * Sends a user who is not signed in to the landing page, naming the page they asked for
 * ({@code /?continue=/spaces}) so that signing in brings them back to it (see
 * {@link ReturnPath}). Nothing about the request is stored: an anonymous page view costs
 * no session.
 */
final class LandingPageEntryPoint extends LoginUrlAuthenticationEntryPoint {

	static final String LANDING_PAGE = "/";

	LandingPageEntryPoint() {
		super(LANDING_PAGE);
	}

	@Override
	protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) {
		if (!HttpMethod.GET.matches(request.getMethod())) {
			return LANDING_PAGE;
		}
		String query = request.getQueryString();
		String asked = (query != null) ? request.getRequestURI() + "?" + query : request.getRequestURI();
		return ReturnPath.of(asked)
			.map((path) -> LANDING_PAGE + "?" + ReturnPath.PARAMETER + "="
					+ UriUtils.encodeQueryParam(path, StandardCharsets.UTF_8))
			.orElse(LANDING_PAGE);
	}

}
