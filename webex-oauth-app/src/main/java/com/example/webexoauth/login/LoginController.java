package com.example.webexoauth.login;

import com.example.webex.login.CallbackFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The landing page with the GRANT button, the granted page once connected, and the page
 * that explains a failed sign-in.
 */
@Controller
class LoginController {

	static final String FAILED_PATH = "/login/failed";

	@GetMapping("/")
	String index(@AuthenticationPrincipal OAuth2User user,
			@RequestParam(name = ReturnPath.PARAMETER, required = false) String returnPath, Model model) {
		if (user == null) {
			// GRANT passes on the page that sent the user here, if it is one of ours
			ReturnPath.of(returnPath).ifPresent((path) -> model.addAttribute("returnPath", path));
			return "index";
		}
		model.addAttribute("displayName", user.getAttribute("displayName"));
		return "granted";
	}

	@RequestMapping(FAILED_PATH)
	String failed(HttpServletRequest request, HttpServletResponse response, Model model) {
		Object attribute = request.getAttribute(CallbackFailureHandler.FAILURE_ATTRIBUTE);
		CallbackFailure failure = (attribute instanceof CallbackFailure known) ? known : CallbackFailure.UNKNOWN;
		response.setStatus(failure.status().value());
		model.addAttribute("messageKey", "login.failed." + failure.code());
		return "login/failed";
	}

}
