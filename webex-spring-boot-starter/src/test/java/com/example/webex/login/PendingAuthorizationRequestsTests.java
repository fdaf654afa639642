package com.example.webex.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-state store of pending sign-ins: several at once, single use, a time to live
 * and a cap.
 */
class PendingAuthorizationRequestsTests {

	private final MutableClock clock = new MutableClock(
			Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

	// the application's rule (SignInReturnPath), here: a "continue" parameter naming
	// /spaces
	private final PendingAuthorizationRequests pending = new PendingAuthorizationRequests(Duration.ofMinutes(10), 10,
			this.clock, (start) -> Optional.ofNullable(start.getParameter("continue"))
				.filter((path) -> path.startsWith("/spaces")));

	private final MockHttpSession session = new MockHttpSession();

	@Test
	void loadWhenSeveralArePendingThenEachIsFoundByItsState() {
		save("one");
		save("two");
		save("three");
		assertThat(remove("three")).isNotNull();
		assertThat(remove("one")).isNotNull();
		assertThat(remove("two")).isNotNull();
	}

	@Test
	void removeWhenUsedTwiceThenSecondTimeNothing() {
		save("once");
		assertThat(remove("once").getState()).isEqualTo("once");
		assertThat(remove("once")).isNull();
	}

	@Test
	void loadWhenStateIsUnknownOrMissingThenNothing() {
		save("known");
		assertThat(remove("unknown")).isNull();
		assertThat(remove(null)).isNull();
		assertThat(this.pending.loadAuthorizationRequest(new MockHttpServletRequest())).isNull();
	}

	@Test
	void loadWhenOlderThanTimeToLiveThenNothing() {
		save("fresh");
		save("stale");
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(load("fresh")).as("exactly at the TTL").isNotNull();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(remove("stale")).isNull();
		assertThat(remove("fresh")).isNull();
	}

	@Test
	void saveWhenCapIsReachedThenOldestIsDropped() {
		List<String> states = new ArrayList<>();
		for (int i = 1; i <= 11; i++) {
			states.add("state-" + i);
			save("state-" + i);
			this.clock.advance(Duration.ofMillis(1));
		}
		assertThat(remove("state-1")).isNull();
		for (String state : states.subList(1, 11)) {
			assertThat(remove(state)).as(state).isNotNull();
		}
	}

	@Test
	void saveWhenSomeExpiredThenTheyAreDroppedFromTheSession() {
		save("old");
		this.clock.advance(Duration.ofMinutes(11));
		save("new");
		assertThat(this.session.getAttributeNames().asIterator()).toIterable()
			.filteredOn((name) -> name.startsWith(PendingAuthorizationRequests.ATTRIBUTE_PREFIX))
			.containsExactly(PendingAuthorizationRequests.ATTRIBUTE_PREFIX + "new");
	}

	@Test
	void saveWhenItStartsTheSessionThenTheSessionLivesAsLongAsTheSignInMay() {
		MockHttpServletRequest start = new MockHttpServletRequest("GET", "/oauth2/authorization/webex");
		this.pending.saveAuthorizationRequest(authorizationRequest("first"), start, new MockHttpServletResponse());
		assertThat(start.getSession(false)).isNotNull();
		assertThat(start.getSession(false).getMaxInactiveInterval()).isEqualTo(600);
	}

	@Test
	void saveWhenTheSessionExistsThenItKeepsItsLifetime() {
		this.session.setMaxInactiveInterval(8 * 3600);
		save("signed-in");
		assertThat(this.session.getMaxInactiveInterval()).isEqualTo(8 * 3600);
	}

	@Test
	void removeWhenStartedWithAPageOfOursThenTheCallbackCarriesItAsReturnPath() {
		save("spaces", "/spaces?type=group");
		save("foreign", "//evil.example");
		save("none", null);
		MockHttpServletRequest spaces = request("spaces");
		MockHttpServletRequest foreign = request("foreign");
		MockHttpServletRequest none = request("none");
		for (MockHttpServletRequest callback : List.of(spaces, foreign, none)) {
			assertThat(this.pending.removeAuthorizationRequest(callback, new MockHttpServletResponse())).isNotNull();
		}
		assertThat(spaces.getAttribute(PendingAuthorizationRequests.RETURN_PATH_ATTRIBUTE))
			.isEqualTo("/spaces?type=group");
		assertThat(foreign.getAttribute(PendingAuthorizationRequests.RETURN_PATH_ATTRIBUTE)).isNull();
		assertThat(none.getAttribute(PendingAuthorizationRequests.RETURN_PATH_ATTRIBUTE)).isNull();
	}

	private void save(String state) {
		save(state, null);
	}

	private void save(String state, String returnPath) {
		MockHttpServletRequest start = request(null);
		if (returnPath != null) {
			start.setParameter("continue", returnPath);
		}
		this.pending.saveAuthorizationRequest(authorizationRequest(state), start, new MockHttpServletResponse());
	}

	private static OAuth2AuthorizationRequest authorizationRequest(String state) {
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://webexapis.example/v1/authorize")
			.clientId("client")
			.redirectUri("http://localhost/oauth")
			.state(state)
			.build();
	}

	private OAuth2AuthorizationRequest load(String state) {
		return this.pending.loadAuthorizationRequest(request(state));
	}

	private OAuth2AuthorizationRequest remove(String state) {
		return this.pending.removeAuthorizationRequest(request(state), new MockHttpServletResponse());
	}

	private MockHttpServletRequest request(String state) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth");
		request.setSession(this.session);
		if (state != null) {
			request.setParameter("state", state);
		}
		return request;
	}

}
