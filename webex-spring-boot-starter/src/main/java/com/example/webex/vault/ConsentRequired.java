package com.example.webex.vault;

/**
 * Published when Webex refused a user's grant (an expired or revoked refresh token): the
 * vault keeps the grant marked, uses it no more, and the user must connect again. Not
 * published for Webex being unreachable, slow or answering anything but a refusal: those
 * leave the grant as it was.
 *
 * @param principalName the Webex person id
 */
public record ConsentRequired(String principalName) {
}
