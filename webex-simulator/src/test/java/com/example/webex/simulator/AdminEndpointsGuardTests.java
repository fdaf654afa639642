package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's admin endpoints cannot be steered from a web page: every state-changing
 * {@code /simulator/**} POST sent as a cross-site form or a {@code no-cors} fetch could
 * send it ({@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 * {@code text/plain}) is refused and changes nothing, on a standalone simulator and on
 * the one a demo-mode app serves itself; and through a trusted proxy they answer only a
 * client on this machine.
 */
class AdminEndpointsGuardTests {

	/** Every state-changing admin endpoint, with the query parameters it takes. */
	static final List<String> STATE_CHANGING = List.of("/simulator/settings", "/simulator/settings/reset",
			"/simulator/stats/reset", "/simulator/expire-access-tokens?user=zoe@example.com",
			"/simulator/revoke-grants?user=zoe@example.com", "/simulator/clock/advance?by=30d",
			"/simulator/clock/reset", "/simulator/rooms", "/simulator/rooms/reset", "/simulator/users");

	static final String EVIL_ORIGIN = "http://evil.example";

	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create().build();

	static final SimulatorHttp standalone = new SimulatorHttp(webex);

	@Test
	void crossSitePostsWhenStandaloneThenEachRefusedAndNothingChanges() {
		assertCrossSitePostsChangeNothing(standalone);
	}

	@Test
	void jsonPostsWhenFromThisMachineThenTheyStillWork() {
		assertThat(standalone.post("/simulator/clock/advance?by=1h").statusCode()).isEqualTo(200);
		assertThat(standalone.bean(SimulatorClock.class).offset()).isEqualTo(Duration.ofHours(1));
		assertThat(standalone.postJson("/simulator/settings", "{\"failStatus\": 502}").statusCode()).isEqualTo(200);
		assertThat(standalone.bean(SimulatorSettings.class).failStatus()).isEqualTo(502);
	}

	private static void assertCrossSitePostsChangeNothing(SimulatorHttp http) {
		// state that each endpoint would visibly change
		SimulatorSettings settings = http.bean(SimulatorSettings.class);
		settings.update(Map.of("failStatus", 502, "rotateRefreshTokens", true));
		http.bean(SimulatorClock.class).advance(Duration.ofHours(1));
		http.bean(DemoDirectory.class).addRoom(0, "Added before", http.bean(SimulatorClock.class).instant());
		TokenAuthority authority = http.bean(TokenAuthority.class);
		String token = authority.issue(0, Set.of("spark:people_read")).accessToken();
		assertThat(http.getWithToken("/v1/people/me", token).statusCode()).isEqualTo(200);
		Map<String, Object> before = state(http, token);

		for (String endpoint : STATE_CHANGING) {
			Map<String, String> attempts = Map.of("application/x-www-form-urlencoded",
					"latency=5s&failStatus=500&user=zoe%40example.com&by=30d&title=x&key=eve&email=eve%40example.com"
							+ "&displayName=Eve",
					"text/plain",
					"{\"latency\": \"5s\", \"failStatus\": 500, \"user\": \"zoe\", \"title\": \"x\", "
							+ "\"key\": \"eve\", \"email\": \"eve@example.com\", \"displayName\": \"Eve\"}",
					"multipart/form-data; boundary=b",
					"--b\r\nContent-Disposition: form-data; name=\"failStatus\"\r\n\r\n500\r\n--b--\r\n");
			attempts.forEach((contentType, body) -> {
				HttpResponse<String> response = http.post(endpoint, contentType, body, "Origin", EVIL_ORIGIN);
				assertThat(response.statusCode()).as(endpoint + " as " + contentType).isEqualTo(415);
			});
		}

		assertThat(state(http, token)).isEqualTo(before);
	}

	/**
	 * What the admin endpoints can change: knobs, clock, counters, a user's tokens, rooms
	 * and users.
	 */
	private static Map<String, Object> state(SimulatorHttp http, String accessToken) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("settings", http.bean(SimulatorSettings.class).asMap());
		state.put("clock", http.bean(SimulatorClock.class).offset());
		Map<String, Long> counters = new LinkedHashMap<>(http.bean(SimulatorStats.class).asMap());
		// refused requests are counted as errors, as every refused call is
		counters.remove("errors");
		state.put("counters", counters);
		state.put("tokenValid", http.bean(TokenAuthority.class).verify(accessToken).isPresent());
		DemoDirectory directory = http.bean(DemoDirectory.class);
		state.put("users", directory.people().size());
		state.put("rooms", directory.rooms(0, DemoDirectory.RoomOrder.ID).size());
		return state;
	}

}
