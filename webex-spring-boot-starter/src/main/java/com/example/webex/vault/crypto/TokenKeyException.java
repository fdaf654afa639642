package com.example.webex.vault.crypto;

/**
 * Thrown at start-up when the token encryption keys are missing, malformed, or do not
 * match the stored grants; carries an operator-facing description and action for a
 * {@code FailureAnalyzer}.
 */
public class TokenKeyException extends RuntimeException {

	private final String action;

	public TokenKeyException(String description, String action) {
		super(description);
		this.action = action;
	}

	public TokenKeyException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	/** What went wrong, for the operator. */
	public String description() {
		return getMessage();
	}

	/** What the operator should do about it. */
	public String action() {
		return this.action;
	}

}
