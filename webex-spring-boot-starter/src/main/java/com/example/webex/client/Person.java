package com.example.webex.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Webex user's profile as returned by {@code GET /people/me}; every field may be
 * absent.
 *
 * @param id the person id
 * @param displayName the full name shown in Webex
 * @param nickName the nickname, if the user set one
 * @param firstName the first name
 * @param lastName the last name
 * @param emails the email addresses, never {@code null}
 * @param avatar the URL of the avatar image
 * @param orgId the id of the person's organization
 * @param status the presence status, e.g. {@code active} or {@code DoNotDisturb}
 * @param type {@code person}, {@code bot} or {@code appuser}
 * @param created when the person was created
 * @param lastActivity when the person was last active (only within the caller's org)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Person(String id, String displayName, String nickName, String firstName, String lastName,
		List<String> emails, String avatar, String orgId, String status, String type, Instant created,
		Instant lastActivity) {

	public Person {
		emails = (emails != null) ? emails.stream().filter(Objects::nonNull).toList() : List.of();
	}

}
