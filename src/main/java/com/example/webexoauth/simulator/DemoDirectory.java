package com.example.webexoauth.simulator;

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
 */
class DemoDirectory {

	private final List<Person> people;

	private final List<String> keys;

	private final List<Map<RoomOrder, List<Room>>> rooms = new ArrayList<>();

	/**
	 * @param reference the instant room dates count back from
	 * @param extraPeople generated people after the demo people ({@code simulator.extra-people})
	 */
	DemoDirectory(Instant reference, int extraPeople) {
		this.people = DemoData.people(reference, extraPeople);
		this.keys = DemoData.keys(extraPeople);
		for (List<Room> personRooms : DemoData.rooms(reference, extraPeople)) {
			Map<RoomOrder, List<Room>> sorted = new EnumMap<>(RoomOrder.class);
			for (RoomOrder order : RoomOrder.values()) {
				sorted.put(order, personRooms.stream().sorted(order.comparator).toList());
			}
			this.rooms.add(sorted);
		}
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
