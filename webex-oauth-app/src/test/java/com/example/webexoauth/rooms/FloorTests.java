package com.example.webexoauth.rooms;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.example.webex.vault.TokenVault;
import com.example.webexoauth.ApiClient;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's floor ({@code /bench/floor}, bench/README.md): off unless
 * {@code bench.floor.enabled=true}; on, the caller's rooms as the page's rows from one
 * Webex call, with no session and no security headers (the filters never run).
 */
class FloorTests {

	@TempDir
	static Path otherDataDir;

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of("bench.floor.enabled", "true"));

	static Browser browser;

	static String bearer;

	static List<JsonNode> rooms;

	@BeforeAll
	static void signIn() {
		browser = new Browser();
		browser.signIn(app, "zoe@example.com");
		String personId = ApiClient.signedInAs(app, browser).get("/api/me").json().get("id").asString();
		bearer = "Bearer " + app.bean(TokenVault.class).accessToken(personId);
		rooms = SimulatorRooms.of(app, browser, "lastactivity");
	}

	@AfterAll
	static void stop() {
		browser.close();
	}

	@Test
	void floorWhenEnabledThenEveryRoomAsARowWithoutSessionOrSecurityHeaders() {
		HttpResponse<String> response = AppHttp.get(app.url(Floor.PATH), "Authorization", bearer);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(rooms).hasSize(25);
		assertThat(response.body().split("<tr>", -1)).hasSize(rooms.size() + 1);
		for (JsonNode room : rooms) {
			assertThat(response.body())
				.contains("<td>" + HtmlUtils.htmlEscape(room.get("title").asString(), "UTF-8") + "</td>");
		}
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).as("no security filter chain").isEmpty();
	}

	@Test
	void floorWhenNoBearerTokenThenBadRequestAndNoWebexCall() {
		HttpResponse<String> response = AppHttp.get(app.url(Floor.PATH));

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void floorWhenWebexRefusesTheTokenThenBadGateway() {
		HttpResponse<String> response = AppHttp.get(app.url(Floor.PATH), "Authorization", "Bearer not-a-token");

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).doesNotContain("not-a-token");
	}

	@Test
	void floorWhenNotEnabledThenThePathIsAnOrdinaryProtectedRoute() {
		try (RunningApp plain = RunningApp.start(SimulatedWebex.appPort(1), otherDataDir, Map.of())) {
			HttpResponse<String> response = AppHttp.get(plain.url(Floor.PATH), "Authorization", bearer);

			assertThat(response.statusCode()).isNotEqualTo(200);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.body()).doesNotContain(rooms.get(0).get("title").asString());
		}
	}

}
