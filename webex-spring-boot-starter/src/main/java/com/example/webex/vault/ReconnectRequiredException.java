package com.example.webex.vault;

/**
 * Thrown when the user has to connect their Webex account again before the app can call
 * Webex for them.
 */
public class ReconnectRequiredException extends RuntimeException {

	private final Reason reason;

	public ReconnectRequiredException(Reason reason) {
		super(reason.description);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why the stored grant cannot be used. */
	public enum Reason {

		/**
		 * No grant is stored for the user (never connected, disconnected, or not logged
		 * in).
		 */
		NO_GRANT("No Webex grant is stored for this user"),

		/** Webex refused to refresh the grant, or it was marked unusable earlier. */
		CONSENT_REQUIRED("The stored Webex grant can no longer be refreshed"),

		/** Webex rejected a freshly refreshed access token. */
		REJECTED("Webex rejected the access token even after a refresh"),

		/**
		 * An allow-list is set and the grant records no identity to check it against
		 * (stored before identities were); connecting again records one.
		 */
		IDENTITY_UNKNOWN("The stored Webex grant does not record whom the allow-list should check");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

	}

}
