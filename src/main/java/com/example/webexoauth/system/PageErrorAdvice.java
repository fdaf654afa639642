package com.example.webexoauth.system;

import com.example.webexoauth.token.ReconnectRequiredException;
import com.example.webexoauth.token.TokenEndpointUnavailableException;
import com.example.webexoauth.webex.WebexApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns what can go wrong behind a page into a page that says so: Webex failing (with its
 * tracking id), a grant that needs the user's consent again, the token endpoint being down.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

	private static final Log logger = LogFactory.getLog(PageErrorAdvice.class);

	@ExceptionHandler
	ModelAndView webexFailed(WebexApiException exception, HttpServletRequest request) {
		WebexFailure failure = WebexFailure.of(exception);
		ModelAndView page = new ModelAndView("webex/failed", failure.status());
		page.addObject("messageKey", failure.messageKey());
		page.addObject("trackingId", exception.getTrackingId());
		page.addObject("retryPath", request.getRequestURI());
		return page;
	}

	@ExceptionHandler
	ModelAndView reconnect(ReconnectRequiredException exception) {
		logger.info("Grant needs the user's consent again: " + exception.reason());
		ModelAndView page = new ModelAndView("reconnect", HttpStatus.UNAUTHORIZED);
		page.addObject("reason", exception.reason());
		return page;
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	String tokenEndpointUnavailable(TokenEndpointUnavailableException exception, HttpServletRequest request,
			Model model) {
		model.addAttribute("messageKey", WebexFailure.UNAVAILABLE.messageKey());
		model.addAttribute("retryPath", request.getRequestURI());
		return "webex/failed";
	}

}
