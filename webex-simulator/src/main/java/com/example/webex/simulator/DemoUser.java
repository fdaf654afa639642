package com.example.webex.simulator;

/**
 * A person of the simulated Webex organization, as a test names them.
 *
 * @param key the short name, e.g. {@code zoe}
 * @param email the email address they sign in with
 * @param displayName the full name, as {@code GET /v1/people/me} shows it
 * @param personId the Webex person id ({@code id} of {@code GET /v1/people/me})
 */
public record DemoUser(String key, String email, String displayName, String personId) {

	static DemoUser of(String key, Person person) {
		return new DemoUser(key, person.email(), person.displayName(), person.id());
	}

}
