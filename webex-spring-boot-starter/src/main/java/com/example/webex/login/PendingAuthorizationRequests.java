package com.example.webex.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;

/**
 * Keeps each pending authorization request (its {@code state} and PKCE verifier) in the
 * session under its own {@code state}, so several logins started in parallel tabs all
 * succeed. Spring Security's {@code HttpSessionOAuth2AuthorizationRequestRepository}
 * keeps only one per session and the first tab fails (spring-security gh-16336).
 * <p>
 * Each request is its own session attribute rather than entries of one map, so two tabs
 * writing at once cannot overwrite each other in a JDBC-backed session. A request is
 * single-use (removed when the callback loads it), expires after {@code timeToLive}, and
 * at most {@code maxPending} are kept, the oldest going first.
 * <p>
 * A session that starting a sign-in creates lives {@code timeToLive} too, not the 8 hours
 * of a signed-in one ({@link SignedInHandler} extends it once the sign-in completes):
 * requests to start a sign-in that never complete leave nothing behind for longer. Each
 * request remembers the {@link SignInReturnPath} it was started with; the callback hands
 * it on as the {@link #RETURN_PATH_ATTRIBUTE} request attribute.
 */
public class PendingAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	static final String ATTRIBUTE_PREFIX = PendingAuthorizationRequests.class.getName() + ".";

	/**
	 * The request attribute holding the callback's {@link SignInReturnPath}, if it has
	 * one.
	 */
	public static final String RETURN_PATH_ATTRIBUTE = PendingAuthorizationRequests.class.getName() + ".RETURN_PATH";

	private final Duration timeToLive;

	private final int maxPending;

	private final Clock clock;

	private final SignInReturnPath returnPath;

	public PendingAuthorizationRequests(Duration timeToLive, int maxPending, Clock clock, SignInReturnPath returnPath) {
		this.returnPath = returnPath;
		this.timeToLive = timeToLive;
		this.maxPending = maxPending;
		this.clock = clock;
	}

	@Override
	public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		Pending pending = load(request);
		return (pending != null) ? pending.request() : null;
	}

	private Pending load(HttpServletRequest request) {
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		HttpSession session = request.getSession(false);
		if (!StringUtils.hasText(state) || session == null) {
			return null;
		}
		Object value = session.getAttribute(ATTRIBUTE_PREFIX + state);
		return (value instanceof Pending pending && !isExpired(pending)) ? pending : null;
	}

	@Override
	public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
			HttpServletResponse response) {
		if (authorizationRequest == null) {
			removeAuthorizationRequest(request, response);
			return;
		}
		boolean created = request.getSession(false) == null;
		HttpSession session = request.getSession();
		if (created) {
			session.setMaxInactiveInterval((int) this.timeToLive.toSeconds());
		}
		prune(session);
		String returnPath = this.returnPath.of(request).orElse(null);
		session.setAttribute(ATTRIBUTE_PREFIX + authorizationRequest.getState(),
				new Pending(authorizationRequest, this.clock.instant(), returnPath));
	}

	@Override
	public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		Pending pending = load(request);
		if (pending == null) {
			return null;
		}
		request.getSession().removeAttribute(ATTRIBUTE_PREFIX + pending.request().getState());
		if (pending.returnPath() != null) {
			request.setAttribute(RETURN_PATH_ATTRIBUTE, pending.returnPath());
		}
		return pending.request();
	}

	/** Drops expired requests, then the oldest ones, leaving room for one more. */
	private void prune(HttpSession session) {
		List<String> names = new ArrayList<>();
		for (String name : Collections.list(session.getAttributeNames())) {
			if (!name.startsWith(ATTRIBUTE_PREFIX)) {
				continue;
			}
			if (session.getAttribute(name) instanceof Pending pending && !isExpired(pending)) {
				names.add(name);
			}
			else {
				session.removeAttribute(name);
			}
		}
		names.sort(Comparator.comparing((String name) -> ((Pending) session.getAttribute(name)).createdAt()));
		for (int i = 0; i <= names.size() - this.maxPending; i++) {
			session.removeAttribute(names.get(i));
		}
	}

	private boolean isExpired(Pending pending) {
		return pending.createdAt().plus(this.timeToLive).isBefore(this.clock.instant());
	}

	/**
	 * A stored request, when it was made, and where the user returns once signed in.
	 *
	 * @param request the authorization request (its {@code state} and PKCE verifier)
	 * @param createdAt when the sign-in started
	 * @param returnPath a {@link SignInReturnPath}, or {@code null} for the default
	 */
	record Pending(OAuth2AuthorizationRequest request, Instant createdAt, String returnPath) {
	}

}
