package com.example.webex.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.example.webex.simulator.SimulatorProperties.TokenAnswer;
import com.example.webex.simulator.SimulatorStats.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the token endpoint in place of Webex when {@code tokenAnswer} says so, the way
 * something in front of it does: a WAF's 403 page, a 404 from a mistyped base URL, a
 * proxy's bare {@code invalid_request}, a 500 page, a login page with status 200.
 * Requests still count as token refreshes (or exchanges) and the error statuses as
 * errors, so tests can tell that the app asked.
 */
class TokenAnswerOverride extends OncePerRequestFilter {

	private final SimulatorSettings settings;

	private final SimulatorStats stats;

	TokenAnswerOverride(SimulatorSettings settings, SimulatorStats stats) {
		this.settings = settings;
		this.stats = stats;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TokenAnswer answer = this.settings.tokenAnswer();
		if (answer == TokenAnswer.NORMAL || !"POST".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		this.settings.applyTokenLatency();
		String grantType = request.getParameter("grant_type");
		if ("refresh_token".equals(grantType)) {
			this.stats.increment(Counter.TOKEN_REFRESHES);
		}
		else if ("authorization_code".equals(grantType)) {
			this.stats.increment(Counter.TOKEN_CODE_EXCHANGES);
		}
		switch (answer) {
			case FORBIDDEN_HTML -> error(response, 403, MediaType.TEXT_HTML_VALUE,
					"<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Request blocked</h1>"
							+ "<p>The request was blocked by the web application firewall.</p></body></html>");
			case NOT_FOUND -> error(response, 404, MediaType.TEXT_HTML_VALUE,
					"<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
							+ "<body><h1>Not Found</h1></body></html>");
			case BARE_INVALID_REQUEST ->
				error(response, 400, MediaType.APPLICATION_JSON_VALUE, "{\"error\":\"invalid_request\"}");
			case SERVER_ERROR -> error(response, 500, MediaType.TEXT_HTML_VALUE,
					"<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>");
			case NOT_JSON -> write(response, 200, MediaType.TEXT_HTML_VALUE,
					"<!DOCTYPE html><html><body><form action=\"/login\"><input name=\"user\"></form></body></html>");
			default -> throw new IllegalStateException("Unexpected token answer " + answer);
		}
	}

	private void error(HttpServletResponse response, int status, String contentType, String body) throws IOException {
		this.stats.increment(Counter.TOKEN_ERRORS);
		this.stats.increment(Counter.ERRORS);
		write(response, status, contentType, body);
	}

	private static void write(HttpServletResponse response, int status, String contentType, String body)
			throws IOException {
		response.setStatus(status);
		response.setContentType(contentType);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(body);
	}

}
