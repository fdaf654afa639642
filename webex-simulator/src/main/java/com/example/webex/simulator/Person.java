package com.example.webex.simulator;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Webex person as {@code GET /v1/people/me} returns it.
 *
 * @param id the person id ({@code ciscospark://us/PEOPLE/...}, base64url)
 * @param emails email addresses, the first one primary
 * @param displayName full name as shown in Webex
 * @param nickName short name
 * @param firstName given name
 * @param lastName family name
 * @param avatar URL of the avatar image
 * @param orgId the organization id
 * @param created when the account was created
 * @param lastModified when the profile last changed
 * @param lastActivity when the person was last active
 * @param status presence, e.g. {@code active} or {@code DoNotDisturb}
 * @param type always {@code person} here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Person(String id, List<String> emails, String displayName, String nickName, String firstName, String lastName,
		String avatar, String orgId, String created, String lastModified, String lastActivity, String status,
		String type) {

	String email() {
		return this.emails.get(0);
	}

	Person withAvatar(String avatar) {
		return new Person(this.id, this.emails, this.displayName, this.nickName, this.firstName, this.lastName, avatar,
				this.orgId, this.created, this.lastModified, this.lastActivity, this.status, this.type);
	}

}
