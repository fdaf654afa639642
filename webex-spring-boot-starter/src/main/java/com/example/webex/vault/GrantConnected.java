package com.example.webex.vault;

/**
 * Published after a user connected their Webex account (a sign-in stored a new grant, or
 * replaced their previous one).
 *
 * @param principalName the Webex person id
 */
public record GrantConnected(String principalName) {
}
