package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The runtime knobs (faults, rate limits, latency) and the admin endpoints that steer
 * them and count calls.
 */
class SimulatorKnobsTests {

	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create()
		.property("simulator.latency", "0ms")
		.build();

	static final SimulatorHttp http = new SimulatorHttp(webex);

	private static String token;

	@BeforeAll
	static void obtainTokens() {
		token = http.accessToken("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
	}

	@Test
	void restCallsWhenRateLimitEveryThirdThen429WithRetryAfterOnThirdAndSixth() {
		HttpResponse<String> settings = http.postJson("/simulator/settings",
				"{\"rateLimitEveryNth\": 3, \"retryAfter\": \"1500ms\"}");
		assertThat(settings.statusCode()).isEqualTo(200);
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> limited = null;
		for (int i = 1; i <= 6; i++) {
			HttpResponse<String> response = http.getWithToken((i % 2 == 0) ? "/v1/rooms" : "/v1/people/me", token);
			statuses.add(response.statusCode());
			if (i == 3) {
				limited = response;
			}
		}
		assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
		JsonNode body = SimulatorHttp.json(limited);
		assertThat(body.get("message").asString()).contains("rate limited");
		assertThat(body.get("trackingId").asString())
			.isEqualTo(limited.headers().firstValue("TrackingID").orElseThrow());
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.RATE_LIMITED)).isEqualTo(2);
	}

	@Test
	void restCallsWhenRetryAfterHeaderSetThenSentVerbatimAndResetRestoresSeconds() {
		for (String value : List.of("9223372036854775", "-5", "Fri, 31 Dec 9999 23:59:59 GMT", "soon")) {
			http.bean(SimulatorSettings.class)
				.update(Map.of("rateLimitEveryNth", 1, "retryAfter", "2s", "retryAfterHeader", value));

			HttpResponse<String> limited = http.getWithToken("/v1/rooms", token);

			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).hasValue(value);
		}
		http.bean(SimulatorSettings.class).reset();
		http.bean(SimulatorSettings.class).update(Map.of("rateLimitEveryNth", 1, "retryAfter", "2s"));
		assertThat(http.getWithToken("/v1/rooms", token).headers().firstValue("Retry-After")).hasValue("2");
		assertThatIllegalArgumentException().isThrownBy(
				() -> http.bean(SimulatorSettings.class).update(Map.of("retryAfterHeader", "1\r\nX-Forged: yes")));
	}

	@Test
	void roomsWhenAddedAtRunTimeThenListedNewestFirstUntilReset() {
		HttpResponse<String> added = http.postJson("/simulator/rooms",
				"{\"user\": \"zoe\", \"title\": \"Added at run time\"}");

		assertThat(added.statusCode()).isEqualTo(201);
		JsonNode room = SimulatorHttp.json(added);
		JsonNode rooms = SimulatorHttp.json(http.getWithToken("/v1/rooms?sortBy=lastactivity", token)).get("items");
		assertThat(rooms).hasSize(26);
		assertThat(rooms.get(0).get("id").asString()).isEqualTo(room.get("id").asString());
		assertThat(rooms.get(0).get("title").asString()).isEqualTo("Added at run time");
		assertThat(http.postJson("/simulator/rooms", "{\"user\": \"nobody\", \"title\": \"x\"}").statusCode())
			.isEqualTo(404);
		assertThat(http.postJson("/simulator/rooms", "{\"user\": \"zoe\"}").statusCode()).isEqualTo(400);
		assertThat(http.post("/simulator/rooms/reset").statusCode()).isEqualTo(204);
		assertThat(SimulatorHttp.json(http.getWithToken("/v1/rooms", token)).get("items")).hasSize(25);
	}

	@Test
	void usersWhenAddedOverHttpThen201AndTheySignInUntilTheSimulatorStops() {
		String frank = "{\"key\": \"frank\", \"email\": \"frank@example.com\", \"displayName\": \"Frank Ocean\"}";
		HttpResponse<String> added = http.postJson("/simulator/users", frank);

		assertThat(added.statusCode()).isEqualTo(201);
		JsonNode user = SimulatorHttp.json(added);
		assertThat(user.get("key").asString()).isEqualTo("frank");
		JsonNode me = SimulatorHttp.json(
				http.getWithToken("/v1/people/me", http.accessToken("frank@example.com", SimulatorHttp.BASIC_SCOPES)));
		assertThat(me.get("id").asString()).isEqualTo(user.get("personId").asString());
		assertThat(me.get("displayName").asString()).isEqualTo("Frank Ocean");
		assertThat(http.postJson("/simulator/users", frank).statusCode()).isEqualTo(201);
		HttpResponse<String> taken = http.postJson("/simulator/users",
				"{\"key\": \"frank\", \"email\": \"other@example.com\", \"displayName\": \"Other\"}");
		assertThat(taken.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(taken).get("message").asString()).contains("frank");
	}

	@Test
	void restCallsWhenFailEverySecondThenConfiguredStatusWithEnvelope() {
		http.bean(SimulatorSettings.class).update(Map.of("failEveryNth", 2, "failStatus", 502));
		assertThat(http.getWithToken("/v1/people/me", token).statusCode()).isEqualTo(200);
		HttpResponse<String> failed = http.getWithToken("/v1/people/me", token);
		assertThat(failed.statusCode()).isEqualTo(502);
		assertThat(SimulatorHttp.json(failed).get("trackingId").asString())
			.isEqualTo(failed.headers().firstValue("TrackingID").orElseThrow());
		assertThat(http.getWithToken("/v1/people/me", token).statusCode()).isEqualTo(200);
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.INJECTED_FAILURES)).isEqualTo(1);
	}

	@Test
	void callsWhenLatencySetThenRestAndTokenCallsTakeAtLeastThatLong() {
		http.postJson("/simulator/settings", "{\"latency\": \"300ms\"}");
		long start = System.nanoTime();
		assertThat(http.getWithToken("/v1/people/me", token).statusCode()).isEqualTo(200);
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
		String code = http.authorizationCode("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		start = System.nanoTime();
		assertThat(http.exchange(code, SimulatorHttp.REDIRECT_URI, null).statusCode()).isEqualTo(200);
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
	}

	@Test
	void callsWhenStillDelayedAtAResetOfTheCountsThenAnsweredButNotCounted() throws Exception {
		http.postJson("/simulator/settings", "{\"latency\": \"3s\"}");
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			// one test's slow call, still in the simulated latency when the next test
			// resets
			Future<HttpResponse<String>> slow = executor.submit(() -> http.getWithToken("/v1/people/me", token));
			Thread.sleep(1000);
			http.bean(SimulatorStats.class).reset();

			assertThat(slow.get().statusCode()).isEqualTo(200);
		}
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.REST_CALLS)).isZero();
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.PEOPLE_ME)).isZero();
		http.postJson("/simulator/settings", "{\"latency\": \"0ms\"}");
		assertThat(http.getWithToken("/v1/people/me", token).statusCode()).isEqualTo(200);
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.PEOPLE_ME)).isEqualTo(1);
	}

	@Test
	void settingsWhenChangedOverHttpThenReadableAndResettable() {
		HttpResponse<String> changed = http.postJson("/simulator/settings",
				"{\"rotateRefreshTokens\": true, \"tokenErrorFormat\": \"webex\", \"accessTokenLifetime\": \"1h\"}");
		JsonNode settings = SimulatorHttp.json(changed);
		assertThat(settings.get("rotateRefreshTokens").asBoolean()).isTrue();
		assertThat(settings.get("tokenErrorFormat").asString()).isEqualTo("webex");
		assertThat(settings.get("accessTokenLifetime").asString()).isEqualTo("PT1H");
		assertThat(http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES).get("expires_in").asLong())
			.isBetween(3590L, 3600L);
		http.post("/simulator/settings/reset");
		JsonNode reset = SimulatorHttp.json(http.get("/simulator/settings"));
		assertThat(reset.get("rotateRefreshTokens").asBoolean()).isFalse();
		assertThat(reset.get("tokenErrorFormat").asString()).isEqualTo("oauth");
	}

	@Test
	void settingsWhenKnobUnknownOrValueInvalidThen400AndNothingChanges() {
		HttpResponse<String> response = http.postJson("/simulator/settings",
				"{\"latency\": \"5s\", \"failEveryNth\": \"often\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(http.bean(SimulatorSettings.class).latency()).isZero();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> http.bean(SimulatorSettings.class).update(Map.of("colour", "blue")));
	}

	@Test
	void statsWhenFlowRunsThenCountsEachStepAndResetClearsThem() {
		JsonNode tokens = http.tokens("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		http.get(http.authorizeUrl(http.authorizeParams(SimulatorHttp.BASIC_SCOPES, "s")));
		http.refresh(tokens.get("refresh_token").asString());
		http.getWithToken("/v1/people/me", tokens.get("access_token").asString());
		http.getWithToken("/v1/rooms", tokens.get("access_token").asString());
		http.getWithToken("/v1/rooms", "bad-token");
		JsonNode stats = SimulatorHttp.json(http.get("/simulator/stats"));
		assertThat(stats.get("authorize").asLong()).isEqualTo(1);
		assertThat(stats.get("authorizeAccepted").asLong()).isEqualTo(1);
		assertThat(stats.get("tokenCodeExchanges").asLong()).isEqualTo(1);
		assertThat(stats.get("tokenRefreshes").asLong()).isEqualTo(1);
		assertThat(stats.get("restCalls").asLong()).isEqualTo(3);
		assertThat(stats.get("peopleMe").asLong()).isEqualTo(1);
		assertThat(stats.get("rooms").asLong()).isEqualTo(1);
		assertThat(stats.get("unauthorized").asLong()).isEqualTo(1);
		assertThat(stats.get("errors").asLong()).isEqualTo(1);
		assertThat(http.post("/simulator/stats/reset").statusCode()).isEqualTo(200);
		JsonNode cleared = SimulatorHttp.json(http.get("/simulator/stats"));
		cleared.properties().forEach((entry) -> assertThat(entry.getValue().asLong()).as(entry.getKey()).isZero());
	}

}
