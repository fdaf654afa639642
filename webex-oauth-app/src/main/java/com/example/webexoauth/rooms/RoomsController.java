package com.example.webexoauth.rooms;

import java.util.Locale;

import com.example.webexoauth.rooms.RoomCache.RoomsAnswer;
import com.example.webexoauth.rooms.RoomList.RoomFilter;
import com.example.webexoauth.system.DateFormats;
import com.example.webexoauth.system.InvalidParameterException;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /spaces}: the rooms the user is in, newest activity first, with a type filter
 * and a title search, {@value RoomPage#SIZE} rows a page, and a Refresh button.
 */
@Controller
class RoomsController {

	private final RoomCache rooms;

	private final MessageSource messages;

	private final DateFormats dates;

	RoomsController(RoomCache rooms, MessageSource messages, DateFormats dates) {
		this.rooms = rooms;
		this.messages = messages;
		this.dates = dates;
	}

	@GetMapping("/spaces")
	String spaces(@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "page", required = false) String page,
			@RequestParam(name = "refresh", required = false) String refresh, Authentication authentication,
			Locale locale, Model model) {
		RoomFilter filter;
		try {
			filter = RoomFilter.parse(type, query, null);
		}
		catch (InvalidParameterException ex) {
			// a hand-edited URL shows everything
			filter = RoomFilter.parse(null, null, null);
		}
		model.addAttribute("filter", filter);
		RoomsAnswer answer = this.rooms.rooms(authentication.getName(), "true".equals(refresh));
		model.addAttribute("answer", answer);
		model.addAttribute("refreshIntervalSeconds", this.rooms.refreshInterval().toSeconds());
		RoomList list = RoomList.of(answer.snapshot(), filter);
		model.addAttribute("list", list);
		RoomPage rows = RoomPage.of(list.rooms(), page);
		model.addAttribute("page", rows);
		model.addAttribute("rows", RoomRow.of(rows.rooms(), this.messages, locale, this.dates));
		model.addAttribute("pagePath", pagePath(filter));
		return "rooms/list";
	}

	/**
	 * This list's address without the page, for the page links: the type and, when there
	 * is one, the search (a link expression would write an empty {@code q=}), every
	 * character of the search encoded ({@code +} and {@code &} included).
	 */
	private static String pagePath(RoomFilter filter) {
		UriComponentsBuilder path = UriComponentsBuilder.fromPath("/spaces").queryParam("type", "{type}");
		if (filter.query().isEmpty()) {
			return path.encode().buildAndExpand(filter.type()).toUriString();
		}
		return path.queryParam("q", "{q}").encode().buildAndExpand(filter.type(), filter.query()).toUriString();
	}

}
