package com.example.webexoauth.webex;

import java.net.http.HttpClient;
import java.util.List;

import com.example.webexoauth.system.WebexProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@link WebexClient} on a pooled HTTP/1.1 connection to the Webex API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebexProperties.class)
class WebexClientConfiguration {

	@Bean
	WebexClient webexClient(RestClient.Builder restClientBuilder, WebexProperties properties,
			ObjectProvider<WebexRequestInterceptor> interceptors, MeterRegistry meterRegistry) {
		return createWebexClient(restClientBuilder, properties, interceptors.orderedStream().toList(), meterRegistry);
	}

	/**
	 * The one way a {@link WebexClient} is built, shared with the tests.
	 * @param restClientBuilder a fresh builder (Boot's carries its JSON converters)
	 * @param properties where Webex is and how patiently to call it
	 * @param interceptors added outermost first
	 * @param meterRegistry where to record {@code webex.api.calls}
	 * @return the client
	 */
	static WebexClient createWebexClient(RestClient.Builder restClientBuilder, WebexProperties properties,
			List<? extends WebexRequestInterceptor> interceptors, MeterRegistry meterRegistry) {
		RestClient restClient = restClientBuilder.baseUrl(properties.apiBaseUrl())
			.requestFactory(requestFactory(properties.http()))
			.requestInterceptors((chain) -> chain.addAll(interceptors))
			.build();
		return new WebexClient(restClient, properties.apiBase(), properties.http(), meterRegistry);
	}

	private static ClientHttpRequestFactory requestFactory(WebexProperties.Http http) {
		// Redirects are not followed: a redirect would carry the bearer token to wherever it
		// points. The JDK client keeps idle connections open for reuse (by default for as
		// long as -Djdk.httpclient.keepalive.timeout allows).
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(http.connectTimeout(), http.readTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		// HTTP/1.1: on plain http (the simulator) the JDK's HTTP/2 default would try an h2c
		// upgrade on every new connection
		return ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
			.build(settings);
	}

}
