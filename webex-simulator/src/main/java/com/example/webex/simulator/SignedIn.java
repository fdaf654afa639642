package com.example.webex.simulator;

import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a sign-in through an app under test ended ({@link WebexSimulator#signIn}), and
 * the cookies the app set on the way: its session.
 *
 * @param landedOn the last URL of the app visited (the page after the callback's
 * redirects)
 * @param status the status of that page
 * @param cookies the cookies the app set, session cookie included
 */
public record SignedIn(URI landedOn, int status, List<HttpCookie> cookies) {

	public SignedIn {
		cookies = List.copyOf(cookies);
	}

	/**
	 * The value of one cookie.
	 * @param name e.g. {@code SESSION} or {@code JSESSIONID}
	 * @return its value, empty if the app did not set it
	 */
	public Optional<String> cookie(String name) {
		return this.cookies.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/**
	 * All cookies as one {@code Cookie} request header value, to send them with the JDK
	 * client or any other.
	 */
	public String cookieHeader() {
		return this.cookies.stream()
			.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

	@Override
	public String toString() {
		// a session cookie is a credential: name the cookies, never their values
		return "SignedIn[landedOn=" + this.landedOn + ", status=" + this.status + ", cookies="
				+ this.cookies.stream().map(HttpCookie::getName).toList() + "]";
	}

}
