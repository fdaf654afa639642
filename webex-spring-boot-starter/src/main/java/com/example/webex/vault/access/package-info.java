/**
 * Who may connect: the operator's allow-list ({@code WEBEX_ALLOWED_EMAIL_DOMAINS},
 * {@code WEBEX_ALLOWED_ORG_IDS}) and the identity it decides on, as {@code /people/me}
 * reports it at sign-in and the grant records it. Depends on nothing else of the vault.
 */
package com.example.webex.vault.access;
