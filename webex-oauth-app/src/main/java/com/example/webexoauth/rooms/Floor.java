package com.example.webexoauth.rooms;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import com.example.webex.client.Room;
import com.example.webexoauth.system.DateFormats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * The benchmark's floor, {@code GET /bench/floor}: what {@code /spaces} cannot avoid
 * doing and nothing else, so that the page's CPU per request can be compared with it
 * layer by layer (bench/README.md). One {@code GET /rooms?max=1000} to Webex through the
 * app's own pool of connections with the bearer token the caller sends, its JSON read
 * into {@link Room}s, and the same rows as the page's ({@link RoomRow}) written out as a
 * bare HTML table.
 * <p>
 * Served by a Tomcat valve ({@link FloorConfiguration}), so that the request never
 * reaches the servlet filters: no security filter chain, no session, no MVC, no template
 * engine, no metrics. There only with {@code bench.floor.enabled=true}: it trusts the
 * caller's token as it is and adds nothing a user needs, so it is never on outside a
 * benchmark.
 */
class Floor {

	static final String PATH = "/bench/floor";

	private static final String BEARER = "Bearer ";

	private final ClientHttpRequestFactory webex;

	private final URI rooms;

	private final JsonMapper json;

	private final MessageSource messages;

	private final LocaleResolver locales;

	private final DateFormats dates;

	Floor(ClientHttpRequestFactory webex, URI apiBase, JsonMapper json, MessageSource messages, LocaleResolver locales,
			DateFormats dates) {
		this.webex = webex;
		this.rooms = URI.create(apiBase + "/rooms?max=1000");
		this.json = json;
		this.messages = messages;
		this.locales = locales;
		this.dates = dates;
	}

	void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (!"GET".equals(request.getMethod()) || authorization == null || !authorization.startsWith(BEARER)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		List<Room> rooms;
		try {
			rooms = fetch(authorization);
		}
		catch (IOException | RuntimeException ex) {
			// the benchmark counts non-200 answers as errors; the token never reaches a
			// log
			response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
			return;
		}
		Locale locale = this.locales.resolveLocale(request);
		List<RoomRow> rows = RoomRow.of(rooms, this.messages, locale, this.dates);
		response.setContentType("text/html;charset=UTF-8");
		Writer out = response.getWriter();
		out.write("<!DOCTYPE html><html lang=\"en\"><title>Floor</title><table>\n");
		for (RoomRow row : rows) {
			out.write("<tr><td>");
			out.write(HtmlUtils.htmlEscape(row.title(), StandardCharsets.UTF_8.name()));
			out.write("</td><td>");
			out.write(HtmlUtils.htmlEscape(row.typeLabel(), StandardCharsets.UTF_8.name()));
			out.write("</td><td><time datetime=\"");
			out.write((row.lastActivity() != null) ? row.lastActivity() : "");
			out.write("\">");
			out.write(row.lastActivityText());
			out.write("</time></td><td>");
			out.write(row.lockedText());
			out.write("</td></tr>\n");
		}
		out.write("</table></html>\n");
	}

	private List<Room> fetch(String authorization) throws IOException {
		ClientHttpRequest call = this.webex.createRequest(this.rooms, HttpMethod.GET);
		call.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization);
		call.getHeaders().setAccept(List.of(MediaType.APPLICATION_JSON));
		try (ClientHttpResponse answer = call.execute(); InputStream body = answer.getBody()) {
			if (answer.getStatusCode().value() != HttpServletResponse.SC_OK) {
				throw new IOException("Webex answered " + answer.getStatusCode().value());
			}
			return this.json.readValue(body, Items.class).items();
		}
	}

	record Items(List<Room> items) {
	}

}
