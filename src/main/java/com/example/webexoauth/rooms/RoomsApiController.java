package com.example.webexoauth.rooms;

import java.util.List;

import com.example.webexoauth.rooms.RoomList.RoomFilter;
import com.example.webexoauth.webex.Room;
import com.example.webexoauth.webex.RoomQuery;
import com.example.webexoauth.webex.WebexClient;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms}: the same rooms as the page, as JSON.
 */
@RestController
class RoomsApiController {

	private final WebexClient webex;

	RoomsApiController(WebexClient webex) {
		this.webex = webex;
	}

	@GetMapping("/api/rooms")
	RoomsResponse rooms(@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "sortBy", required = false) String sortBy) {
		RoomFilter filter = RoomFilter.parse(type, query, sortBy); // InvalidParameterException → 400
		RoomList list = RoomList.of(this.webex.rooms(RoomQuery.all()), filter);
		return new RoomsResponse(list.rooms(), list.rooms().size(), list.total(), list.groups(), list.directs());
	}

	/** The JSON body: the matching rooms and the counts. */
	record RoomsResponse(List<Room> items, int count, int total, int groups, int directs) {
	}

}
