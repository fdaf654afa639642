package com.example.webexoauth.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Puts what the shared layout needs ({@code simulated}, {@code signedIn}) into every
 * request, where templates read it as {@code ${simulated}} and {@code ${signedIn}}.
 *
 * <p>
 * Request attributes set before the handler runs, rather than {@code @ModelAttribute}
 * methods on a controller advice: those are invoked reflectively, with argument
 * resolution, on every request (a few percent of a small page's CPU in the benchmark's
 * profile), and they do not reach the pages {@code @ExceptionHandler} methods render.
 * Request attributes reach every view, including Boot's {@code /error}. The signed-in
 * check is made here rather than with {@code sec:authorize} in the layout, which parsed
 * and evaluated a security expression on every page.
 */
class LayoutModel implements HandlerInterceptor {

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final boolean simulated;

	LayoutModel(boolean simulated) {
		this.simulated = simulated;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		request.setAttribute("simulated", this.simulated);
		request.setAttribute("signedIn",
				trustResolver.isAuthenticated(SecurityContextHolder.getContext().getAuthentication()));
		return true;
	}

}
