package com.example.webexoauth.system;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.Session;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request a place for the sessions {@link WriteSparingSessionRepository}
 * loaded for it, so that a requested session is read from the database once per request
 * rather than twice.
 * <p>
 * Spring Session's filter saves the session when the response is committed and again when
 * the request ends; the first save forgets the session it loaded, so the second looks it
 * up again only to compare its id with the cookie's (spring-session #1424 and #1731, open
 * since 2019). Every rendered page and JSON answer commits its response inside the
 * filter, so every signed-in request read its session twice: one of the two
 * {@code SELECT}s, a round trip to PostgreSQL per request (bench/README.md has the
 * figures). This filter runs just before Spring Session's and binds the place as a
 * {@link ScopedValue}; outside a request (the keeper, a disconnect on another instance's
 * event) nothing is bound and every look-up reads the database.
 */
final class SessionLoadedOncePerRequest extends OncePerRequestFilter {

	private static final ScopedValue<Map<String, Session>> LOADED = ScopedValue.newInstance();

	/**
	 * The sessions loaded so far in the current request, by the id they were asked for;
	 * {@code null} outside a request.
	 */
	static Map<String, Session> loaded() {
		return LOADED.isBound() ? LOADED.get() : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			ScopedValue.where(LOADED, new ConcurrentHashMap<String, Session>(2)).call(() -> {
				chain.doFilter(request, response);
				return null;
			});
		}
		catch (IOException | ServletException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// the chain throws nothing else
			throw new ServletException(ex);
		}
	}

}
