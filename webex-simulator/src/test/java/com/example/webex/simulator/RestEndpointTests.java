package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/people/me} and {@code /v1/rooms}: data, paging, filters, Webex's next-link
 * defects and the error envelope.
 */
class RestEndpointTests {

	private static final Pattern NEXT_LINK = Pattern
		.compile("^<(http://127\\.0\\.0\\.1:\\d+/v1/rooms\\?[^>]+)>; rel=\"next\"$");

	private static final String WEBEX_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create().build();

	static final SimulatorHttp http = new SimulatorHttp(webex);

	private static String zoe;

	private static String bulk;

	@BeforeAll
	static void obtainTokens() {
		zoe = http.accessToken("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		bulk = http.accessToken("bulk@example.com", SimulatorHttp.BASIC_SCOPES);
	}

	@Test
	void peopleMeWhenTokenValidThenPersonOfTheConsentingUser() {
		HttpResponse<String> response = http.getWithToken("/v1/people/me", zoe);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode person = SimulatorHttp.json(response);
		assertThat(new String(Base64.getUrlDecoder().decode(person.get("id").asString()), StandardCharsets.US_ASCII))
			.matches("ciscospark://us/PEOPLE/[0-9a-f-]{36}");
		assertThat(person.get("emails").get(0).asString()).isEqualTo("zoe@example.com");
		assertThat(person.get("displayName").asString()).isEqualTo("Zoë Ångström");
		assertThat(person.get("firstName").asString()).isEqualTo("Zoë");
		assertThat(person.get("lastName").asString()).isEqualTo("Ångström");
		assertThat(person.get("nickName").asString()).isEqualTo("Zoë");
		assertThat(person.get("avatar").asString()).isEqualTo(http.baseUrl() + "/simulator/avatars/zoe.svg");
		assertThat(person.get("orgId").asString()).isNotBlank();
		assertThat(person.get("created").asString()).matches(WEBEX_DATE);
		assertThat(person.get("lastActivity").asString()).matches(WEBEX_DATE);
		assertThat(person.get("status").asString()).isEqualTo("active");
		assertThat(person.get("type").asString()).isEqualTo("person");
		assertThat(response.headers().firstValue("TrackingID")).isPresent();
	}

	@Test
	void peopleMeWhenTokenUnknownThen401WithExactEnvelope() {
		HttpResponse<String> response = http.getWithToken("/v1/people/me", "not-a-real-token");
		assertUnauthorized(response);
		assertThat(http.bean(SimulatorStats.class).get(SimulatorStats.Counter.UNAUTHORIZED)).isEqualTo(1);
	}

	@Test
	void peopleMeWhenTokenTamperedOrMissingThen401() {
		char[] tampered = zoe.toCharArray();
		tampered[10] = (tampered[10] == 'A') ? 'B' : 'A';
		assertUnauthorized(http.getWithToken("/v1/people/me", new String(tampered)));
		assertUnauthorized(http.get("/v1/people/me"));
	}

	@Test
	void peopleMeWhenScopeMissingThen403() {
		String roomsOnly = http.accessToken("zoe@example.com", "spark:rooms_read");
		HttpResponse<String> response = http.getWithToken("/v1/people/me", roomsOnly);
		assertEnvelope(response, 403);
	}

	@Test
	void roomsWhenScopeMissingThen403AndSparkAllCoversBoth() {
		String peopleOnly = http.accessToken("zoe@example.com", "spark:people_read");
		assertEnvelope(http.getWithToken("/v1/rooms", peopleOnly), 403);
		String all = http.accessToken("zoe@example.com", "spark:all spark:kms");
		assertThat(http.getWithToken("/v1/rooms", all).statusCode()).isEqualTo(200);
		assertThat(http.getWithToken("/v1/people/me", all).statusCode()).isEqualTo(200);
	}

	@Test
	void roomsWhenMainUserThenRealisticMixOnOnePage() {
		HttpResponse<String> response = http.getWithToken("/v1/rooms", zoe);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Link")).isEmpty();
		List<JsonNode> rooms = items(response);
		assertThat(rooms).hasSizeBetween(20, 30);
		assertThat(rooms).extracting((room) -> room.get("title").asString())
			.contains("<script>alert('x')</script> & \"friends\"", "Rahul Deshpande", "Chen Wei 陈伟");
		assertThat(rooms).anySatisfy((room) -> assertThat(room.get("isLocked").asBoolean()).isTrue());
		assertThat(rooms).anySatisfy((room) -> assertThat(room.has("teamId")).isTrue());
		assertThat(rooms).anySatisfy((room) -> assertThat(room.has("teamId")).isFalse());
		assertThat(rooms).extracting((room) -> room.get("type").asString()).contains("direct", "group");
		assertThat(rooms).allSatisfy((room) -> {
			assertThat(room.get("lastActivity").asString()).matches(WEBEX_DATE);
			assertThat(room.get("created").asString()).matches(WEBEX_DATE);
			assertThat(room.get("creatorId").asString()).isNotBlank();
			assertThat(room.get("ownerId").asString()).isNotBlank();
			assertThat(room.has("isAnnouncementOnly")).isTrue();
			assertThat(room.has("locked")).isFalse();
		});
		assertThat(rooms).extracting((room) -> room.get("id").asString()).isSorted();
	}

	@Test
	void roomsWhenBulkUserPagedByThousandThenThreePagesWith2500UniqueRooms() {
		List<String> ids = new ArrayList<>();
		String next = "/v1/rooms?max=1000";
		int pages = 0;
		while (next != null) {
			HttpResponse<String> response = http.getWithToken(next, bulk);
			assertThat(response.statusCode()).isEqualTo(200);
			items(response).forEach((room) -> ids.add(room.get("id").asString()));
			pages++;
			next = nextLink(response);
			if (next != null) {
				assertThat(next).startsWith(http.baseUrl() + "/v1/rooms?").contains("max=1000");
			}
		}
		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(2_500);
		assertThat(new HashSet<>(ids)).hasSize(2_500);
	}

	@Test
	void roomsWhenSortedByLastActivityThenNewestFirstAcrossPages() {
		List<String> activity = new ArrayList<>();
		String next = "/v1/rooms?max=400&sortBy=lastactivity&type=group";
		while (next != null) {
			HttpResponse<String> response = http.getWithToken(next, bulk);
			items(response).forEach((room) -> {
				assertThat(room.get("type").asString()).isEqualTo("group");
				activity.add(room.get("lastActivity").asString());
			});
			next = nextLink(response);
		}
		assertThat(activity).hasSizeBetween(1_500, 2_400);
		assertThat(activity).isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	@Test
	void roomsWhenTypeDirectOrTeamIdThenOnlyMatchingRooms() {
		List<JsonNode> direct = items(http.getWithToken("/v1/rooms?type=direct", zoe));
		assertThat(direct).isNotEmpty()
			.allSatisfy((room) -> assertThat(room.get("type").asString()).isEqualTo("direct"));
		String teamId = items(http.getWithToken("/v1/rooms", zoe)).stream()
			.filter((room) -> room.has("teamId"))
			.findFirst()
			.orElseThrow()
			.get("teamId")
			.asString();
		List<JsonNode> team = items(http.getWithToken("/v1/rooms?teamId=" + SimulatorHttp.encode(teamId), zoe));
		assertThat(team).isNotEmpty().allSatisfy((room) -> assertThat(room.get("teamId").asString()).isEqualTo(teamId));
	}

	@Test
	void roomsWhenNextLinkDefectsThenNextUrlHasMaxNullAndLosesTypeAndSortBy() {
		http.bean(SimulatorSettings.class).update(Map.of("nextLinkDefects", true));
		HttpResponse<String> first = http.getWithToken("/v1/rooms?max=100&type=group&sortBy=created", bulk);
		String next = nextLink(first);
		assertThat(next).contains("max=null").doesNotContain("type=").doesNotContain("sortBy=").contains("cursor=");
		HttpResponse<String> verbatim = http.getWithToken(next, bulk);
		assertEnvelope(verbatim, 400);
		// what a careful client does: strip max=null and put the original parameters back
		String repaired = next.replace("max=null", "max=100") + "&type=group&sortBy=created";
		HttpResponse<String> second = http.getWithToken(repaired, bulk);
		assertThat(second.statusCode()).isEqualTo(200);
		List<JsonNode> firstItems = items(first);
		List<JsonNode> secondItems = items(second);
		assertThat(secondItems).hasSize(100)
			.allSatisfy((room) -> assertThat(room.get("type").asString()).isEqualTo("group"));
		assertThat(secondItems.get(0).get("created").asString())
			.isLessThanOrEqualTo(firstItems.get(99).get("created").asString());
		Set<String> seen = new HashSet<>();
		firstItems.forEach((room) -> seen.add(room.get("id").asString()));
		secondItems.forEach((room) -> assertThat(seen.add(room.get("id").asString())).isTrue());
	}

	@Test
	void roomsWhenMaxTypeOrSortByInvalidThen400Envelope() {
		for (String query : List.of("max=0", "max=1001", "max=abc", "max=null", "type=channel", "sortBy=title",
				"cursor=bm9wZQ")) {
			assertEnvelope(http.getWithToken("/v1/rooms?" + query, zoe), 400);
		}
	}

	@Test
	void unknownPathUnderV1Then404Envelope() {
		assertEnvelope(http.getWithToken("/v1/meetings", zoe), 404);
	}

	@Test
	void expireAccessTokensThenNextCallIs401AndRefreshRecovers() {
		JsonNode tokens = http.tokens("rahul@example.com", SimulatorHttp.BASIC_SCOPES);
		String accessToken = tokens.get("access_token").asString();
		assertThat(http.post("/simulator/expire-access-tokens?user=rahul@example.com").statusCode()).isEqualTo(204);
		assertUnauthorized(http.getWithToken("/v1/people/me", accessToken));
		assertThat(http.getWithToken("/v1/people/me", zoe).statusCode()).isEqualTo(200);
		HttpResponse<String> refreshed = http.refresh(tokens.get("refresh_token").asString());
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String newAccessToken = SimulatorHttp.json(refreshed).get("access_token").asString();
		assertThat(http.getWithToken("/v1/people/me", newAccessToken).statusCode()).isEqualTo(200);
		assertThat(http.post("/simulator/expire-access-tokens?user=nobody@example.com").statusCode()).isEqualTo(404);
	}

	@Test
	void revokeGrantsThenAccessAndRefreshTokensStopWorking() {
		JsonNode tokens = http.tokens("chen@example.com", SimulatorHttp.BASIC_SCOPES);
		String personId = SimulatorHttp.json(http.getWithToken("/v1/people/me", tokens.get("access_token").asString()))
			.get("id")
			.asString();
		assertThat(http.post("/simulator/revoke-grants?user=" + personId).statusCode()).isEqualTo(204);
		assertUnauthorized(http.getWithToken("/v1/people/me", tokens.get("access_token").asString()));
		HttpResponse<String> refresh = http.refresh(tokens.get("refresh_token").asString());
		assertThat(refresh.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(refresh).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void accessTokenWhenLifetimePassedThen401() {
		String accessToken = http.accessToken("zoe@example.com", SimulatorHttp.BASIC_SCOPES);
		http.bean(SimulatorClock.class).advance(Duration.ofDays(14).plusSeconds(1));
		assertUnauthorized(http.getWithToken("/v1/people/me", accessToken));
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		JsonNode body = assertEnvelope(response, 401);
		String message = "The request requires a valid access token set in the Authorization request header.";
		assertThat(body.get("message").asString()).isEqualTo(message);
		assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("message", "errors", "trackingId");
		assertThat(body.get("errors")).hasSize(1);
		assertThat(body.get("errors").get(0).get("description").asString()).isEqualTo(message);
	}

	private static JsonNode assertEnvelope(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		String trackingId = response.headers().firstValue("TrackingID").orElseThrow();
		assertThat(trackingId).matches("ROUTER_[0-9A-F-]{36}");
		JsonNode body = SimulatorHttp.json(response);
		assertThat(body.get("message").asString()).isNotBlank();
		assertThat(body.get("errors").get(0).get("description").asString()).isNotBlank();
		assertThat(body.get("trackingId").asString()).isEqualTo(trackingId);
		return body;
	}

	private static List<JsonNode> items(HttpResponse<String> response) {
		List<JsonNode> items = new ArrayList<>();
		SimulatorHttp.json(response).get("items").forEach(items::add);
		return items;
	}

	private static String nextLink(HttpResponse<String> response) {
		return response.headers().firstValue("Link").map((link) -> {
			Matcher matcher = NEXT_LINK.matcher(link);
			assertThat(matcher.matches()).as(link).isTrue();
			return matcher.group(1);
		}).orElse(null);
	}

}
