package com.example.webex.simulator;

/**
 * A room added by a test, as {@code GET /v1/rooms} lists it.
 *
 * @param id the Webex room id
 * @param title the title
 * @param lastActivity when it was last active (its creation), ISO-8601 with milliseconds
 */
public record DemoRoom(String id, String title, String lastActivity) {

	static DemoRoom of(Room room) {
		return new DemoRoom(room.id(), room.title(), room.lastActivity());
	}

}
