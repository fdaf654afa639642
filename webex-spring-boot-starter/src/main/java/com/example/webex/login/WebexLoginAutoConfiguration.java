package com.example.webex.login;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.webex.client.ConditionalOnWebexIntegration;
import com.example.webex.client.WebexClientAutoConfiguration;
import com.example.webex.client.WebexHttp;
import com.example.webex.client.WebexProperties;
import com.example.webex.client.WebexProperties.ClientAuthentication;
import com.example.webex.vault.GrantAdmission;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The Webex registration for Spring Security's OAuth 2.0 client. Every provider URI is
 * derived from one API base URL, so pointing {@code WEBEX_API_BASE_URL} at Webex for
 * Government, or at the simulator, moves the whole flow. PKCE (S256) is on by default for
 * authorization-code registrations in Spring Security 7.
 */
@AutoConfiguration(before = { OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class,
		ServletWebSecurityAutoConfiguration.class }, after = WebexClientAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ WebexProperties.class, LoginProperties.class })
@ConditionalOnWebexIntegration
public class WebexLoginAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WebexLoginAutoConfiguration.class);

	/** The person's attribute that names the principal. */
	static final String NAME_ATTRIBUTE = "id";

	/**
	 * The attributes of {@code /people/me} that the session keeps: the principal name and
	 * what the granted page shows. The profile page asks Webex afresh.
	 */
	static final List<String> KEPT_ATTRIBUTES = List.of(NAME_ATTRIBUTE, "displayName");

	/**
	 * Spring's error code for a profile it could not use (see {@code CallbackFailure}).
	 */
	static final String INVALID_USER_INFO_RESPONSE = "invalid_user_info_response";

	@Bean
	@ConditionalOnMissingBean
	ClientRegistrationRepository clientRegistrationRepository(WebexProperties webex) {
		return new InMemoryClientRegistrationRepository(webexRegistration(webex));
	}

	static ClientRegistration webexRegistration(WebexProperties webex) {
		ClientAuthenticationMethod authentication = (webex.clientAuthentication() == ClientAuthentication.BASIC)
				? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.CLIENT_SECRET_POST;
		return ClientRegistration.withRegistrationId(WebexProperties.REGISTRATION_ID)
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
	 * Loads the person behind a new grant from {@code /people/me} through
	 * {@link WebexHttp#userInfo()}, like every other Webex call (Spring's default
	 * {@code RestTemplate} has no timeouts), refuses them if the operator's allow-list
	 * does not admit them, and keeps of them only what the app reads and what the vault
	 * stores with the grant ({@link #sessionUser(OAuth2User, Map)}).
	 * <p>
	 * The refusal is an {@link OAuth2AuthenticationException} thrown here, inside
	 * Spring's login: Spring then stores no grant and authenticates nobody, and the
	 * failure handler shows {@link CallbackFailure#NOT_ALLOWED}.
	 */
	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OAuth2UserRequest, OAuth2User> webexUserService(WebexHttp webexHttp,
			GrantAdmission grantAdmission) {
		DefaultOAuth2UserService userService = new DefaultOAuth2UserService();
		userService.setRestOperations(webexHttp.userInfo());
		return (request) -> {
			OAuth2User loaded = userService.loadUser(request);
			Map<String, Object> admitted = grantAdmission.admit(request, loaded.getAttributes()).orElseThrow(() -> {
				// The person id only: their addresses and organization are what the
				// operator's list is about, and stay out of the logs.
				logger.info("Webex sign-in refused: outcome=" + CallbackFailure.NOT_ALLOWED + " person="
						+ loaded.getName());
				return new OAuth2AuthenticationException(new OAuth2Error(CallbackFailure.NOT_ALLOWED_ERROR_CODE,
						"The allow-list does not admit this Webex user", null));
			});
			return sessionUser(loaded, admitted);
		};
	}

	@Bean
	@ConditionalOnMissingBean
	SignInReturnPath signInReturnPath() {
		return SignInReturnPath.NONE;
	}

	// A Clock bean, if one exists (tests), decides when a pending sign-in has expired.
	@Bean
	@ConditionalOnMissingBean
	PendingAuthorizationRequests pendingAuthorizationRequests(LoginProperties login, ObjectProvider<Clock> clock,
			SignInReturnPath signInReturnPath) {
		return new PendingAuthorizationRequests(login.pendingTtl(), login.pendingMax(),
				clock.getIfUnique(Clock::systemUTC), signInReturnPath);
	}

	@Bean
	WebexLogin webexLogin(ClientRegistrationRepository registrations,
			PendingAuthorizationRequests pendingAuthorizationRequests, WebexProperties webex) {
		return new WebexLogin(registrations, pendingAuthorizationRequests, webex);
	}

	/**
	 * Ends every session of a user who disconnects, where the application keeps its
	 * sessions in a store Spring Session can search by user (JDBC, Redis). Spring Session
	 * is optional: without it on the class path this configuration is skipped before its
	 * bean method, whose signature names Spring Session's types, is ever read.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(FindByIndexNameSessionRepository.class)
	static class DisconnectedUserSessionsConfiguration {

		@Bean
		DisconnectedUserSessions disconnectedUserSessions(
				ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
			return new DisconnectedUserSessions(sessions);
		}

	}

	/**
	 * What JDBC sessions hold (the signed-in user, the CSRF token, pending sign-ins) is
	 * stored as JSON with an allow-list of types ({@link JsonSessionAttributes}), not
	 * Java-serialized.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcIndexedSessionRepository.class)
	static class JdbcSessionAttributesConfiguration {

		@Bean
		SessionRepositoryCustomizer<JdbcIndexedSessionRepository> jsonSessionAttributes() {
			JsonSessionAttributes json = new JsonSessionAttributes(getClass().getClassLoader());
			return (repository) -> repository.setConversionService(json.conversionService());
		}

	}

	/**
	 * For applications without a security configuration of their own: every page needs a
	 * signed-in user, who signs in with Webex. An application's own
	 * {@code SecurityFilterChain} replaces this one (and calls
	 * {@link WebexLogin#configure} for the Webex part).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultWebexLoginSecurity {

		@Bean
		SecurityFilterChain webexLoginSecurityFilterChain(HttpSecurity http, WebexLogin webexLogin) throws Exception {
			http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
				.oauth2Login(webexLogin::configure);
			return http.build();
		}

	}

	/**
	 * The user as the session stores it, and every signed-in request reads it: only the
	 * {@link #KEPT_ATTRIBUTES} (not the emails, names, avatar, ...), and the authorities
	 * without the copy of all attributes that {@code OAuth2UserAuthority} carries.
	 * @param loaded the user as Spring's {@code DefaultOAuth2UserService} loads it
	 * @return the same user with less in it
	 */
	static OAuth2User sessionUser(OAuth2User loaded) {
		return sessionUser(loaded, Map.of());
	}

	/**
	 * The user as the session stores it, plus what the vault stores with the new grant
	 * ({@link GrantAdmission#admit}: organization id, mail domains, refresh-token
	 * expiry): Spring hands this user to the grant store's {@code saveAuthorizedClient}
	 * in the same request.
	 */
	static OAuth2User sessionUser(OAuth2User loaded, Map<String, Object> admitted) {
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
		attributes.putAll(admitted);
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (GrantedAuthority authority : loaded.getAuthorities()) {
			authorities.add((authority instanceof OAuth2UserAuthority user)
					? new SimpleGrantedAuthority(user.getAuthority()) : authority);
		}
		return new DefaultOAuth2User(authorities, attributes, NAME_ATTRIBUTE);
	}

}
