package com.example.webex.simulator;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.junit.jupiter.api.Test;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The rule that keeps the admin endpoints to this machine, for the peers tests cannot be:
 * Tomcat's request as the valve sees it, its TCP peer and its (possibly forwarded) client
 * address set apart.
 */
class AdminFromLoopbackOnlyValveTests {

	private final Valve next = mock(Valve.class);

	private final Response response = mock(Response.class);

	private final AdminFromLoopbackOnlyValve valve = new AdminFromLoopbackOnlyValve();

	AdminFromLoopbackOnlyValveTests() {
		this.valve.setNext(this.next);
	}

	@Test
	void adminPathWhenPeerIsNotLoopbackThenForbiddenEvenIfForwardedForLoopback() throws Exception {
		Request request = request("/simulator/settings", "203.0.113.7", "127.0.0.1");

		this.valve.invoke(request, this.response);

		verify(this.response).sendError(403);
		verify(this.next, never()).invoke(request, this.response);
	}

	@Test
	void adminPathWhenLoopbackPeerForwardsForAnotherClientThenForbidden() throws Exception {
		Request request = request("/simulator/clock/advance", "127.0.0.1", "203.0.113.7");

		this.valve.invoke(request, this.response);

		verify(this.response).sendError(403);
		verify(this.next, never()).invoke(request, this.response);
	}

	@Test
	void adminPathWhenPeerIsAnotherMachineThenForbidden() throws Exception {
		for (String path : new String[] { "/simulator/stats", "/simulator/stats/reset", "/simulator/revoke-grants",
				"/simulator/expire-access-tokens", "/simulator/settings/reset", "/simulator/clock/reset" }) {
			Request request = request(path, "192.168.1.20", "192.168.1.20");

			this.valve.invoke(request, this.response);

			verify(this.next, never()).invoke(request, this.response);
		}
		verify(this.response, times(6)).sendError(403);
	}

	@Test
	void adminPathWhenLoopbackThenPassedOn() throws Exception {
		for (String peer : new String[] { "127.0.0.1", "0:0:0:0:0:0:0:1", "127.0.1.1" }) {
			Request request = request("/simulator/settings", peer, peer);

			this.valve.invoke(request, this.response);

			verify(this.next).invoke(request, this.response);
		}
		verify(this.response, never()).sendError(403);
	}

	@Test
	void otherPathsWhenPeerIsAnotherMachineThenPassedOn() throws Exception {
		for (String path : new String[] { "/v1/people/me", "/v1/access_token", "/simulator/avatars/zoe.svg", "/" }) {
			Request request = request(path, "203.0.113.7", "203.0.113.7");

			this.valve.invoke(request, this.response);

			verify(this.next).invoke(request, this.response);
		}
		verify(this.response, never()).sendError(403);
	}

	private static Request request(String path, String peer, String remote) {
		Request request = mock(Request.class);
		given(request.getDecodedRequestURI()).willReturn(path);
		given(request.getPeerAddr()).willReturn(peer);
		given(request.getRemoteAddr()).willReturn(remote);
		return request;
	}

}
