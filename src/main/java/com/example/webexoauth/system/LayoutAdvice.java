package com.example.webexoauth.system;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Model attributes the shared layout needs on every page.
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	private final boolean simulated;

	LayoutAdvice(WebexProperties webex) {
		this.simulated = webex.simulated();
	}

	/** Whether to show the banner saying Webex is simulated. */
	@ModelAttribute("simulated")
	boolean simulated() {
		return this.simulated;
	}

	/**
	 * Whether to show the signed-in navigation. Decided here rather than with
	 * {@code sec:authorize} in the layout, which parsed and evaluated a security expression
	 * on every page (about a third of the rendering time in the benchmark's profile).
	 */
	@ModelAttribute("signedIn")
	boolean signedIn(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
