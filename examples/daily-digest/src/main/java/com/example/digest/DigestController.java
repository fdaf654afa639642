package com.example.digest;

import java.util.List;

import com.example.digest.DailyDigest.Digest;
import com.example.webex.client.Room;
import com.example.webex.client.WebexApiException;
import com.example.webex.client.WebexClient;
import com.example.webex.login.WebexLogin;
import com.example.webex.vault.ReconnectRequiredException;
import com.example.webex.vault.TokenEndpointUnavailableException;
import com.example.webex.vault.UserNotAllowedException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's side, as JSON: their last digest, and their spaces straight from
 * Webex. Every request needs a signed-in user; the starter's default security sends
 * anyone else to sign in with Webex.
 */
@RestController
class DigestController {

	private final WebexClient webex;

	private final DailyDigest dailyDigest;

	private final WebexLogin webexLogin;

	DigestController(WebexClient webex, DailyDigest dailyDigest, WebexLogin webexLogin) {
		this.webex = webex;
		this.dailyDigest = dailyDigest;
		this.webexLogin = webexLogin;
	}

	@GetMapping("/")
	Home home(@AuthenticationPrincipal OAuth2User user) {
		return new Home(user.getAttribute("displayName"), this.dailyDigest.latest(user.getName()).orElse(null));
	}

	// the signed-in user's spaces, all pages, with their grant from the vault
	@GetMapping("/spaces")
	List<Room> spaces() {
		return this.webex.rooms();
	}

	@ExceptionHandler
	ResponseEntity<ApiError> reconnect(ReconnectRequiredException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(new ApiError("reconnect_required",
					"Connect your Webex account again: " + this.webexLogin.startUrl()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> notAllowed(UserNotAllowedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(new ApiError("not_allowed", "This Webex account may not use this application."));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> webexFailed(WebexApiException ex) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.body(new ApiError("webex_failed", "Webex did not answer as expected; try again later."));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> webexUnavailable(TokenEndpointUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()))
			.body(new ApiError("webex_unavailable", "Webex is unavailable; try again later."));
	}

	/**
	 * The landing page's content.
	 *
	 * @param name the user's name in Webex
	 * @param latestDigest their last digest, {@code null} until one ran since they
	 * connected
	 */
	record Home(String name, Digest latestDigest) {

	}

	/**
	 * An error answer.
	 *
	 * @param error a code for programs
	 * @param message a sentence for people
	 */
	record ApiError(String error, String message) {

	}

}
