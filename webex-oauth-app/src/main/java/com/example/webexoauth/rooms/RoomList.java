package com.example.webexoauth.rooms;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.example.webexoauth.system.InvalidParameterException;
import com.example.webex.client.Room;

import org.springframework.util.StringUtils;

/**
 * All of a user's rooms, filtered by type and title and sorted, with the counts per type.
 * Sorting and filtering happen here rather than at Webex: the page shows counts for every
 * type from one fetch, and Webex documents that {@code sortBy=lastactivity} may miss
 * recent spaces for users in more than 3,000 of them.
 *
 * @param rooms the rooms that pass the filter, in order
 * @param total all rooms
 * @param groups all group rooms
 * @param directs all direct (1:1) rooms
 */
record RoomList(List<Room> rooms, int total, int groups, int directs) {

	/**
	 * The rooms of a snapshot that pass the filter, in its order.
	 * @param snapshot all the user's rooms
	 * @param filter which rooms and in which order
	 * @return the list, sharing the snapshot's sorted view when the filter lets
	 * everything pass
	 */
	static RoomList of(RoomSnapshot snapshot, RoomFilter filter) {
		List<Room> sorted = snapshot.sorted(filter.sort());
		List<Room> shown = filter.passesAll() ? sorted : sorted.stream().filter(filter::matches).toList();
		return new RoomList(shown, snapshot.total(), snapshot.groups(), snapshot.directs());
	}

	/** How a list of rooms can be ordered. */
	enum Sort {

		LASTACTIVITY(Comparator.comparing(Room::lastActivity, newestFirst())),

		CREATED(Comparator.comparing(Room::created, newestFirst())),

		TITLE(Comparator.comparing((Room room) -> lower(room.title()))),

		ID(Comparator.comparing(Room::id, Comparator.nullsLast(Comparator.naturalOrder())));

		private final Comparator<Room> comparator;

		Sort(Comparator<Room> comparator) {
			this.comparator = comparator.thenComparing(Room::id, Comparator.nullsLast(Comparator.naturalOrder()));
		}

		Comparator<Room> comparator() {
			return this.comparator;
		}

		static Sort parse(String value) {
			if (!StringUtils.hasText(value)) {
				return LASTACTIVITY;
			}
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}

		private static Comparator<Instant> newestFirst() {
			return Comparator.nullsLast(Comparator.<Instant>reverseOrder());
		}

	}

	private static String lower(String text) {
		// NFC: "ü" typed as u + combining diaeresis (macOS, some keyboards) still finds
		// "München"
		return (text != null) ? Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * Which rooms to show.
	 *
	 * @param type {@code all}, {@code group} or {@code direct}
	 * @param query text the title must contain, ignoring case; empty for all
	 * @param sort the order
	 */
	record RoomFilter(String type, String query, Sort sort) {

		static final List<String> TYPES = List.of("all", "group", "direct");

		/**
		 * Reads user input; anything unknown is rejected so a typo is not silently
		 * ignored.
		 */
		static RoomFilter parse(String type, String query, String sortBy) {
			String normalizedType = StringUtils.hasText(type) ? type.trim().toLowerCase(Locale.ROOT) : "all";
			if (!TYPES.contains(normalizedType)) {
				throw new InvalidParameterException("type must be one of all, group, direct");
			}
			Sort sort;
			try {
				sort = Sort.parse(sortBy);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidParameterException("sortBy must be one of lastactivity, created, title, id");
			}
			String trimmedQuery = (query != null) ? query.strip() : "";
			if (trimmedQuery.length() > 200) {
				throw new InvalidParameterException("q must be at most 200 characters");
			}
			return new RoomFilter(normalizedType, trimmedQuery, sort);
		}

		boolean passesAll() {
			return "all".equals(this.type) && this.query.isEmpty();
		}

		boolean matches(Room room) {
			boolean typeMatches = "all".equals(this.type) || this.type.equals(room.type());
			return typeMatches && (this.query.isEmpty() || lower(room.title()).contains(lower(this.query)));
		}

	}

}
