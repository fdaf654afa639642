package com.example.webex.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The one way to Webex: every call goes through the same pooled connections (timeouts, no
 * redirects, see {@link WebexClientAutoConfiguration}) and the same {@link WebexCallLog}
 * (a log line and a {@code webex.api.calls} timing per exchange), whether it is a REST
 * call of {@link WebexClient}, the code exchange, a refresh, a revocation or the profile
 * at sign-in. The clients for the last four are built here, once.
 */
public final class WebexHttp {

	private final ClientHttpRequestFactory requestFactory;

	private final WebexCallLog callLog;

	private final RestClient tokenEndpoint;

	private final RestTemplate userInfo;

	WebexHttp(ClientHttpRequestFactory requestFactory, URI apiBase, MeterRegistry meterRegistry) {
		this.requestFactory = requestFactory;
		this.callLog = new WebexCallLog(apiBase, meterRegistry);
		this.tokenEndpoint = RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(tokenResponseConverter())
				.withStringConverter(new StringHttpMessageConverter()))
			.defaultStatusHandler(new TokenEndpointErrorHandler())
			.requestInterceptor(this.callLog)
			.build();
		this.userInfo = new RestTemplate(requestFactory);
		this.userInfo.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		this.userInfo.getInterceptors().add(this.callLog);
	}

	/**
	 * The client for Webex's token endpoint, for Spring's token response clients (the
	 * code exchange, the refresh) and revocation: what Spring builds by default (form and
	 * token-response converters, the OAuth 2.0 error handler), reading Webex's answers as
	 * they come (see {@link #tokenResponseConverter()} and
	 * {@link TokenEndpointErrorHandler}).
	 */
	public RestClient tokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * The client for {@code GET /people/me} at sign-in, for Spring's
	 * {@code DefaultOAuth2UserService}, which takes a {@code RestOperations} only.
	 */
	public RestTemplate userInfo() {
		return this.userInfo;
	}

	/**
	 * The REST API's client for {@link WebexClient}: absolute URIs (the client resolves
	 * them against the API base itself, and checks next-page links against it), the given
	 * interceptors outside the call log.
	 * @param builder a fresh builder (Boot's carries its JSON converters)
	 * @param interceptors e.g. the one that sets the user's bearer token, outermost first
	 */
	RestClient api(RestClient.Builder builder, List<? extends ClientHttpRequestInterceptor> interceptors) {
		return builder.requestFactory(this.requestFactory).requestInterceptors((chain) -> {
			chain.addAll(interceptors);
			chain.add(this.callLog);
		})
			// the call log times every exchange (webex.api.calls, with the endpoint
			// template): Boot's http.client.requests observation would time it twice
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
	}

	/**
	 * Spring's token-response converter, also accepting a response without
	 * {@code token_type}: real Webex leaves it out of some responses, and its tokens are
	 * always bearer tokens. Everything else (a missing token, another token type, the
	 * additional parameters such as {@code refresh_token_expires_in}) stays as Spring
	 * reads it.
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
