package com.example.webexoauth.rooms;

import com.example.webexoauth.rooms.RoomList.RoomFilter;
import com.example.webexoauth.system.InvalidParameterException;
import com.example.webexoauth.webex.RoomQuery;
import com.example.webexoauth.webex.WebexClient;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /spaces}: every room the user is in, newest activity first, with a type filter and
 * a title search.
 */
@Controller
class RoomsController {

	private final WebexClient webex;

	RoomsController(WebexClient webex) {
		this.webex = webex;
	}

	@GetMapping("/spaces")
	String spaces(@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "q", required = false) String query, Model model) {
		RoomFilter filter;
		try {
			filter = RoomFilter.parse(type, query, null);
		}
		catch (InvalidParameterException ex) {
			filter = RoomFilter.parse(null, null, null); // a hand-edited URL shows everything
		}
		model.addAttribute("filter", filter);
		model.addAttribute("types", RoomFilter.TYPES);
		model.addAttribute("list", RoomList.of(this.webex.rooms(RoomQuery.all()), filter));
		return "rooms/list";
	}

}
