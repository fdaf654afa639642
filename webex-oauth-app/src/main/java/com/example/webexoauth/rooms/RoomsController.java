package com.example.webexoauth.rooms;

import java.util.Locale;

import com.example.webexoauth.rooms.RoomCache.RoomsAnswer;
import com.example.webexoauth.rooms.RoomList.RoomFilter;
import com.example.webexoauth.system.DateFormats;
import com.example.webexoauth.system.InvalidParameterException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

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

	/** The list a user lands on: every room, newest activity first. */
	private static final RoomFilter LANDING = RoomFilter.parse(null, null, null);

	private static final String BODY_TEMPLATE = "rooms/list-body";

	private final RoomCache rooms;

	private final MessageSource messages;

	private final DateFormats dates;

	private final ITemplateEngine templates;

	RoomsController(RoomCache rooms, MessageSource messages, DateFormats dates, ITemplateEngine templates) {
		this.rooms = rooms;
		this.messages = messages;
		this.dates = dates;
		this.templates = templates;
	}

	@GetMapping("/spaces")
	String spaces(@RequestParam(name = "type", required = false) String type,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "page", required = false) String page,
			@RequestParam(name = "refresh", required = false) String refresh, Authentication authentication,
			Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
		RoomFilter filter;
		try {
			filter = RoomFilter.parse(type, query, null);
		}
		catch (InvalidParameterException ex) {
			// a hand-edited URL shows everything
			filter = LANDING;
		}
		RoomsAnswer answer = this.rooms.rooms(authentication.getName(), "true".equals(refresh));
		model.addAttribute("answer", answer);
		model.addAttribute("refreshIntervalSeconds", this.rooms.refreshInterval().toSeconds());
		RoomList list = RoomList.of(answer.snapshot(), filter);
		model.addAttribute("filter", filter);
		model.addAttribute("list", list);
		RoomPage shown = RoomPage.of(list.rooms(), page);
		model.addAttribute("listBody",
				listBody(answer.snapshot(), new Shown(filter, list, shown), locale, request, response));
		return "rooms/list";
	}

	/**
	 * The filters, the table and the page links as HTML ({@code rooms/list-body.html}):
	 * those of the list a user lands on (everything, newest activity first, page 1)
	 * rendered once per fetched list and kept with it, since every view of that list
	 * until the next fetch shows the same; others each time.
	 */
	private String listBody(RoomSnapshot snapshot, Shown shown, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		if (shown.filter().equals(LANDING) && shown.page().number() == 1) {
			return snapshot.landingBody(locale, (key) -> render(shown, request, response, key));
		}
		return render(shown, request, response, locale);
	}

	/** Rendered with the request, as the page is, so that its links are the page's. */
	private String render(Shown shown, HttpServletRequest request, HttpServletResponse response, Locale locale) {
		WebContext body = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
			.buildExchange(request, response), locale);
		body.setVariable("filter", shown.filter());
		body.setVariable("list", shown.list());
		body.setVariable("page", shown.page());
		body.setVariable("rows", RoomRow.of(shown.page().rooms(), this.messages, locale, this.dates));
		body.setVariable("pagePath", pagePath(shown.filter()));
		return this.templates.process(BODY_TEMPLATE, body);
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

	/** Which rooms a view shows: the filter, what passes it, and the page of it. */
	private record Shown(RoomFilter filter, RoomList list, RoomPage page) {
	}

}
