package com.example.webexoauth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Spring Security's session-backed CSRF tokens, except that a token is never the reason a
 * session is created. Spring generates and stores a token for every POST that arrives
 * without one, so each anonymous {@code POST /logout} would leave a new 8-hour session
 * behind. Every form of the app is on a page for a signed-in user (or one signing in),
 * whose session exists already; a token generated without a session is used for that
 * request's check only, which it fails.
 */
final class NoNewSessionCsrfTokenRepository implements CsrfTokenRepository {

	private final HttpSessionCsrfTokenRepository delegate = new HttpSessionCsrfTokenRepository();

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		return this.delegate.generateToken(request);
	}

	@Override
	public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		if (token != null && request.getSession(false) == null) {
			return;
		}
		this.delegate.saveToken(token, request, response);
	}

	@Override
	public CsrfToken loadToken(HttpServletRequest request) {
		return this.delegate.loadToken(request);
	}

}
