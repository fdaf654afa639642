package com.example.webexoauth.login;

import com.example.webex.login.PendingAuthorizationRequests;
import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * Ends a successful sign-in: the session, kept short while the sign-in was pending (see
 * {@link PendingAuthorizationRequests}), now lives as long as a signed-in session does,
 * and the user goes back to the page that sent them to sign in, or else to {@code /}.
 */
final class SignedInHandler extends SimpleUrlAuthenticationSuccessHandler {

	private final Duration signedInTimeout;

	SignedInHandler(Duration signedInTimeout) {
		super(LandingPageEntryPoint.LANDING_PAGE);
		this.signedInTimeout = signedInTimeout;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.setMaxInactiveInterval((int) this.signedInTimeout.toSeconds());
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

	@Override
	protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response) {
		// checked once more: the pending sign-in it comes from was stored in the database
		Object path = request.getAttribute(PendingAuthorizationRequests.RETURN_PATH_ATTRIBUTE);
		return ReturnPath.of((path instanceof String value) ? value : null).orElse(getDefaultTargetUrl());
	}

}
