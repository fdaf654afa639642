package com.example.webexoauth.rooms;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.example.webexoauth.system.DateFormats;
import com.example.webex.client.Room;

import org.springframework.context.MessageSource;

/**
 * One row of the {@code /spaces} table, every cell already text.
 *
 * <p>
 * Resolved here, once per page, rather than in the template: a message key computed per
 * row ({@code #{${'rooms.type.' + room.type()}}}), a bean call for the date and a
 * conditional message meant five expression evaluations and three message look-ups per
 * row, the largest part of rendering a long list in the benchmark's profile. The template
 * now reads plain properties.
 *
 * @param title the room's title
 * @param type {@code group} or {@code direct} (or whatever new type Webex sends), for the
 * badge's class
 * @param typeLabel the type as the user reads it
 * @param lastActivity the last activity as ISO-8601, for {@code <time datetime>};
 * {@code null} when unknown
 * @param lastActivityText the last activity as the user reads it
 * @param lockedText whether the room is moderated, as the user reads it
 */
record RoomRow(String title, String type, String typeLabel, String lastActivity, String lastActivityText,
		String lockedText) {

	static List<RoomRow> of(List<Room> rooms, MessageSource messages, Locale locale, DateFormats dates) {
		Map<String, String> typeLabels = new HashMap<>(4);
		String locked = messages.getMessage("rooms.locked.yes", null, locale);
		String open = messages.getMessage("rooms.locked.no", null, locale);
		return rooms.stream().map((room) -> {
			String type = Objects.requireNonNullElse(room.type(), "");
			// a type Webex adds later shows as Webex names it rather than as a missing
			// message
			String typeLabel = typeLabels.computeIfAbsent(type,
					(key) -> messages.getMessage("rooms.type." + key, null, key, locale));
			String lastActivity = (room.lastActivity() != null) ? room.lastActivity().toString() : null;
			return new RoomRow(room.title(), type, typeLabel, lastActivity, dates.format(room.lastActivity()),
					room.locked() ? locked : open);
		}).toList();
	}

}
