package com.example.webex.simulator;

import java.io.IOException;
import java.net.InetAddress;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Lets only this machine reach the simulator's admin endpoints ({@code /simulator/**} but
 * the avatars): the TCP peer must be loopback, and so must the client a trusted proxy
 * forwards for. A valve, because only Tomcat's own request still knows the peer once
 * {@code X-Forwarded-For} has replaced the remote address; so a forged
 * {@code X-Forwarded-For: 127.0.0.1} opens nothing, and neither does a proxy on this
 * machine passing on requests from elsewhere.
 */
final class AdminFromLoopbackOnlyValve extends ValveBase {

	static final String ADMIN_PATHS = "/simulator/";

	static final String AVATAR_PATHS = DemoData.AVATAR_PATH;

	AdminFromLoopbackOnlyValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		// the decoded URI is normalized already: no '..', '//' or ';' parameters left
		String path = request.getDecodedRequestURI();
		boolean admin = path != null && path.startsWith(ADMIN_PATHS) && !path.startsWith(AVATAR_PATHS);
		if (admin && !(loopback(request.getPeerAddr()) && loopback(request.getRemoteAddr()))) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		getNext().invoke(request, response);
	}

	/**
	 * Whether an address as Tomcat reports it (always a literal, never a name) is
	 * loopback.
	 */
	static boolean loopback(String address) {
		try {
			return address != null && InetAddress.ofLiteral(address).isLoopbackAddress();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
