package com.example.webexoauth.login;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.webexoauth.system.WebexProperties;
import com.example.webexoauth.system.WebexProperties.ClientAuthentication;
import com.example.webexoauth.token.GrantAdmission;
import com.example.webexoauth.webex.WebexCallLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.web.client.RestTemplate;

/**
 * The Webex registration for Spring Security's OAuth 2.0 client. Every provider URI is
 * derived from one API base URL, so pointing {@code WEBEX_API_BASE_URL} at Webex for
 * Government, or at the simulator, moves the whole flow. PKCE (S256) is on by default for
 * authorization-code registrations in Spring Security 7.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebexProperties.class)
class WebexRegistrationConfiguration {

	private static final Log logger = LogFactory.getLog(WebexRegistrationConfiguration.class);

	static final String REGISTRATION_ID = "webex";

	/** The person's attribute that names the principal. */
	static final String NAME_ATTRIBUTE = "id";

	/**
	 * The attributes of {@code /people/me} that the session keeps: the principal name and what
	 * the granted page shows. The profile page asks Webex afresh.
	 */
	static final List<String> KEPT_ATTRIBUTES = List.of(NAME_ATTRIBUTE, "displayName");

	/** Spring's error code for a profile it could not use (see {@code CallbackFailure}). */
	static final String INVALID_USER_INFO_RESPONSE = "invalid_user_info_response";

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(WebexProperties webex) {
		return new InMemoryClientRegistrationRepository(webexRegistration(webex));
	}

	static ClientRegistration webexRegistration(WebexProperties webex) {
		ClientAuthenticationMethod authentication = (webex.clientAuthentication() == ClientAuthentication.BASIC)
				? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.CLIENT_SECRET_POST;
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientName("Webex")
			.clientId(webex.clientId())
			.clientSecret(webex.clientSecret())
			.clientAuthenticationMethod(authentication)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(webex.redirectUri())
			.scope(webex.scopeSet())
			.authorizationUri(webex.authorizeUri().toString())
			.tokenUri(webex.tokenUri().toString())
			.userInfoUri(webex.peopleMeUri().toString())
			.userInfoAuthenticationMethod(AuthenticationMethod.HEADER)
			.userNameAttributeName(NAME_ATTRIBUTE)
			.build();
	}

	/**
	 * Loads the person behind a new grant from {@code /people/me}, with the same timeouts as
	 * every other Webex call (Spring's default {@code RestTemplate} has none), refuses them if the
	 * operator's allow-list does not admit them, and keeps of them only what the app reads
	 * ({@link #sessionUser(OAuth2User)}).
	 * <p>
	 * The refusal is an {@link OAuth2AuthenticationException} thrown here, inside Spring's
	 * login: Spring then stores no grant and authenticates nobody, and the failure handler shows
	 * {@link CallbackFailure#NOT_ALLOWED}.
	 */
	@Bean
	OAuth2UserService<OAuth2UserRequest, OAuth2User> webexUserService(ClientHttpRequestFactory webexRequestFactory,
			GrantAdmission grantAdmission) {
		RestTemplate restTemplate = new RestTemplate(webexRequestFactory);
		restTemplate.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		restTemplate.getInterceptors().add(new WebexCallLog());
		DefaultOAuth2UserService userService = new DefaultOAuth2UserService();
		userService.setRestOperations(restTemplate);
		return (request) -> {
			OAuth2User loaded = userService.loadUser(request);
			if (!grantAdmission.admit(request.getClientRegistration(), request.getAccessToken(),
					loaded.getAttributes())) {
				// The person id only: their addresses and organization are what the operator's
				// list is about, and stay out of the logs.
				logger.info("Webex sign-in refused: outcome=" + CallbackFailure.NOT_ALLOWED + " person="
						+ loaded.getName());
				throw new OAuth2AuthenticationException(new OAuth2Error(CallbackFailure.NOT_ALLOWED_ERROR_CODE,
						"The allow-list does not admit this Webex user", null));
			}
			return sessionUser(loaded);
		};
	}

	/**
	 * The user as the session stores it, and every signed-in request reads it: only the
	 * {@link #KEPT_ATTRIBUTES} (not the emails, names, avatar, organization, ...), and the
	 * authorities without the copy of all attributes that {@code OAuth2UserAuthority} carries.
	 * @param loaded the user as Spring's {@code DefaultOAuth2UserService} loads it
	 * @return the same user with less in it
	 */
	static OAuth2User sessionUser(OAuth2User loaded) {
		// The person id names the grant, the session's principal and many debug lines: a
		// Webex id is base64url, so control characters (a forged log line) mean garbage.
		if (loaded.getName().chars().anyMatch(Character::isISOControl)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(INVALID_USER_INFO_RESPONSE,
					"The person id from Webex contains control characters", null));
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (String name : KEPT_ATTRIBUTES) {
			Object value = loaded.getAttribute(name);
			if (value != null) {
				attributes.put(name, value);
			}
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (GrantedAuthority authority : loaded.getAuthorities()) {
			authorities.add((authority instanceof OAuth2UserAuthority user)
					? new SimpleGrantedAuthority(user.getAuthority()) : authority);
		}
		return new DefaultOAuth2User(authorities, attributes, NAME_ATTRIBUTE);
	}

}
