package com.example.webexoauth.login;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Records, as request attributes, the address at the other end of the TCP connection
 * (Tomcat's peer address) and whether the request arrived with any reverse proxy's
 * header. Behind a trusted proxy, {@code getRemoteAddr()} is what the proxy's
 * {@code X-Forwarded-For} says, and Tomcat's {@code RemoteIpValve} removes the header it
 * consumed; the servlet API offers neither. Must run before that valve.
 */
final class PeerAddressValve extends ValveBase {

	static final String PEER_ADDRESS_ATTRIBUTE = PeerAddressValve.class.getName() + ".PEER_ADDRESS";

	static final String FORWARDED_ATTRIBUTE = PeerAddressValve.class.getName() + ".FORWARDED";

	/**
	 * Headers a reverse proxy adds: a request carrying any of them came through one, even
	 * from this machine, whatever it says about the client.
	 */
	static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP", "Via");

	PeerAddressValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(PEER_ADDRESS_ATTRIBUTE, request.getPeerAddr());
		request.setAttribute(FORWARDED_ATTRIBUTE, isForwarded(request));
		getNext().invoke(request, response);
	}

	static boolean isForwarded(HttpServletRequest request) {
		return FORWARDING_HEADERS.stream().anyMatch((header) -> request.getHeader(header) != null);
	}

	/**
	 * Adds the valve ahead of the {@code RemoteIpValve} that Spring Boot's customizer
	 * (order 0) adds: engine valves run in the order they were added.
	 */
	static final class Customizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addEngineValves(new PeerAddressValve());
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
