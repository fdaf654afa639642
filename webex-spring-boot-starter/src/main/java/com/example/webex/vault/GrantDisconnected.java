package com.example.webex.vault;

/**
 * Published after a user disconnected their Webex account: their grant is gone, and
 * whatever else holds something of theirs (sessions, cached Webex data) should let go of
 * it.
 *
 * @param principalName the Webex person id
 */
public record GrantDisconnected(String principalName) {
}
