package com.example.webexoauth.rooms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.example.webexoauth.rooms.RoomList.Sort;
import com.example.webexoauth.system.InvalidParameterException;
import com.example.webex.client.Room;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cursors of {@code /api/rooms}: they name a place in the order, so the next page starts
 * right after it whether or not that room is still in the list, and nothing else decodes.
 */
class RoomCursorTests {

	static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	@Test
	void startWhenTheLastRoomIsStillThereThenRightAfterIt() {
		List<Room> rooms = sorted(Sort.LASTACTIVITY, room("a", "Alpha", 1), room("b", "Beta", 2),
				room("c", "Gamma", 3));

		RoomCursor cursor = RoomCursor.decode(RoomCursor.after(rooms.get(1), Sort.LASTACTIVITY).encode(),
				Sort.LASTACTIVITY);

		assertThat(cursor.startIn(rooms)).isEqualTo(2);
	}

	@Test
	void startWhenTheLastRoomIsGoneOrNewOnesCameThenAfterItsPlace() {
		Room gone = room("b", "Beta", 2);
		String cursor = RoomCursor.after(gone, Sort.TITLE).encode();
		List<Room> now = sorted(Sort.TITLE, room("a", "Alpha", 1), room("n", "Beta", 9), room("c", "Gamma", 3),
				room("d", "Aardvark", 0));

		// "Beta" with id "n" sorts after "Beta" with id "b": it is new, so it comes next
		assertThat(now.subList(RoomCursor.decode(cursor, Sort.TITLE).startIn(now), now.size())).extracting(Room::id)
			.containsExactly("n", "c");
	}

	@Test
	void encodeWhenEveryOrderThenDecodesToTheSamePlace() {
		Room room = new Room("id-1", "Tïtle | with a bar", "group", false, null, NOW, NOW.minusSeconds(60), "p");
		for (Sort sort : Sort.values()) {
			List<Room> rooms = sorted(sort, room, room("z", "Zulu", 5));
			String cursor = RoomCursor.after(room, sort).encode();

			assertThat(cursor).as(sort.name()).matches("[A-Za-z0-9_-]+");
			assertThat(RoomCursor.decode(cursor, sort).startIn(rooms)).as(sort.name())
				.isEqualTo(rooms.indexOf(room) + 1);
		}
	}

	@Test
	void decodeWhenNotACursorOfThisOrderThenInvalidParameterNamingIt() {
		String titleCursor = RoomCursor.after(room("a", "Alpha", 1), Sort.TITLE).encode();
		List<String> invalid = List.of("", "!!!", "bm90IGEgY3Vyc29y", titleCursor,
				base64("r1|LASTACTIVITY|id|yesterday"), base64("r2|LASTACTIVITY|id|"), base64("r1|LASTACTIVITY||"),
				"A".repeat(RoomCursor.MAX_LENGTH + 1));
		for (String cursor : invalid) {
			assertThatExceptionOfType(InvalidParameterException.class).as(cursor)
				.isThrownBy(() -> RoomCursor.decode(cursor, Sort.LASTACTIVITY))
				.withMessageStartingWith("cursor must ");
		}
	}

	private static List<Room> sorted(Sort sort, Room... rooms) {
		List<Room> list = new ArrayList<>(List.of(rooms));
		list.sort(sort.comparator());
		return list;
	}

	private static Room room(String id, String title, int hoursAgo) {
		Instant activity = NOW.minusSeconds(3600L * hoursAgo);
		return new Room(id, title, "group", false, null, activity, activity.minusSeconds(3600), "p");
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
