package com.example.webexoauth.rooms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.example.webex.client.Room;
import com.example.webexoauth.rooms.RoomCache.RoomsAnswer;
import com.jayway.jsonpath.JsonPath;
import com.example.webexoauth.WebSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@code GET /api/rooms} in a web slice: the app's controller, error advice and
 * security rules, a signed-in user from {@code oauth2Login()}, and the room cache
 * replaced by a mock, so no Webex, no database and no port. The example to copy for a
 * controller's rules; the flows through real HTTP and the simulator stay in
 * {@code RoomsApiTests}.
 */
@WebSliceTest(RoomsApiController.class)
class RoomsApiControllerTests {

	private static final String ALICE = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RoomCache rooms;

	@Test
	void roomsWhenNotSignedInThen401JsonWithoutAskingWebex() throws Exception {
		this.mvc.perform(get("/api/rooms"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
		verifyNoInteractions(this.rooms);
	}

	@Test
	void spacesPageWhenNotSignedInThenRedirectedToTheLandingPageAndBack() throws Exception {
		this.mvc.perform(get("/spaces"))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/?continue=/spaces")));
	}

	@Test
	void roomsWhenSignedInThenFirstPageWithCountsAndCursor() throws Exception {
		given(this.rooms.rooms(ALICE, false)).willReturn(answer(rooms(150)));

		this.mvc.perform(get("/api/rooms").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.items.length()").value(100))
			.andExpect(jsonPath("$.items[0].title").exists())
			.andExpect(jsonPath("$.count").value(150))
			.andExpect(jsonPath("$.total").value(150))
			.andExpect(jsonPath("$.next").isString())
			.andExpect(jsonPath("$.stale").value(false))
			.andExpect(jsonPath("$.warning").doesNotExist());
	}

	@Test
	void roomsWhenCursorGivenThenTheRestAndNoNextCursor() throws Exception {
		given(this.rooms.rooms(ALICE, false)).willReturn(answer(rooms(150)));
		String next = JsonPath.read(
				this.mvc.perform(get("/api/rooms").with(alice())).andReturn().getResponse().getContentAsString(),
				"$.next");

		this.mvc.perform(get("/api/rooms").param("cursor", next).with(alice()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(50))
			.andExpect(jsonPath("$.next").value((Object) null));
	}

	@Test
	void roomsWhenLimitNotANumberThen400NamingLimitWithoutAskingWebex() throws Exception {
		this.mvc.perform(get("/api/rooms").param("limit", "lots").with(alice()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.error").value("invalid_request"))
			.andExpect(jsonPath("$.message").value(containsString("limit")))
			.andExpect(jsonPath("$.message").value(not(containsString("lots"))));
		verifyNoInteractions(this.rooms);
	}

	@Test
	void roomsWhenLimitOutOfRangeThen400NamingLimit() throws Exception {
		this.mvc.perform(get("/api/rooms").param("limit", "1001").with(alice()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(containsString("limit")));
	}

	@Test
	void roomsWhenCursorTamperedThen400NamingCursor() throws Exception {
		this.mvc.perform(get("/api/rooms").param("cursor", "not-a-cursor!").with(alice()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"))
			.andExpect(jsonPath("$.message").value(containsString("cursor")));
		verifyNoInteractions(this.rooms);
	}

	@Test
	void roomsWhenIfNoneMatchHasTheETagThen304WithoutBody() throws Exception {
		given(this.rooms.rooms(anyString(), anyBoolean())).willReturn(answer(rooms(3)));
		MvcResult first = this.mvc.perform(get("/api/rooms").with(alice()))
			.andExpect(status().isOk())
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andReturn();
		String etag = first.getResponse().getHeader(HttpHeaders.ETAG);

		this.mvc.perform(get("/api/rooms").header(HttpHeaders.IF_NONE_MATCH, etag).with(alice()))
			.andExpect(status().isNotModified())
			.andExpect(header().string(HttpHeaders.ETAG, etag))
			.andExpect(content().string(""));
	}

	/** Alice signed in with Webex, as the session keeps her: her person id names her. */
	private static RequestPostProcessor alice() {
		return oauth2Login().oauth2User(new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("id", ALICE, "displayName", "Alice"), "id"));
	}

	private static RoomsAnswer answer(List<Room> rooms) {
		Instant now = Instant.parse("2024-05-07T10:00:00Z");
		return new RoomsAnswer(new RoomSnapshot(rooms, now), false, false, now);
	}

	private static List<Room> rooms(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> new Room("room-%04d".formatted(i), "Room %04d".formatted(i), "group", false, null,
					Instant.parse("2024-05-07T09:00:00Z").minusSeconds(i), Instant.parse("2024-01-01T00:00:00Z"),
					"person-1"))
			.toList();
	}

}
