package com.example.webexoauth.rooms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.example.webexoauth.ApiClient;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.vault.TokenVault;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in user's rooms as the simulator itself lists them, asked directly with the
 * user's own access token from the app's vault: the oracle the app's pages and JSON are
 * checked against.
 */
final class SimulatorRooms {

	private static final HttpClient client = HttpClient.newHttpClient();

	private SimulatorRooms() {
	}

	/**
	 * All rooms in the simulator's order for {@code sortBy} (one page of up to 1,000).
	 * @param app the app the browser is signed in to
	 * @param browser a signed-in browser
	 * @param sortBy {@code lastactivity}, {@code created} or {@code id}
	 * @return the rooms as JSON objects
	 */
	static List<JsonNode> of(RunningApp app, Browser browser, String sortBy) {
		String personId = ApiClient.signedInAs(app, browser).get("/api/me").json().get("id").asString();
		String token = app.bean(TokenVault.class).accessToken(personId);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(SimulatedWebex.apiBaseUrl() + "/rooms?max=1000&sortBy=" + sortBy))
			.header("Authorization", "Bearer " + token)
			.build();
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Link")).as("one page holds them all").isEmpty();
		List<JsonNode> rooms = new ArrayList<>();
		json(response.body()).get("items").forEach(rooms::add);
		return rooms;
	}

	static JsonNode json(String body) {
		return JsonMapper.shared().readTree(body);
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
