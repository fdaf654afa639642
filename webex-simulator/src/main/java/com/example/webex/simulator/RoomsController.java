package com.example.webex.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.webex.simulator.DemoDirectory.RoomOrder;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.TokenAuthority.AccessGrant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /v1/rooms}: the person's rooms, filtered and sorted as Webex does, paged
 * through {@code Link: <...>; rel="next"} with an opaque cursor.
 */
@RestController
class RoomsController {

	static final String CURSOR = "cursor";

	private static final int DEFAULT_MAX = 100;

	private static final String CURSOR_PREFIX = "rooms-offset:";

	private final RestAccess access;

	private final DemoDirectory directory;

	private final SimulatorSettings settings;

	private final SimulatorStats stats;

	RoomsController(RestAccess access, DemoDirectory directory, SimulatorSettings settings, SimulatorStats stats) {
		this.access = access;
		this.directory = directory;
		this.settings = settings;
		this.stats = stats;
	}

	@GetMapping("/v1/rooms")
	ResponseEntity<RoomsPage> listRooms(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
		AccessGrant grant = this.access.admit(authorization, Scopes.ROOMS_READ);
		int max = max(params.getFirst("max"));
		String type = params.getFirst("type");
		if (type != null && !type.equals(Room.DIRECT) && !type.equals(Room.GROUP)) {
			throw WebexApiException.badRequest("type must be direct or group.");
		}
		String sortBy = params.getFirst("sortBy");
		RoomOrder order = (sortBy != null)
				? RoomOrder.parse(sortBy)
					.orElseThrow(() -> WebexApiException.badRequest("sortBy must be id, lastactivity or created."))
				: RoomOrder.ID;
		String teamId = params.getFirst("teamId");
		int offset = offset(params.getFirst(CURSOR));
		List<Room> matching = this.directory.rooms(grant.person(), order)
			.stream()
			.filter((room) -> type == null || room.type().equals(type))
			.filter((room) -> teamId == null || teamId.equals(room.teamId()))
			.toList();
		int end = (int) Math.min((long) offset + max, matching.size());
		List<Room> page = (offset < matching.size()) ? matching.subList(offset, end) : List.of();
		this.stats.increment(Counter.ROOMS);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (end < matching.size()) {
			response.header(HttpHeaders.LINK, "<" + nextUrl(request, params, end) + ">; rel=\"next\"");
		}
		return response.body(new RoomsPage(page));
	}

	private static int max(String max) {
		if (max == null) {
			return DEFAULT_MAX;
		}
		try {
			int value = Integer.parseInt(max);
			if (value >= 1 && value <= 1000) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below, as for a number out of range
		}
		throw WebexApiException.badRequest("max must be a number between 1 and 1000, inclusive.");
	}

	private static int offset(String cursor) {
		if (cursor == null) {
			return 0;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (decoded.startsWith(CURSOR_PREFIX)) {
				int offset = Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
				if (offset >= 0) {
					return offset;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// NumberFormatException included: answered below
		}
		throw WebexApiException.badRequest("The cursor is not valid.");
	}

	/**
	 * The next page's absolute URL: the request's own parameters and a new cursor, or,
	 * with {@code nextLinkDefects}, Webex's known defects (no {@code type} or
	 * {@code sortBy}, an errant {@code max=null}).
	 */
	private String nextUrl(HttpServletRequest request, MultiValueMap<String, String> params, int offset) {
		boolean defects = this.settings.nextLinkDefects();
		Set<String> dropped = defects ? Set.of(CURSOR, "type", "sortBy", "max") : Set.of(CURSOR);
		UriComponentsBuilder next = ServletUriComponentsBuilder.fromRequestUri(request);
		for (Map.Entry<String, List<String>> param : params.entrySet()) {
			if (!dropped.contains(param.getKey())) {
				for (String value : param.getValue()) {
					next.queryParam(encode(param.getKey()), encode(value));
				}
			}
		}
		if (defects) {
			next.queryParam("max", "null");
		}
		String cursor = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
		return next.queryParam(CURSOR, cursor).build(true).toUriString();
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * One page of rooms; Webex puts no paging information in the body.
	 *
	 * @param items the rooms
	 */
	record RoomsPage(List<Room> items) {
	}

}
