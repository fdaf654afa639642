package com.example.webex.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Webex room as {@code GET /v1/rooms} lists it; dates are ISO-8601 UTC with
 * milliseconds, so they also sort as text.
 *
 * @param id the room id ({@code ciscospark://us/ROOM/...}, base64url)
 * @param title the title; for direct rooms the other person's name
 * @param type {@code direct} or {@code group}
 * @param locked whether the room is moderated
 * @param announcementOnly whether only moderators may post
 * @param teamId the team the room belongs to, if any
 * @param lastActivity when the room was last active
 * @param created when the room was created
 * @param creatorId who created the room
 * @param ownerId the organization that owns the room
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Room(String id, String title, String type, @JsonProperty("isLocked") boolean locked,
		@JsonProperty("isAnnouncementOnly") boolean announcementOnly, String teamId, String lastActivity,
		String created, String creatorId, String ownerId) {

	static final String DIRECT = "direct";

	static final String GROUP = "group";

}
