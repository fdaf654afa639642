package com.example.webexoauth.rooms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import com.example.webexoauth.rooms.RoomList.Sort;
import com.example.webexoauth.system.InvalidParameterException;
import com.example.webex.client.Room;

/**
 * Where a walk through {@code /api/rooms} stands: the last room returned, as its place in
 * the order (the sort value and the id), not as an offset.
 * <p>
 * So a refresh between two pages neither repeats nor skips a room: the next page starts
 * after that place in the list as it is now. Rooms added since sort in by their own place
 * (after the cursor: in a later page; before it: not in this walk), removed ones simply
 * do not come. Only a room whose sort value changed between two pages (new activity, with
 * {@code sortBy=lastactivity}) can move from the unread part to the read one or back.
 * <p>
 * Opaque to callers: base64url of {@code r1|SORT|id|value}. Not signed: it only positions
 * a walk through the caller's own rooms, and whatever decodes to a valid place is one.
 *
 * @param sort the order the walk is in
 * @param last the last room returned; only its id and sort value are kept
 */
record RoomCursor(Sort sort, Room last) {

	/** Longer than any cursor this class writes (a title of a few hundred characters). */
	static final int MAX_LENGTH = 2048;

	private static final String VERSION = "r1";

	private static final String INVALID = "cursor must be the next value of an earlier answer with the same sortBy";

	/** The cursor to continue after {@code last}. */
	static RoomCursor after(Room last, Sort sort) {
		return new RoomCursor(sort, last);
	}

	String encode() {
		String value = switch (this.sort) {
			case LASTACTIVITY -> text(this.last.lastActivity());
			case CREATED -> text(this.last.created());
			case TITLE -> (this.last.title() != null) ? this.last.title() : "";
			case ID -> "";
		};
		String plain = String.join("|", VERSION, this.sort.name(), this.last.id(), value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a cursor a caller sent back.
	 * @param cursor the value of an earlier answer's {@code next}
	 * @param sort the order of this request: a cursor of another order points nowhere
	 * @return the cursor
	 * @throws InvalidParameterException if it is not one this class wrote for
	 * {@code sort}
	 */
	static RoomCursor decode(String cursor, Sort sort) {
		if (cursor.length() > MAX_LENGTH) {
			throw new InvalidParameterException(INVALID);
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 4);
			if (parts.length != 4 || !VERSION.equals(parts[0]) || !sort.name().equals(parts[1]) || parts[2].isEmpty()) {
				throw new InvalidParameterException(INVALID);
			}
			String id = parts[2];
			String value = parts[3];
			Room last = switch (sort) {
				case LASTACTIVITY -> new Room(id, null, null, false, null, instant(value), null, null);
				case CREATED -> new Room(id, null, null, false, null, null, instant(value), null);
				case TITLE -> new Room(id, value, null, false, null, null, null, null);
				case ID -> new Room(id, null, null, false, null, null, null, null);
			};
			return new RoomCursor(sort, last);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			// not base64, or not a date where one belongs
			throw new InvalidParameterException(INVALID);
		}
	}

	/**
	 * Where the next page starts in {@code rooms}.
	 * @param rooms the rooms in this cursor's order (filtered or not)
	 * @return the index of the first room after the cursor's place
	 */
	int startIn(List<Room> rooms) {
		// the order ends with the id, which is unique: every place is distinct
		int found = Collections.binarySearch(rooms, this.last, this.sort.comparator());
		return (found >= 0) ? found + 1 : -found - 1;
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	private static Instant instant(String value) {
		return value.isEmpty() ? null : Instant.parse(value);
	}

}
