package com.example.webexoauth.rooms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.example.webexoauth.rooms.RoomList.Sort;
import com.example.webex.client.Room;

/**
 * One user's rooms as one fetch from Webex returned them, shared by every request that
 * reads them from the cache: never changed after it is made, so any number of threads
 * read it. Each order is sorted once, when first asked for, instead of on every request
 * (5,000 rooms for the biggest demo user).
 */
final class RoomSnapshot {

	/**
	 * What a cache entry costs beyond its rooms: the entry, this object, the sorted
	 * views, and the markup of the rendered landing body around its rows (about 1,500
	 * characters).
	 */
	static final int ENTRY_BYTES = 4096;

	/**
	 * What a {@link Room} costs besides its text: the record, two {@code Instant}s, five
	 * {@code String} objects and their arrays, and a slot in each sorted view (compressed
	 * references).
	 */
	static final int ROOM_BYTES = 320;

	/**
	 * What a rendered row of {@link #landingBody} costs besides the title: about 250
	 * characters of markup, type, date and labels, two bytes each where a title is not
	 * Latin-1. The filters and page links around the rows are part of
	 * {@link #ENTRY_BYTES}.
	 */
	static final int ROW_HTML_BYTES = 500;

	private final List<Room> rooms;

	private final Instant fetchedAt;

	private final int groups;

	private final String version;

	private final int estimatedBytes;

	private final Map<Sort, List<Room>> sorted = new EnumMap<>(Sort.class);

	/** The body of the list users land on, as rendered, with its locale. */
	private volatile Rendered landingBody;

	RoomSnapshot(List<Room> rooms, Instant fetchedAt) {
		this.rooms = List.copyOf(rooms);
		this.fetchedAt = fetchedAt;
		this.groups = (int) this.rooms.stream().filter((room) -> "group".equals(room.type())).count();
		this.version = version(this.rooms);
		this.estimatedBytes = estimatedBytes(this.rooms);
	}

	/** The rooms in Webex's order. */
	List<Room> rooms() {
		return this.rooms;
	}

	/** The rooms in {@code sort}'s order, sorted once per snapshot. */
	List<Room> sorted(Sort sort) {
		synchronized (this.sorted) {
			return this.sorted.computeIfAbsent(sort, (key) -> this.rooms.stream().sorted(key.comparator()).toList());
		}
	}

	/**
	 * The filters, table and page links of the list users land on (every room, newest
	 * activity first, page 1), rendered the first time they are asked for in this locale
	 * and kept with the snapshot, so that page views of an unchanged list do not render
	 * them again. Two first requests at once may both render; either result is kept.
	 */
	String landingBody(Locale locale, Function<Locale, String> render) {
		Rendered body = this.landingBody;
		if (body == null || !body.locale().equals(locale)) {
			body = new Rendered(locale, render.apply(locale));
			this.landingBody = body;
		}
		return body.html();
	}

	Instant fetchedAt() {
		return this.fetchedAt;
	}

	Duration age(Instant now) {
		Duration age = Duration.between(this.fetchedAt, now);
		return age.isNegative() ? Duration.ZERO : age;
	}

	int total() {
		return this.rooms.size();
	}

	int groups() {
		return this.groups;
	}

	int directs() {
		return this.rooms.size() - this.groups;
	}

	/**
	 * Identifies the content, not the fetch: two fetches that return the same rooms have
	 * the same version, so a client's {@code If-None-Match} still matches after a
	 * refetch.
	 */
	String version() {
		return this.version;
	}

	/** Roughly the heap this snapshot holds, for the cache's weight bound. */
	int estimatedBytes() {
		return this.estimatedBytes;
	}

	private static String version(List<Room> rooms) {
		MessageDigest digest = sha256();
		for (Room room : rooms) {
			// a record's toString names every component with its value
			digest.update(room.toString().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) '\n');
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()).substring(0, 22);
	}

	private static int estimatedBytes(List<Room> rooms) {
		long bytes = ENTRY_BYTES;
		for (Room room : rooms) {
			// two bytes per character: titles are often not Latin-1
			bytes += ROOM_BYTES + 2L * (length(room.id()) + length(room.title()) + length(room.type())
					+ length(room.teamId()) + length(room.creatorId()));
		}
		// the landing body, once rendered: a page of rows, each its title and the markup
		for (Room room : rooms.subList(0, Math.min(rooms.size(), RoomPage.SIZE))) {
			bytes += ROW_HTML_BYTES + 2L * length(room.title());
		}
		return (int) Math.min(bytes, Integer.MAX_VALUE);
	}

	private static int length(String text) {
		return (text != null) ? text.length() : 0;
	}

	private record Rendered(Locale locale, String html) {
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
