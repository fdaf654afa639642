package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/authorize}: request checks, the consent page and the redirects back.
 */
class AuthorizeEndpointTests {

	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create().build();

	static final SimulatorHttp http = new SimulatorHttp(webex);

	@Test
	void authorizeWhenRequestValidThenShowsConsentWithScopesUsersAndChoices() {
		HttpResponse<String> response = http
			.get(http.authorizeUrl(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-1")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("Simulated Webex")
			.contains("Webex OAuth Example")
			.contains("Read your company directory")
			.contains("List the titles of rooms that you&#39;re in")
			.contains("<legend>Sign in as</legend>")
			.contains("Zoë Ångström", "Rahul Deshpande", "Chen Wei 陈伟", "bulk@example.com")
			.contains("value=\"accept\"", "value=\"decline\"")
			.contains("<input type=\"hidden\" name=\"state\" value=\"s-1\">")
			.doesNotContain("<script");
		assertThat(response.body().split("type=\"radio\"", -1)).hasSizeGreaterThan(3);
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'none'"));
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.AUTHORIZE)).isEqualTo(1);
	}

	@Test
	void authorizeWhenStateCarriesMarkupThenPageEscapesIt() {
		HttpResponse<String> response = http
			.get(http.authorizeUrl(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "\"><script>alert(1)</script>")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)");
	}

	@Test
	void authorizeWhenLoginHintNamesAUserThenThatUserIsPreselected() {
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, null);
		params.put("login_hint", "bulk@example.com");
		String page = http.get(http.authorizeUrl(params)).body();
		assertThat(page).containsPattern("value=\"bulk@example.com\"\\s+checked");
		assertThat(page).doesNotContainPattern("value=\"zoe@example.com\"\\s+checked");
	}

	@Test
	void acceptWhenUserChosenThenRedirectsWithCodeAndUnchangedState() {
		String state = "a+b&c=d/é";
		Map<String, String> form = new LinkedHashMap<>(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, state));
		form.put("user", "zoe@example.com");
		form.put("decision", "accept");
		HttpResponse<String> response = http.postForm("/v1/authorize", form);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith(SimulatorHttp.REDIRECT_URI + "?code="));
		Map<String, String> query = SimulatorHttp.locationQuery(response);
		assertThat(query.get("code")).matches("[A-Za-z0-9_-]{40,}_PF84_[0-9a-f-]{36}");
		assertThat(query.get("state")).isEqualTo(state);
		assertThat(query).doesNotContainKey("error");
	}

	@Test
	void acceptWhenRequestHadNoStateThenRedirectHasNoState() {
		Map<String, String> form = new LinkedHashMap<>(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, null));
		form.put("user", "rahul@example.com");
		form.put("decision", "accept");
		HttpResponse<String> response = http.postForm("/v1/authorize", form);
		assertThat(SimulatorHttp.locationQuery(response)).containsOnlyKeys("code");
	}

	@Test
	void declineThenRedirectsWithAccessDeniedAndState() {
		Map<String, String> form = new LinkedHashMap<>(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-2"));
		form.put("user", "zoe@example.com");
		form.put("decision", "decline");
		HttpResponse<String> response = http.postForm("/v1/authorize", form);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(SimulatorHttp.locationQuery(response)).isEqualTo(Map.of("error", "access_denied", "state", "s-2"));
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.AUTHORIZE_DECLINED)).isEqualTo(1);
	}

	@Test
	void errorRedirectsWhenErrorsWithoutStateThenCarryNoState() {
		http.bean(SimulatorSettings.class).update(Map.of("errorsWithoutState", true));
		Map<String, String> form = new LinkedHashMap<>(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-2"));
		form.put("user", "zoe@example.com");
		form.put("decision", "decline");
		assertThat(SimulatorHttp.locationQuery(http.postForm("/v1/authorize", form)))
			.isEqualTo(Map.of("error", "access_denied"));
		HttpResponse<String> invalidScope = http
			.get(http.authorizeUrl(http.authorizeParams("spark:people_read identity:tokens_write", "s-6")));
		assertThat(SimulatorHttp.locationQuery(invalidScope)).isEqualTo(Map.of("error", "invalid_scope"));
		// a code still comes back with its state
		form.put("decision", "accept");
		assertThat(SimulatorHttp.locationQuery(http.postForm("/v1/authorize", form))).containsEntry("state", "s-2");
	}

	@Test
	void authorizeWhenClientUnknownThenErrorPageWithoutRedirect() {
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-3");
		params.put("client_id", "Cnot-registered");
		HttpResponse<String> response = http.get(http.authorizeUrl(params));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("client_id");
	}

	@Test
	void authorizeWhenRedirectUriNotRegisteredThenErrorPageWithoutRedirect() {
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-4");
		params.put("redirect_uri", "https://evil.example.com/oauth");
		HttpResponse<String> response = http.get(http.authorizeUrl(params));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("redirect_uri").doesNotContain("evil.example.com");
	}

	@Test
	void acceptWhenRedirectUriNotRegisteredThenNoRedirectEither() {
		Map<String, String> form = new LinkedHashMap<>(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-5"));
		form.put("redirect_uri", "https://evil.example.com/oauth");
		form.put("user", "zoe@example.com");
		form.put("decision", "accept");
		HttpResponse<String> response = http.postForm("/v1/authorize", form);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void authorizeWhenScopeUnknownThenRedirectsWithInvalidScope() {
		HttpResponse<String> response = http
			.get(http.authorizeUrl(http.authorizeParams("spark:people_read identity:tokens_write", "s-6")));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(SimulatorHttp.locationQuery(response)).isEqualTo(Map.of("error", "invalid_scope", "state", "s-6"));
	}

	@Test
	void authorizeWhenScopeMissingThenRedirectsWithInvalidScope() {
		Map<String, String> params = http.authorizeParams("", "s-7");
		params.remove("scope");
		HttpResponse<String> response = http.get(http.authorizeUrl(params));
		assertThat(SimulatorHttp.locationQuery(response)).containsEntry("error", "invalid_scope");
	}

	@Test
	void authorizeWhenResponseTypeIsNotCodeThenRedirectsWithUnsupportedResponseType() {
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-8");
		params.put("response_type", "token");
		HttpResponse<String> response = http.get(http.authorizeUrl(params));
		assertThat(SimulatorHttp.locationQuery(response)).containsEntry("error", "unsupported_response_type")
			.containsEntry("state", "s-8");
	}

	@Test
	void authorizeWhenCodeChallengeMethodUnknownThenRedirectsWithInvalidRequest() {
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-9");
		params.put("code_challenge", SimulatorHttp.s256("v".repeat(43)));
		params.put("code_challenge_method", "S512");
		HttpResponse<String> response = http.get(http.authorizeUrl(params));
		assertThat(SimulatorHttp.locationQuery(response)).containsEntry("error", "invalid_request");
	}

	@Test
	void authorizeWhenPkceRequestedThenChallengeTravelsThroughTheConsentForm() {
		Map<String, String> params = http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s-10");
		String challenge = SimulatorHttp.s256("v".repeat(43));
		params.put("code_challenge", challenge);
		params.put("code_challenge_method", "S256");
		String page = http.get(http.authorizeUrl(params)).body();
		assertThat(page).contains("name=\"code_challenge\" value=\"" + challenge + "\"")
			.contains("name=\"code_challenge_method\" value=\"S256\"");
	}

}
