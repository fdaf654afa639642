package com.example.webexoauth.profile;

import com.example.webex.client.Person;
import com.example.webex.client.WebexClient;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: the signed-in user's Webex profile as JSON.
 */
@RestController
class MeApiController {

	private final WebexClient webex;

	MeApiController(WebexClient webex) {
		this.webex = webex;
	}

	@GetMapping("/api/me")
	Person me() {
		return this.webex.me();
	}

}
