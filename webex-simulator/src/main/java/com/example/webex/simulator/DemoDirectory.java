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

/**
 * The demo people and their rooms, held in memory and pre-sorted for every {@code sortBy}.
 * Tests may add rooms at run time ({@code POST /simulator/rooms}) and take them away again.
 */
public class DemoDirectory {

	private final List<Person> people;

	private final List<String> keys;

	private final List<List<Room>> initialRooms;

	// replaced as a whole when a room is added: readers never see a list being changed
	private volatile List<Map<RoomOrder, List<Room>>> rooms;

	/**
	 * @param reference the instant room dates count back from
	 * @param extraPeople generated people after the demo people ({@code simulator.extra-people})
	 */
	DemoDirectory(Instant reference, int extraPeople) {
		this.people = DemoData.people(reference, extraPeople);
		this.keys = DemoData.keys(extraPeople);
		this.initialRooms = DemoData.rooms(reference, extraPeople);
		this.rooms = this.initialRooms.stream().map(DemoDirectory::sorted).toList();
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

	/** Takes away every room added at run time. */
	public synchronized void resetRooms() {
		this.rooms = this.initialRooms.stream().map(DemoDirectory::sorted).toList();
	}

	List<Person> people() {
		return this.people;
	}

	Optional<Person> person(int index) {
		return (index >= 0 && index < this.people.size()) ? Optional.of(this.people.get(index)) : Optional.empty();
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
	 * Finds a person by email address (any case) or person id.
	 * @param emailOrId what to look for
	 * @return the person's index, empty if unknown
	 */
	OptionalInt indexOf(String emailOrId) {
		for (int i = 0; i < this.people.size(); i++) {
			Person person = this.people.get(i);
			if (person.id().equals(emailOrId) || person.email().equalsIgnoreCase(emailOrId)) {
				return OptionalInt.of(i);
			}
		}
		return OptionalInt.empty();
	}

	List<Room> rooms(int personIndex, RoomOrder order) {
		return this.rooms.get(personIndex).get(order);
	}

	/** The orders {@code GET /v1/rooms} supports; activity and creation list newest first. */
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
