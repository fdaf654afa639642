package com.example.webexoauth.login;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, also refusing requests whose parameters cannot be
 * decoded (say {@code ?q=%FF} or {@code %uD800}): Tomcat throws on the first
 * {@code getParameter}, wherever that happens, and the request ends as a 500.
 */
final class DecodableParametersFirewall implements HttpFirewall {

	private final HttpFirewall strict = new StrictHttpFirewall();

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) throws RequestRejectedException {
		FirewalledRequest firewalled = this.strict.getFirewalledRequest(request);
		// The error page for the rejection is another dispatch of the same request: let
		// it pass.
		if (request.getDispatcherType() == DispatcherType.REQUEST) {
			try {
				firewalled.getParameterMap();
			}
			catch (IllegalStateException ex) {
				throw new RequestRejectedException("The request's parameters cannot be decoded");
			}
		}
		return firewalled;
	}

	@Override
	public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
		return this.strict.getFirewalledResponse(response);
	}

}
