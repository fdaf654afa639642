package com.example.webex.vault;

/**
 * Thrown when the operator's allow-list ({@code WEBEX_ALLOWED_EMAIL_DOMAINS},
 * {@code WEBEX_ALLOWED_ORG_IDS}) does not admit the user whose grant is stored: the grant
 * stays as it is, unused, until the list admits them again or they disconnect.
 */
public class UserNotAllowedException extends RuntimeException {

	public UserNotAllowedException() {
		super("The allow-list does not admit the user of this Webex grant");
	}

}
