package com.example.webex.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link RoomQuery}.
 */
class RoomQueryTests {

	@Test
	void createWhenBlankThenNotSet() {
		RoomQuery query = new RoomQuery(" ", "");

		assertThat(query).isEqualTo(RoomQuery.all());
		assertThat(query.queryParams()).isEmpty();
	}

	@Test
	void createWhenKnownValuesInAnyCaseThenNormalized() {
		RoomQuery query = new RoomQuery("Direct", " lastActivity ");

		assertThat(query.type()).isEqualTo("direct");
		assertThat(query.sortBy()).isEqualTo("lastactivity");
		assertThat(query.queryParams().toSingleValueMap()).containsExactly(
				entry("type", "direct"),
				entry("sortBy", "lastactivity"));
	}

	@Test
	void createWhenTypeUnknownThenInvalidRoomQuery() {
		assertThatExceptionOfType(InvalidRoomQueryException.class).isThrownBy(() -> new RoomQuery("public", null))
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage("Unknown type 'public', expected one of [direct, group]");
	}

	@Test
	void createWhenSortByUnknownThenInvalidRoomQuery() {
		assertThatExceptionOfType(InvalidRoomQueryException.class).isThrownBy(() -> new RoomQuery(null, "title"))
			.withMessage("Unknown sortBy 'title', expected one of [created, id, lastactivity]");
	}

}
