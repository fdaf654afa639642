package com.example.webex.client;

import java.util.Locale;
import java.util.Set;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

/**
 * Filter and order for {@link WebexClient#rooms(RoomQuery)}; blank values mean "not set" and
 * values are compared without regard to case.
 *
 * @param type {@code direct}, {@code group} or {@code null} for both
 * @param sortBy {@code id}, {@code lastactivity}, {@code created} or {@code null} for Webex's
 * default order
 * @throws InvalidRoomQueryException if a value is not one Webex knows
 */
public record RoomQuery(String type, String sortBy) {

	private static final Set<String> TYPES = Set.of("direct", "group");

	private static final Set<String> SORT_ORDERS = Set.of("id", "lastactivity", "created");

	public RoomQuery {
		type = checked("type", type, TYPES);
		sortBy = checked("sortBy", sortBy, SORT_ORDERS);
	}

	/** All rooms in Webex's default order. */
	public static RoomQuery all() {
		return new RoomQuery(null, null);
	}

	MultiValueMap<String, String> queryParams() {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		if (this.type != null) {
			params.add("type", this.type);
		}
		if (this.sortBy != null) {
			params.add("sortBy", this.sortBy);
		}
		return params;
	}

	private static String checked(String name, String value, Set<String> allowed) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String normalized = value.trim().toLowerCase(Locale.ROOT);
		if (!allowed.contains(normalized)) {
			throw new InvalidRoomQueryException(name, value, allowed);
		}
		return normalized;
	}

}
