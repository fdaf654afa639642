package com.example.webexoauth.login;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Puts the security headers on Tomcat's own error page for requests it rejects before any
 * filter runs (an undecodable or ambiguous URI, say), which Spring Security's header
 * writers never see.
 */
final class RejectedRequestHeadersValve extends ValveBase {

	private final List<HeaderWriter> headerWriters;

	RejectedRequestHeadersValve(List<HeaderWriter> headerWriters) {
		super(true);
		this.headerWriters = headerWriters;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		// Already an error here means Tomcat refused the request while parsing it; its
		// error report valve finishes the response, so the headers must be in place
		// beforehand.
		if (response.isError()) {
			this.headerWriters.forEach((writer) -> writer.writeHeaders(request, response));
		}
		getNext().invoke(request, response);
	}

}
