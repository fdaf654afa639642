package com.example.webex.vault.refresh;

import com.example.webex.client.WebexHttp;
import com.example.webex.client.WebexProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.web.client.RestClient;

/**
 * The clients for Webex's token endpoint: the code exchange Spring's login uses (it finds
 * the bean by type), the refresh the vault uses, and revocation, all on
 * {@link WebexHttp#tokenEndpoint()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebexProperties.class)
public class TokenEndpointConfiguration {

	private final RestClient restClient;

	TokenEndpointConfiguration(WebexHttp webexHttp) {
		this.restClient = webexHttp.tokenEndpoint();
	}

	@Bean
	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokenResponseClient() {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(this.restClient);
		return client;
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

}
