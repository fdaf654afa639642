package com.example.webexoauth.profile;

import com.example.webex.vault.TokenVault;
import com.example.webex.client.WebexClient;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code /profile}: who the user is at Webex and how long the grant lasts, with the
 * Disconnect button that deletes the grant.
 */
@Controller
class ProfileController {

	private final WebexClient webex;

	private final TokenVault vault;

	ProfileController(WebexClient webex, TokenVault vault) {
		this.webex = webex;
		this.vault = vault;
	}

	@GetMapping("/profile")
	String profile(Authentication authentication, Model model) {
		model.addAttribute("person", this.webex.me());
		model.addAttribute("grant", this.vault.summary(authentication.getName()).orElse(null));
		return "profile/show";
	}

	@PostMapping("/disconnect")
	String disconnect(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		this.vault.disconnect(authentication.getName());
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		return "redirect:/?disconnected";
	}

}
