package com.example.webexoauth.rooms;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.example.webexoauth.system.DateFormats;
import com.example.webex.client.Room;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /spaces} table's cells as the user reads them, from the app's own messages.
 */
class RoomRowTests {

	static final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	static {
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
	}

	@Test
	void rowsWhenGroupAndDirectRoomsThenLabelsDatesAndLockFromMessages() {
		Instant activity = Instant.parse("2026-11-27T08:05:59.123Z");
		List<Room> rooms = List.of(room("Café <team>", "group", true, activity),
				room("Zoë Ångström", "direct", false, activity));

		List<RoomRow> rows = RoomRow.of(rooms, messages, Locale.ENGLISH, new DateFormats());

		assertThat(rows).containsExactly(
				new RoomRow("Café <team>", "group", "Group", "2026-11-27T08:05:59.123Z", "2026-11-27 08:05 UTC",
						"Locked"),
				new RoomRow("Zoë Ångström", "direct", "Direct", "2026-11-27T08:05:59.123Z", "2026-11-27 08:05 UTC",
						"No"));
	}

	@Test
	void rowWhenWebexSendsANewTypeAndNoActivityThenShownAsWebexNamesItWithADash() {
		List<RoomRow> rows = RoomRow.of(
				List.of(room("Townhall", "broadcast", false, null), room("Odd", null, false, null)), messages,
				Locale.ENGLISH, new DateFormats());

		assertThat(rows).extracting(RoomRow::typeLabel).containsExactly("broadcast", "");
		assertThat(rows).extracting(RoomRow::lastActivity).containsOnlyNulls();
		assertThat(rows).extracting(RoomRow::lastActivityText).containsOnly("—");
	}

	private static Room room(String title, String type, boolean locked, Instant lastActivity) {
		return new Room("id-" + title, title, type, locked, null, lastActivity, lastActivity, "creator");
	}

}
