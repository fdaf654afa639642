package com.example.webex.client;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Webex room (space) the signed-in user belongs to, as listed by {@code GET /rooms}.
 *
 * @param id the room id
 * @param title the title; for {@code direct} rooms the other person's display name
 * @param type {@code direct} or {@code group}
 * @param locked whether the room is moderated ({@code isLocked} on the wire)
 * @param teamId the team id, only for team rooms
 * @param lastActivity when the room last saw activity
 * @param created when the room was created
 * @param creatorId the id of the person who created the room
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Room(String id, String title, String type, @JsonProperty("isLocked") boolean locked, String teamId,
		Instant lastActivity, Instant created, String creatorId) {

}
