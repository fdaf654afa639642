package com.example.webexoauth.rooms;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.example.webexoauth.ApiClient;
import com.example.webexoauth.ApiClient.Response;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/rooms} and {@code /api/me} through real HTTP against the simulator: JSON
 * for a signed-in session, a JSON 401 without one, a JSON 400 for bad parameters, and
 * every order and filter checked against the simulator's own data.
 */
class RoomsApiTests {

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static Browser browser;

	static ApiClient zoe;

	static List<JsonNode> byActivity;

	@BeforeAll
	static void signIn() {
		browser = new Browser();
		browser.signIn(app, "zoe@example.com");
		zoe = ApiClient.signedInAs(app, browser);
		byActivity = SimulatorRooms.of(app, browser, "lastactivity");
	}

	@AfterAll
	static void stop() {
		browser.close();
	}

	@Test
	void roomsWhenSignedInThenJsonWithEveryRoomNewestActivityFirstAndCounts() {
		Response response = zoe.get("/api/rooms");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode body = response.json();
		assertThat(ids(body)).containsExactlyElementsOf(ids(byActivity));
		long groups = byActivity.stream().filter((room) -> "group".equals(room.get("type").asString())).count();
		assertThat(body.get("count").asInt()).isEqualTo(25);
		assertThat(body.get("total").asInt()).isEqualTo(25);
		assertThat(body.get("groups").asLong()).isEqualTo(groups);
		assertThat(body.get("directs").asLong()).isEqualTo(25 - groups);
		JsonNode first = body.get("items").get(0);
		JsonNode expected = byActivity.get(0);
		assertThat(first.get("title").asString()).isEqualTo(expected.get("title").asString());
		assertThat(first.get("type").asString()).isEqualTo(expected.get("type").asString());
		assertThat(first.get("isLocked").asBoolean()).isEqualTo(expected.get("isLocked").asBoolean());
		assertThat(first.get("lastActivity").asString()).isEqualTo(expected.get("lastActivity").asString());
		assertThat(first.get("created").asString()).isEqualTo(expected.get("created").asString());
	}

	@Test
	void roomsWhenSortedByCreatedOrIdThenInTheSimulatorsOrder() {
		for (String sortBy : List.of("created", "id", "lastactivity", "CREATED")) {
			List<JsonNode> expected = SimulatorRooms.of(app, browser, sortBy.toLowerCase(Locale.ROOT));
			assertThat(ids(zoe.get("/api/rooms?sortBy=" + sortBy).json())).as(sortBy)
				.containsExactlyElementsOf(ids(expected));
		}
		assertThat(ids(zoe.get("/api/rooms?sortBy=created").json()))
			.isNotEqualTo(ids(zoe.get("/api/rooms?sortBy=id").json()));
	}

	@Test
	void roomsWhenSortedByTitleThenAlphabeticalIgnoringCase() {
		List<String> titles = titles(zoe.get("/api/rooms?sortBy=title").json());

		assertThat(titles).hasSize(25)
			.isSortedAccordingTo(Comparator.comparing((String title) -> title.toLowerCase(Locale.ROOT)))
			.containsExactlyInAnyOrderElementsOf(
					byActivity.stream().map((room) -> room.get("title").asString()).toList());
	}

	@Test
	void roomsWhenFilteredByTypeAndTitleThenOnlyMatchingRoomsAndUnchangedTotals() {
		JsonNode group = zoe.get("/api/rooms?type=group").json();
		JsonNode direct = zoe.get("/api/rooms?type=DIRECT").json();
		JsonNode munich = zoe.get("/api/rooms?q=M%C3%9CNCHEN").json();
		JsonNode munichDecomposed = zoe.get("/api/rooms?q=mu%CC%88nchen").json();
		JsonNode directChen = zoe.get("/api/rooms?type=direct&q=chen").json();
		JsonNode nothing = zoe.get("/api/rooms?type=direct&q=roadmap").json();

		assertThat(group.get("items").valueStream().map((room) -> room.get("type").asString())).containsOnly("group");
		assertThat(group.get("count").asInt()).isEqualTo(group.get("groups").asInt());
		assertThat(direct.get("items").valueStream().map((room) -> room.get("type").asString())).containsOnly("direct");
		assertThat(direct.get("count").asInt()).isEqualTo(direct.get("directs").asInt());
		assertThat(group.get("count").asInt() + direct.get("count").asInt()).isEqualTo(25);
		assertThat(titles(munich)).containsExactly("Übergabe: Release 4.2 (München)");
		assertThat(titles(munichDecomposed)).as("u + combining diaeresis").isEqualTo(titles(munich));
		assertThat(titles(directChen)).containsExactly("Chen Wei 陈伟");
		assertThat(nothing.get("count").asInt()).isZero();
		assertThat(nothing.get("items")).isEmpty();
		for (JsonNode body : List.of(group, direct, munich, directChen, nothing)) {
			assertThat(body.get("total").asInt()).isEqualTo(25);
			assertThat(body.get("groups").asInt() + body.get("directs").asInt()).isEqualTo(25);
		}
	}

	@Test
	void roomsWhenTypeOrSortIsUnknownThen400WithJsonError() {
		Response badType = zoe.get("/api/rooms?type=bogus");
		Response badSort = zoe.get("/api/rooms?sortBy=bogus");
		Response longQuery = zoe.get("/api/rooms?q=" + "x".repeat(201));

		for (Response response : List.of(badType, badSort, longQuery)) {
			assertThat(response.status()).as(response.body()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/json");
			assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
		}
		assertThat(badType.json().get("message").asString()).isEqualTo("type must be one of all, group, direct");
		assertThat(badSort.json().get("message").asString())
			.isEqualTo("sortBy must be one of lastactivity, created, title, id");
		assertThat(longQuery.json().get("message").asString()).isEqualTo("q must be at most 200 characters");
	}

	@Test
	void apiWhenNotSignedInThen401JsonNotARedirect() {
		ApiClient anonymous = ApiClient.anonymous(app);
		for (String path : List.of("/api/rooms", "/api/me", "/api/rooms?type=bogus")) {
			Response response = anonymous.get(path);

			assertThat(response.status()).as(path).isEqualTo(401);
			assertThat(response.location()).isEmpty();
			assertThat(response.contentType()).startsWith("application/json");
			JsonNode body = response.json();
			assertThat(body.get("error").asString()).isEqualTo("unauthenticated");
			assertThat(body.get("message").asString()).isNotBlank();
		}
	}

	@Test
	void meWhenSignedInThenJsonProfile() {
		Response response = zoe.get("/api/me");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode me = response.json();
		assertThat(me.get("displayName").asString()).isEqualTo("Zoë Ångström");
		assertThat(me.get("emails").valueStream().map(JsonNode::asString)).containsExactly("zoe@example.com");
		assertThat(me.get("status").asString()).isEqualTo("active");
		assertThat(me.get("id").asString()).isNotBlank();
	}

	@Test
	void roomsWhenFetchedByTheBrowserThenTheSameJson() {
		String body = browser.get(app.url("/api/rooms?sortBy=id"))
			.getWebResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(ids(SimulatorRooms.json(body)))
			.containsExactlyElementsOf(ids(zoe.get("/api/rooms?sortBy=id").json()));
	}

	private static List<String> ids(JsonNode body) {
		return body.get("items").valueStream().map((room) -> room.get("id").asString()).toList();
	}

	private static List<String> ids(List<JsonNode> rooms) {
		return rooms.stream().map((room) -> room.get("id").asString()).toList();
	}

	private static List<String> titles(JsonNode body) {
		return body.get("items").valueStream().map((room) -> room.get("title").asString()).toList();
	}

}
