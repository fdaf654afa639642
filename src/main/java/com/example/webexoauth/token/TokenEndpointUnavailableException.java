package com.example.webexoauth.token;

/**
 * Thrown when the Webex token endpoint could not be reached or answered with a server error; the
 * stored grant is unchanged and a later attempt may succeed.
 */
public class TokenEndpointUnavailableException extends RuntimeException {

	public TokenEndpointUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
