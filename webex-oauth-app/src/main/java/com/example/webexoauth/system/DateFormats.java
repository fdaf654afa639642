package com.example.webexoauth.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Formats instants for pages ({@code ${@dates.format(...)}} in templates), in UTC so
 * every instance and user sees the same text.
 */
@Component("dates")
public class DateFormats {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String format(Instant instant) {
		return (instant != null) ? FORMAT.format(instant) : "—";
	}

}
