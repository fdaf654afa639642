package com.example.webexoauth.rooms;

import java.util.List;

import com.example.webex.client.Room;

/**
 * One page of the {@code /spaces} table: its rows and where it stands among the pages. A
 * page number past the last shows the last page (a list that shrank since the link was
 * made still shows something), and one that is not a number or below 1 the first.
 *
 * @param rooms the rooms on this page
 * @param number this page, from 1
 * @param pages how many pages the list has, at least 1
 * @param first the position of the first room on this page, from 1; 0 when there is none
 * @param last the position of the last room on this page
 * @param count all the rooms the list has
 */
record RoomPage(List<Room> rooms, int number, int pages, int first, int last, int count) {

	/** The most rows a page shows. */
	static final int SIZE = 100;

	static RoomPage of(List<Room> rooms, String requested) {
		int count = rooms.size();
		int pages = Math.max(1, (count + SIZE - 1) / SIZE);
		int number = Math.min(Math.max(parse(requested), 1), pages);
		int from = (number - 1) * SIZE;
		int to = Math.min(from + SIZE, count);
		return new RoomPage(rooms.subList(from, to), number, pages, (count > 0) ? from + 1 : 0, to, count);
	}

	// public, as the accessors are: the page's expressions call them

	public boolean hasPrevious() {
		return this.number > 1;
	}

	public boolean hasNext() {
		return this.number < this.pages;
	}

	private static int parse(String page) {
		if (page == null) {
			return 1;
		}
		try {
			return Integer.parseInt(page.trim());
		}
		catch (NumberFormatException ex) {
			// a hand-edited URL shows the first page, as an unknown type shows every type
			return 1;
		}
	}

}
