package com.example.webexoauth.rooms;

import java.util.Locale;

import com.example.webexoauth.rooms.RoomList.RoomFilter;
import com.example.webexoauth.system.DateFormats;
import com.example.webexoauth.system.InvalidParameterException;
import com.example.webexoauth.webex.RoomQuery;
import com.example.webexoauth.webex.WebexClient;

import org.springframework.context.MessageSource;
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

	private final MessageSource messages;

	private final DateFormats dates;

	RoomsController(WebexClient webex, MessageSource messages, DateFormats dates) {
		this.webex = webex;
		this.messages = messages;
		this.dates = dates;
	}

	@GetMapping("/spaces")
	String spaces(@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "q", required = false) String query, Locale locale, Model model) {
		RoomFilter filter;
		try {
			filter = RoomFilter.parse(type, query, null);
		}
		catch (InvalidParameterException ex) {
			filter = RoomFilter.parse(null, null, null); // a hand-edited URL shows everything
		}
		model.addAttribute("filter", filter);
		RoomList list = RoomList.of(this.webex.rooms(RoomQuery.all()), filter);
		model.addAttribute("list", list);
		model.addAttribute("rows", RoomRow.of(list.rooms(), this.messages, locale, this.dates));
		return "rooms/list";
	}

}
