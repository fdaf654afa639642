package com.example.webex.login;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WebexLoginAutoConfiguration#sessionUser(OAuth2User)}: what the session keeps of
 * the person Webex describes at sign-in.
 */
class SessionUserTests {

	static final String ID = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS96b2U";

	@Test
	void sessionUserWhenLoadedFromPeopleMeThenOnlyIdAndDisplayNameKept() {
		OAuth2User user = WebexLoginAutoConfiguration.sessionUser(loaded());
		assertThat(user.getName()).isEqualTo(ID);
		assertThat(user.getAttributes()).containsOnly(Map.entry("id", ID), Map.entry("displayName", "Zoë Ångström"));
	}

	@Test
	void sessionUserWhenLoadedFromPeopleMeThenSameAuthorityNamesWithoutAttributeCopies() {
		OAuth2User user = WebexLoginAutoConfiguration.sessionUser(loaded());
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("OAUTH2_USER", "SCOPE_spark:people_read", "SCOPE_spark:rooms_read");
		assertThat(user.getAuthorities()).noneMatch(OAuth2UserAuthority.class::isInstance);
	}

	@Test
	void sessionUserWhenPersonHasNoDisplayNameThenOnlyId() {
		OAuth2User user = WebexLoginAutoConfiguration
			.sessionUser(new DefaultOAuth2User(List.of(), Map.of("id", ID, "emails", List.of("x@example.com")), "id"));
		assertThat(user.getAttributes()).containsOnly(Map.entry("id", ID));
	}

	@Test
	void sessionUserWhenPersonIdHasControlCharactersThenSignInRefusedAsAnUnusableProfile() {
		for (String id : List.of(ID + "\r\n2026-01-01 INFO forged", ID + "\u001b[2J", "\u0000")) {
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> WebexLoginAutoConfiguration
					.sessionUser(new DefaultOAuth2User(List.of(), Map.of("id", id), "id")))
				.satisfies((ex) -> assertThat(CallbackFailure.of(ex, callback()))
					.isEqualTo(CallbackFailure.PROFILE_FAILED));
		}
	}

	// a callback that carried a code and a state, as one that fails at the profile does
	private static MockHttpServletRequest callback() {
		MockHttpServletRequest callback = new MockHttpServletRequest("GET", "/oauth");
		callback.setParameter("code", "a-code");
		callback.setParameter("state", "a-state");
		return callback;
	}

	/**
	 * The user as Spring's {@code DefaultOAuth2UserService} builds it from
	 * {@code /people/me}.
	 */
	static OAuth2User loaded() {
		Map<String, Object> person = new LinkedHashMap<>();
		person.put("id", ID);
		person.put("emails", List.of("zoe@example.com"));
		person.put("displayName", "Zoë Ångström");
		person.put("nickName", "Zoë");
		person.put("avatar", "https://avatars.example/zoe");
		person.put("orgId", "Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x");
		person.put("status", "active");
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		authorities.add(new OAuth2UserAuthority(person, "id"));
		authorities.add(new SimpleGrantedAuthority("SCOPE_spark:people_read"));
		authorities.add(new SimpleGrantedAuthority("SCOPE_spark:rooms_read"));
		return new DefaultOAuth2User(authorities, person, "id");
	}

}
