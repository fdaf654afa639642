package com.example.webex.login;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a user lands once signed in, read from the request that started the sign-in: the
 * application decides which of its own pages a sign-in may return to (an open redirect
 * must be impossible). The sign-in keeps the answer with its pending request and hands it
 * to the callback as {@link PendingAuthorizationRequests#RETURN_PATH_ATTRIBUTE}.
 */
@FunctionalInterface
public interface SignInReturnPath {

	/** No return path: every sign-in lands on the application's default page. */
	SignInReturnPath NONE = (signInStart) -> Optional.empty();

	/**
	 * @param signInStart the request to the sign-in start URL
	 * @return a path of this application, or empty for the default
	 */
	Optional<String> of(HttpServletRequest signInStart);

}
