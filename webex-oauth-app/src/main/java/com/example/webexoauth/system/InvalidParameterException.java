package com.example.webexoauth.system;

/**
 * A request parameter the user can fix; its message names the parameter and the values it
 * accepts, and is shown to the user as it is (so it never echoes the input).
 */
public class InvalidParameterException extends RuntimeException {

	public InvalidParameterException(String message) {
		super(message);
	}

}
