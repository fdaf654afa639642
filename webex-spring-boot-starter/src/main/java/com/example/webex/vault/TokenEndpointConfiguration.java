package com.example.webex.vault;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.webex.client.WebexProperties;
import com.example.webex.client.WebexCallLog;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The clients for Webex's token endpoint: the code exchange Spring's login uses (it finds the
 * bean by type), the refresh the vault uses, and revocation, sharing one {@link RestClient} with
 * timeouts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebexProperties.class)
class TokenEndpointConfiguration {

	private final RestClient restClient;

	TokenEndpointConfiguration(ClientHttpRequestFactory webexRequestFactory) {
		this.restClient = tokenEndpointRestClient(webexRequestFactory);
	}

	@Bean
	RefreshTokenExpiries refreshTokenExpiries() {
		return new RefreshTokenExpiries(Clock.systemUTC());
	}

	@Bean
	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokenResponseClient(
			RefreshTokenExpiries refreshTokenExpiries) {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(this.restClient);
		return new RefreshExpiryRecordingClient(client, refreshTokenExpiries);
	}

	@Bean
	OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenTokenResponseClient() {
		RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
		client.setRestClient(this.restClient);
		return client;
	}

	@Bean
	TokenRevoker tokenRevoker(WebexProperties webex) {
		return new TokenRevoker(webex.revokeUri(), this.restClient);
	}

	/**
	 * What Spring's token clients build by default (form and token-response converters, the
	 * OAuth 2.0 error handler), on the pooled connections every Webex call uses, with their
	 * timeouts: the default has none.
	 */
	static RestClient tokenEndpointRestClient(ClientHttpRequestFactory requestFactory) {
		return RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(tokenResponseConverter())
				.withStringConverter(new StringHttpMessageConverter()))
			.defaultStatusHandler(new TokenEndpointErrorHandler())
			.requestInterceptor(new WebexCallLog())
			.build();
	}

	/**
	 * Spring's token-response converter, also accepting a response without
	 * {@code token_type}: real Webex leaves it out of some responses, and its tokens are
	 * always bearer tokens. Everything else (a missing token, another token type, the
	 * additional parameters) stays as Spring reads it.
	 */
	static OAuth2AccessTokenResponseHttpMessageConverter tokenResponseConverter() {
		DefaultMapOAuth2AccessTokenResponseConverter spring = new DefaultMapOAuth2AccessTokenResponseConverter();
		OAuth2AccessTokenResponseHttpMessageConverter converter = new OAuth2AccessTokenResponseHttpMessageConverter();
		converter.setAccessTokenResponseConverter((parameters) -> {
			if (parameters.containsKey(OAuth2ParameterNames.TOKEN_TYPE)) {
				return spring.convert(parameters);
			}
			Map<String, Object> bearer = new LinkedHashMap<>(parameters);
			bearer.put(OAuth2ParameterNames.TOKEN_TYPE, OAuth2AccessToken.TokenType.BEARER.getValue());
			return spring.convert(bearer);
		});
		return converter;
	}

}
