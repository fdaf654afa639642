package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.util.Map;

import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's knobs for what stands between the app and Webex, and for how Webex
 * itself differs from RFC 6749: answers in place of Webex, token-only latency, Webex's
 * {@code invalid_request} for a refresh token it no longer accepts, and generated people.
 */
class TokenEndpointKnobsTests {

	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create()
		.property("simulator.extra-people", 2)
		.build();

	static final SimulatorHttp http = new SimulatorHttp(webex);

	@Test
	void refreshWhenTokenAnswerOverriddenThenAnsweredLikeTheThingInFrontOfWebex() {
		String refreshToken = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES)
			.get("refresh_token")
			.asString();
		http.bean(SimulatorStats.class).reset();
		assertAnswer("forbidden_html", 403, "text/html", "Request blocked");
		assertAnswer("not_found", 404, "text/html", "Not Found");
		assertAnswer("bare_invalid_request", 400, "application/json", "{\"error\":\"invalid_request\"}");
		assertAnswer("server_error", 500, "text/html", "Internal Server Error");
		assertAnswer("not_json", 200, "text/html", "<form");
		SimulatorStats stats = http.bean(SimulatorStats.class);
		assertThat(stats.get(Counter.TOKEN_REFRESHES)).isEqualTo(5);
		assertThat(stats.get(Counter.TOKEN_ERRORS)).isEqualTo(4);
		// Back to normal, the same refresh token still works: nothing behind the override
		// changed.
		http.postJson("/simulator/settings", "{\"tokenAnswer\": \"normal\"}");
		HttpResponse<String> healed = http.refresh(refreshToken);
		assertThat(healed.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(healed).get("access_token").asString()).isNotBlank();
	}

	@Test
	void callsWhenTokenLatencySetThenOnlyTheTokenEndpointIsSlow() {
		JsonNode tokens = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		assertThat(SimulatorHttp.json(http.postJson("/simulator/settings", "{\"tokenLatency\": \"600ms\"}"))
			.get("tokenLatency")
			.asString()).isEqualTo("PT0.6S");
		long start = System.nanoTime();
		assertThat(http.getWithToken("/v1/people/me", tokens.get("access_token").asString()).statusCode())
			.isEqualTo(200);
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(600);
		start = System.nanoTime();
		assertThat(http.refresh(tokens.get("refresh_token").asString()).statusCode()).isEqualTo(200);
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);
	}

	@Test
	void refreshWhenRevokedAndWebexRefusalOnThenInvalidRequestWithWebexMessage() {
		String refreshToken = http.tokens("rahul@example.com", SimulatorHttp.BASIC_SCOPES)
			.get("refresh_token")
			.asString();
		http.bean(TokenAuthority.class).revokeGrants("rahul@example.com");
		JsonNode rfc = SimulatorHttp.json(http.refresh(refreshToken));
		assertThat(rfc.get("error").asString()).isEqualTo("invalid_grant");
		http.postJson("/simulator/settings", "{\"refreshRefusalAsInvalidRequest\": true}");
		HttpResponse<String> refused = http.refresh(refreshToken);
		assertThat(refused.statusCode()).isEqualTo(400);
		JsonNode webex = SimulatorHttp.json(refused);
		assertThat(webex.get("error").asString()).isEqualTo("invalid_request");
		assertThat(webex.get("error_description").asString())
			.isEqualTo("The refresh token provided is expired, revoked, malformed, or invalid.");
	}

	@Test
	void signInWhenExtraPeopleConfiguredThenEachIsAUserOfTheirOwn() {
		JsonNode tokens = http.tokens("load-2@example.com", SimulatorHttp.BASIC_SCOPES);
		JsonNode me = SimulatorHttp.json(http.getWithToken("/v1/people/me", tokens.get("access_token").asString()));
		assertThat(me.get("displayName").asString()).isEqualTo("Load Tester 2");
		assertThat(me.get("emails").get(0).asString()).isEqualTo("load-2@example.com");
		JsonNode rooms = SimulatorHttp.json(http.getWithToken("/v1/rooms", tokens.get("access_token").asString()));
		assertThat(rooms.get("items")).hasSize(5);
		// The demo people keep their places: tokens carry a person's position.
		JsonNode zoe = SimulatorHttp
			.json(http.getWithToken("/v1/people/me", http.accessToken("zoe@example.com", SimulatorHttp.BASIC_SCOPES)));
		assertThat(zoe.get("displayName").asString()).isEqualTo("Zoë Ångström");
	}

	private static void assertAnswer(String answer, int status, String contentType, String bodyPart) {
		http.postJson("/simulator/settings", "{\"tokenAnswer\": \"" + answer + "\"}");
		HttpResponse<String> response = http.refresh("any-refresh-token");
		assertThat(response.statusCode()).as(answer).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(answer)
			.hasValueSatisfying((value) -> assertThat(value).startsWith(contentType));
		assertThat(response.body()).as(answer).contains(bodyPart);
	}

}
