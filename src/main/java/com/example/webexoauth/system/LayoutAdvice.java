package com.example.webexoauth.system;

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

}
