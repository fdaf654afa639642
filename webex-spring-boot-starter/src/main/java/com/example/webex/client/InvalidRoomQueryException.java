package com.example.webex.client;

import java.util.Set;
import java.util.TreeSet;

/**
 * Thrown when a {@link RoomQuery} value is not one Webex accepts; a caller's mistake, so
 * map it to HTTP 400.
 */
public class InvalidRoomQueryException extends IllegalArgumentException {

	InvalidRoomQueryException(String name, String value, Set<String> allowed) {
		super("Unknown %s '%s', expected one of %s".formatted(name, value, new TreeSet<>(allowed)));
	}

}
