package com.example.webex.vault.store;

/**
 * Whether a stored grant can be used.
 */
public enum GrantStatus {

	/** Usable: the access token is current or can be refreshed. */
	ACTIVE,

	/** Webex refused it; kept only to explain why the user must connect again. */
	CONSENT_REQUIRED

}
