package com.example.webexoauth.login;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReturnPath}: which pages a sign-in may return to, and that nothing else gets
 * through.
 */
class ReturnPathTests {

	@Test
	void ofWhenOneOfOurPagesThenKeptWithItsQuery() {
		assertThat(ReturnPath.of("/spaces")).hasValue("/spaces");
		assertThat(ReturnPath.of("/profile")).hasValue("/profile");
		assertThat(ReturnPath.of("/spaces?type=group&q=team%20a&sortBy=title"))
			.hasValue("/spaces?type=group&q=team%20a&sortBy=title");
		assertThat(ReturnPath.of("/spaces?")).hasValue("/spaces");
	}

	@Test
	void ofWhenAnotherSiteInAnySpellingThenNothing() {
		for (String value : new String[] { "//evil.example", "///evil.example", "https://evil.example",
				"http:evil.example", "/\\evil.example", "\\/evil.example", "\\\\evil.example", "/%2F%2Fevil.example",
				"%2F%2Fevil.example", "/%5Cevil.example", "%2Fspaces", "/spaces@evil.example", "//spaces",
				"/spaces/../profile", "/spaces/", "/SPACES", "/spaces;jsessionid=1", "/spaces#@evil.example",
				"/spaces?q=a#@evil.example", "/spaces?q=\\evil", "/spaces?q=a b", "/spaces?q=\r\nSet-Cookie:x",
				"/spaces?q=\u0000", "javascript:alert(1)", " /spaces", "/spaces ", "", "?/spaces" }) {
			assertThat(ReturnPath.of(value)).as(value).isEmpty();
		}
	}

	@Test
	void ofWhenNotOneOfOurPagesBehindLoginThenNothing() {
		for (String value : new String[] { "/", "/oauth", "/oauth2/authorization/webex", "/logout", "/disconnect",
				"/api/rooms", "/login/failed", "/actuator/prometheus", "/error" }) {
			assertThat(ReturnPath.of(value)).as(value).isEmpty();
		}
	}

	@Test
	void ofWhenMissingOrTooLongThenNothing() {
		assertThat(ReturnPath.of(null)).isEmpty();
		assertThat(ReturnPath.of("/spaces?q=" + "a".repeat(ReturnPath.MAX_LENGTH))).isEmpty();
	}

}
