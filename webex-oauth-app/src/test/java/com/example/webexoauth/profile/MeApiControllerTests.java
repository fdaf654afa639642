package com.example.webexoauth.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.webex.client.Person;
import com.example.webex.client.WebexClient;
import com.example.webex.vault.ReconnectRequiredException;
import com.example.webex.vault.TokenEndpointUnavailableException;
import com.example.webex.vault.UserNotAllowedException;
import com.example.webexoauth.WebSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/me} in a web slice: the controller, the app's JSON error advice and
 * security rules, a signed-in user from {@code oauth2Login()}, and {@link WebexClient}
 * replaced by a mock, so no Webex, no database and no port. The flows through real HTTP
 * and the simulator are in {@code LoginFlowTests} and {@code VaultEndToEndTests}.
 */
@WebSliceTest(MeApiController.class)
class MeApiControllerTests {

	private static final String ALICE = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private WebexClient webex;

	@Test
	void meWhenNotSignedInThen401JsonWithoutAskingWebex() throws Exception {
		this.mvc.perform(get("/api/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
		verifyNoInteractions(this.webex);
	}

	@Test
	void meWhenSignedInThenThePersonWebexDescribes() throws Exception {
		given(this.webex.me()).willReturn(new Person(ALICE, "Alice Ångström", "Alice", "Alice", "Ångström",
				List.of("alice@example.com"), null, "org-1", "active", "person", null, null));

		this.mvc.perform(get("/api/me").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.id").value(ALICE))
			.andExpect(jsonPath("$.displayName").value("Alice Ångström"))
			.andExpect(jsonPath("$.emails[0]").value("alice@example.com"));
	}

	@Test
	void meWhenTheGrantNeedsConsentAgainThen401AskingToReconnect() throws Exception {
		given(this.webex.me()).willThrow(new ReconnectRequiredException(ReconnectRequiredException.Reason.NO_GRANT));

		this.mvc.perform(get("/api/me").with(alice()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("reconnect_required"));
	}

	@Test
	void meWhenTheUserIsNoLongerAllowedThen403() throws Exception {
		given(this.webex.me()).willThrow(new UserNotAllowedException());

		this.mvc.perform(get("/api/me").with(alice()))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("not_allowed"));
	}

	@Test
	void meWhenWebexTokenEndpointIsDownThen503WithRetryAfter() throws Exception {
		given(this.webex.me()).willThrow(
				new TokenEndpointUnavailableException("token endpoint answered 502", null, Duration.ofSeconds(30)));

		this.mvc.perform(get("/api/me").with(alice()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "30"))
			.andExpect(jsonPath("$.error").value("webex_unavailable"))
			.andExpect(jsonPath("$.message").isString());
	}

	/** Alice signed in with Webex, as the session keeps her: her person id names her. */
	private static RequestPostProcessor alice() {
		return oauth2Login().oauth2User(new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("id", ALICE, "displayName", "Alice"), "id"));
	}

}
