package com.example.webexoauth.login;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated API call with 401 and a JSON error instead of a redirect to
 * the landing page.
 */
class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String BODY = "{\"error\":\"unauthenticated\","
			+ "\"message\":\"Sign in with Webex first.\",\"trackingId\":null}";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write(BODY);
	}

}
