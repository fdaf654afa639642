package com.example.webexoauth.system;

import com.example.webex.vault.ReconnectRequiredException;
import com.example.webex.vault.TokenEndpointUnavailableException;
import com.example.webex.vault.UserNotAllowedException;
import com.example.webex.client.WebexApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns what can go wrong behind a page into a page that says so: Webex failing (with its
 * tracking id), a grant that needs the user's consent again, the token endpoint being
 * down.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

	private static final Log logger = LogFactory.getLog(PageErrorAdvice.class);

	/**
	 * What a user the allow-list does not admit reads, on the page and in the API's
	 * error.
	 */
	static final String NOT_ALLOWED_MESSAGE_KEY = "login.failed.not-allowed";

	@ExceptionHandler
	ModelAndView webexFailed(WebexApiException exception, HttpServletRequest request, HttpServletResponse response) {
		WebexFailure failure = WebexFailure.of(exception);
		failure.retryAfter(exception).ifPresent((seconds) -> response.setHeader(HttpHeaders.RETRY_AFTER, seconds));
		ModelAndView page = new ModelAndView("webex/failed", failure.status());
		page.addObject("messageKey", failure.messageKey());
		page.addObject("trackingId", exception.getTrackingId());
		page.addObject("retryPath", retryPath(request));
		return page;
	}

	@ExceptionHandler
	ModelAndView reconnect(ReconnectRequiredException exception) {
		logger.info("Grant needs the user's consent again: " + exception.reason());
		ModelAndView page = new ModelAndView("reconnect", HttpStatus.UNAUTHORIZED);
		page.addObject("reason", exception.reason());
		return page;
	}

	/**
	 * A grant whose user the allow-list no longer admits (it changed since they
	 * connected) gets the page a refused sign-in ends on
	 * ({@code login.CallbackFailure.NOT_ALLOWED}).
	 */
	@ExceptionHandler
	ModelAndView notAllowed(UserNotAllowedException exception) {
		logger.info("Grant not used: the allow-list no longer admits its user");
		ModelAndView page = new ModelAndView("login/failed", HttpStatus.FORBIDDEN);
		page.addObject("messageKey", NOT_ALLOWED_MESSAGE_KEY);
		return page;
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	String tokenEndpointUnavailable(TokenEndpointUnavailableException exception, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(exception));
		model.addAttribute("messageKey", WebexFailure.UNAVAILABLE.messageKey());
		model.addAttribute("retryPath", retryPath(request));
		return "webex/failed";
	}

	/** Whole seconds, at least one: {@code Retry-After: 0} would invite a tight loop. */
	static String retryAfterSeconds(TokenEndpointUnavailableException exception) {
		return String.valueOf(Math.max(exception.retryAfter().toSeconds(), 1));
	}

	/**
	 * The same page with the same filters: "Try again" must not drop what the user chose.
	 */
	private static String retryPath(HttpServletRequest request) {
		String query = request.getQueryString();
		return (query != null) ? request.getRequestURI() + "?" + query : request.getRequestURI();
	}

}
