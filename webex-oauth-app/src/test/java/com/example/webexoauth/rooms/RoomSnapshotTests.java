package com.example.webexoauth.rooms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import com.example.webex.client.Room;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a fetched room list keeps besides its rooms: the landing rows as rendered, and
 * what that costs in the cache's weight.
 */
class RoomSnapshotTests {

	static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

	@Test
	void landingBodyWhenAskedAgainThenRenderedOncePerLocale() {
		RoomSnapshot snapshot = new RoomSnapshot(rooms(3), NOW);
		List<Locale> rendered = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			assertThat(snapshot.landingBody(Locale.ENGLISH, (locale) -> {
				rendered.add(locale);
				return "<tr>english</tr>";
			})).isEqualTo("<tr>english</tr>");
		}
		assertThat(snapshot.landingBody(Locale.GERMAN, (locale) -> {
			rendered.add(locale);
			return "<tr>deutsch</tr>";
		})).isEqualTo("<tr>deutsch</tr>");
		assertThat(rendered).containsExactly(Locale.ENGLISH, Locale.GERMAN);
	}

	@Test
	void landingBodyWhenAnotherListIsFetchedThenRenderedForIt() {
		assertThat(new RoomSnapshot(rooms(3), NOW).landingBody(Locale.ENGLISH, (locale) -> "first")).isEqualTo("first");
		assertThat(new RoomSnapshot(rooms(3), NOW).landingBody(Locale.ENGLISH, (locale) -> "second"))
			.isEqualTo("second");
	}

	@Test
	void estimatedBytesWhenOverAPageThenRenderedRowsCountedForTheFirstPageOnly() {
		long perRoom = new RoomSnapshot(rooms(2), NOW).estimatedBytes()
				- new RoomSnapshot(rooms(1), NOW).estimatedBytes();
		long beyondTheFirstPage = new RoomSnapshot(rooms(RoomPage.SIZE + 2), NOW).estimatedBytes()
				- new RoomSnapshot(rooms(RoomPage.SIZE + 1), NOW).estimatedBytes();
		assertThat(perRoom - beyondTheFirstPage).isEqualTo(RoomSnapshot.ROW_HTML_BYTES + 2L * "Room 0001".length());
	}

	private static List<Room> rooms(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> new Room("room-%04d".formatted(i), "Room %04d".formatted(i), "group", false, null,
					NOW.minusSeconds(i), NOW.minusSeconds(i), null))
			.toList();
	}

}
