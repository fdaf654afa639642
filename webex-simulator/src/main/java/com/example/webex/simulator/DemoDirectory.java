package com.example.webex.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The demo people and their rooms, held in memory and pre-sorted for every
 * {@code sortBy}. Tests may add rooms at run time ({@code POST /simulator/rooms}) and
 * take them away again, and add people, who stay: tokens carry a person's position in the
 * list.
 */
public class DemoDirectory {

	/** Tokens carry a person's position in one byte. */
	static final int MAX_PEOPLE = 256;

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private final Instant reference;

	// Each list is replaced as a whole when something is added, people last: readers
	// never see a list being changed, and whoever finds a person finds their rooms.
	private volatile List<Person> people;

	private volatile List<String> keys;

	private volatile List<List<Room>> initialRooms;

	private volatile List<Map<RoomOrder, List<Room>>> rooms;

	/**
	 * @param reference the instant room dates count back from
	 * @param extraPeople generated people after the demo people
	 * ({@code simulator.extra-people})
	 */
	DemoDirectory(Instant reference, int extraPeople) {
		this.reference = reference;
		this.people = DemoData.people(reference, extraPeople);
		this.keys = DemoData.keys(extraPeople);
		this.initialRooms = DemoData.rooms(reference, extraPeople);
		this.rooms = this.initialRooms.stream().map(DemoDirectory::sorted).toList();
	}

	/**
	 * The demo directory plus the people and rooms of the configuration
	 * ({@code simulator.users}, {@code simulator.rooms}); those rooms stay after
	 * {@link #resetRooms()}.
	 */
	DemoDirectory(Instant reference, int extraPeople, List<SimulatorProperties.AddedUser> users,
			List<SimulatorProperties.AddedRoom> rooms) {
		this(reference, extraPeople);
		users.forEach((user) -> addPerson(user.key(), user.email(), user.displayName()));
		for (SimulatorProperties.AddedRoom room : rooms) {
			int person = find(String.valueOf(room.user()))
				.orElseThrow(() -> new IllegalArgumentException("simulator.rooms: no user '" + room.user() + "'"));
			Room added = DemoData.added(this.keys.get(person), requireText(room.title(), "title"), reference);
			this.initialRooms = with(this.initialRooms, person, added);
		}
		resetRooms();
	}

	private static Map<RoomOrder, List<Room>> sorted(List<Room> personRooms) {
		Map<RoomOrder, List<Room>> sorted = new EnumMap<>(RoomOrder.class);
		for (RoomOrder order : RoomOrder.values()) {
			sorted.put(order, personRooms.stream().sorted(order.comparator).toList());
		}
		return sorted;
	}

	/**
	 * Adds a group room to a person's rooms, active now.
	 * @param personIndex the person
	 * @param title its title
	 * @param now its creation and last activity
	 * @return the room
	 */
	synchronized Room addRoom(int personIndex, String title, Instant now) {
		Room room = DemoData.added(this.keys.get(personIndex), title, now);
		List<Room> personRooms = new ArrayList<>(this.rooms.get(personIndex).get(RoomOrder.ID));
		personRooms.add(room);
		List<Map<RoomOrder, List<Room>>> changed = new ArrayList<>(this.rooms);
		changed.set(personIndex, sorted(personRooms));
		this.rooms = List.copyOf(changed);
		return room;
	}

	/**
	 * Adds a person of the demo organization, without rooms, for the rest of the
	 * simulator's life; adding the same person again changes nothing, so test classes
	 * that share a simulator may each add whom they need.
	 * @param key the short name ({@code a-z}, digits, {@code . _ -}), e.g. {@code alice}
	 * @param email the email address, unique (any case)
	 * @param displayName the full name
	 * @return the person
	 * @throws IllegalArgumentException for a malformed value, a key or email another
	 * person has, or one person more than the {@value #MAX_PEOPLE} tokens can name
	 */
	synchronized Person addPerson(String key, String email, String displayName) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("A user's key must be 1 to 64 of a-z, 0-9, '.', '_' and '-', "
					+ "starting with a letter or digit: '" + key + "'");
		}
		requireText(displayName, "displayName");
		if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
			throw new IllegalArgumentException("Not an email address: '" + email + "'");
		}
		int byKey = this.keys.indexOf(key);
		OptionalInt byEmail = indexOf(email);
		if (byKey >= 0 && byEmail.isPresent() && byEmail.getAsInt() == byKey
				&& this.people.get(byKey).displayName().equals(displayName.strip())) {
			return this.people.get(byKey);
		}
		if (byKey >= 0 || byEmail.isPresent()) {
			throw new IllegalArgumentException("Another user has the key '" + key + "' or the email '" + email + "'");
		}
		if (this.people.size() >= MAX_PEOPLE) {
			throw new IllegalArgumentException("The simulator holds at most " + MAX_PEOPLE + " people");
		}
		Person person = DemoData.addedPerson(key, email, displayName, this.reference);
		this.initialRooms = append(this.initialRooms, List.of());
		this.rooms = append(this.rooms, sorted(List.of()));
		this.keys = append(this.keys, key);
		this.people = append(this.people, person);
		return person;
	}

	private static <T> List<T> append(List<T> list, T element) {
		List<T> changed = new ArrayList<>(list);
		changed.add(element);
		return List.copyOf(changed);
	}

	private static List<List<Room>> with(List<List<Room>> rooms, int personIndex, Room room) {
		List<List<Room>> changed = new ArrayList<>(rooms);
		changed.set(personIndex, append(rooms.get(personIndex), room));
		return List.copyOf(changed);
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	/** Takes away every room added at run time. */
	public synchronized void resetRooms() {
		this.rooms = this.initialRooms.stream().map(DemoDirectory::sorted).toList();
	}

	List<Person> people() {
		return this.people;
	}

	Optional<Person> person(int index) {
		List<Person> people = this.people;
		return (index >= 0 && index < people.size()) ? Optional.of(people.get(index)) : Optional.empty();
	}

	/**
	 * Finds a person by their short name.
	 * @param key e.g. {@code zoe}
	 * @return the person, empty if unknown
	 */
	Optional<Person> personByKey(String key) {
		return person(this.keys.indexOf(key));
	}

	/**
	 * Finds a person by short name, email address (any case) or person id.
	 * @param keyEmailOrId what to look for
	 * @return the person's index, empty if unknown
	 */
	OptionalInt find(String keyEmailOrId) {
		int byKey = this.keys.indexOf(keyEmailOrId);
		return (byKey >= 0) ? OptionalInt.of(byKey) : indexOf(keyEmailOrId);
	}

	/** Each person's short name, in the same order as {@link #people()}. */
	List<String> keys() {
		return this.keys;
	}

	/**
	 * Finds a person by email address (any case) or person id.
	 * @param emailOrId what to look for
	 * @return the person's index, empty if unknown
	 */
	OptionalInt indexOf(String emailOrId) {
		List<Person> people = this.people;
		for (int i = 0; i < people.size(); i++) {
			Person person = people.get(i);
			if (person.id().equals(emailOrId) || person.email().equalsIgnoreCase(emailOrId)) {
				return OptionalInt.of(i);
			}
		}
		return OptionalInt.empty();
	}

	List<Room> rooms(int personIndex, RoomOrder order) {
		return this.rooms.get(personIndex).get(order);
	}

	/**
	 * The orders {@code GET /v1/rooms} supports; activity and creation list newest first.
	 */
	enum RoomOrder {

		ID(Comparator.comparing(Room::id)),

		LASTACTIVITY(Comparator.comparing(Room::lastActivity).reversed().thenComparing(Room::id)),

		CREATED(Comparator.comparing(Room::created).reversed().thenComparing(Room::id));

		private final Comparator<Room> comparator;

		RoomOrder(Comparator<Room> comparator) {
			this.comparator = comparator;
		}

		static Optional<RoomOrder> parse(String sortBy) {
			for (RoomOrder order : values()) {
				if (order.name().equals(sortBy.toUpperCase(Locale.ROOT))) {
					return Optional.of(order);
				}
			}
			return Optional.empty();
		}

	}

}
