package com.example.webexoauth.rooms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.example.webexoauth.rooms.RoomCache.RoomsAnswer;
import com.example.webexoauth.rooms.RoomList.RoomFilter;
import com.example.webexoauth.system.InvalidParameterException;
import com.example.webex.client.Room;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.util.DigestUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * {@code GET /api/rooms}: the same rooms as the page, as JSON, {@code limit} at a time
 * (100 unless asked otherwise) with an opaque {@code cursor} to the next ones, and an
 * {@code ETag} that {@code If-None-Match} can send back for a {@code 304}.
 */
@RestController
class RoomsApiController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private final RoomCache rooms;

	private final MessageSource messages;

	RoomsApiController(RoomCache rooms, MessageSource messages) {
		this.rooms = rooms;
		this.messages = messages;
	}

	@GetMapping("/api/rooms")
	RoomsResponse rooms(@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "sortBy", required = false) String sortBy,
			@RequestParam(name = "limit", required = false) String limit,
			@RequestParam(name = "cursor", required = false) String cursor,
			@RequestParam(name = "refresh", required = false) String refresh, Authentication authentication,
			WebRequest request) {
		// every parameter is checked before Webex is asked: InvalidParameterException →
		// 400
		RoomFilter filter = RoomFilter.parse(type, query, sortBy);
		int max = limit(limit);
		RoomCursor after = StringUtils.hasText(cursor) ? RoomCursor.decode(cursor.trim(), filter.sort()) : null;
		RoomsAnswer answer = this.rooms.rooms(authentication.getName(), refresh(refresh));
		if (request.checkNotModified(etag(answer, filter, max, after))) {
			// 304 with the ETag and no body
			return null;
		}
		RoomList list = RoomList.of(answer.snapshot(), filter);
		int start = (after != null) ? after.startIn(list.rooms()) : 0;
		int end = Math.min(start + max, list.rooms().size());
		List<Room> items = list.rooms().subList(start, end);
		String next = (end < list.rooms().size()) ? RoomCursor.after(items.getLast(), filter.sort()).encode() : null;
		return new RoomsResponse(items, list.rooms().size(), list.total(), list.groups(), list.directs(), next,
				answer.snapshot().fetchedAt(), answer.stale(), answer.stale() ? staleWarning(answer) : null);
	}

	private static int limit(String limit) {
		if (!StringUtils.hasText(limit)) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit.trim());
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below, as for a number out of range
		}
		throw new InvalidParameterException("limit must be a whole number from 1 to " + MAX_LIMIT);
	}

	private static boolean refresh(String refresh) {
		if (!StringUtils.hasText(refresh) || "false".equalsIgnoreCase(refresh.trim())) {
			return false;
		}
		if ("true".equalsIgnoreCase(refresh.trim())) {
			return true;
		}
		throw new InvalidParameterException("refresh must be true or false");
	}

	/**
	 * A weak ETag: the same rooms (by content, whichever fetch brought them), the same
	 * parameters and the same staleness give the same body, up to {@code fetchedAt}.
	 */
	private static String etag(RoomsAnswer answer, RoomFilter filter, int limit, RoomCursor after) {
		String identity = String.join("\n", answer.snapshot().version(), filter.type(), filter.query(),
				filter.sort().name(), String.valueOf(limit), (after != null) ? after.encode() : "",
				String.valueOf(answer.stale()));
		return "W/\"" + DigestUtils.md5DigestAsHex(identity.getBytes(StandardCharsets.UTF_8)) + "\"";
	}

	private String staleWarning(RoomsAnswer answer) {
		return this.messages.getMessage("rooms.api.stale", new Object[] { answer.snapshot().fetchedAt().toString() },
				LocaleContextHolder.getLocale());
	}

	/**
	 * The JSON body.
	 *
	 * @param items this part of the matching rooms, in order
	 * @param count all matching rooms
	 * @param total all rooms
	 * @param groups all group rooms
	 * @param directs all direct rooms
	 * @param next the {@code cursor} for the rooms after these, {@code null} after the
	 * last
	 * @param fetchedAt when the rooms were fetched from Webex
	 * @param stale whether they are older than the cache allows because Webex is
	 * rate-limiting the user
	 * @param warning what {@code stale} means, like HTTP's {@code Warning: 110}; only
	 * when stale
	 */
	record RoomsResponse(List<Room> items, int count, int total, int groups, int directs, String next,
			Instant fetchedAt, boolean stale, @JsonInclude(JsonInclude.Include.NON_NULL) String warning) {
	}

}
