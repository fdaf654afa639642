package com.example.webex.simulator;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every {@code /v1} response a Webex-style {@code TrackingID} header, which error
 * envelopes repeat in their {@code trackingId}.
 */
class TrackingIds extends OncePerRequestFilter {

	static final String HEADER = "TrackingID";

	private static final String ATTRIBUTE = TrackingIds.class.getName();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		of(request, response);
		chain.doFilter(request, response);
	}

	/**
	 * The request's tracking id, created (and set on the response) on first use.
	 * @param request the current request
	 * @param response its response
	 * @return e.g. {@code ROUTER_5C8F1B2A-0F2B-41BB-80B6-AC1B1B2A00B6}
	 */
	static String of(HttpServletRequest request, HttpServletResponse response) {
		Object existing = request.getAttribute(ATTRIBUTE);
		if (existing != null) {
			return (String) existing;
		}
		String id = "ROUTER_" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		return id;
	}

}
