package com.example.webex.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@link WebexClient} on a pool of HTTP/1.1 connections to the Webex API.
 */
@AutoConfiguration(after = RestClientAutoConfiguration.class)
@EnableConfigurationProperties(WebexProperties.class)
@ConditionalOnWebexIntegration
public class WebexClientAutoConfiguration {

	/**
	 * Idle connections are closed after this, before a server or proxy drops them unseen.
	 */
	static final TimeValue IDLE_CONNECTION_LIFETIME = TimeValue.ofSeconds(30);

	/**
	 * No connection is used longer than this, so DNS and load balancer changes take
	 * effect.
	 */
	static final TimeValue CONNECTION_LIFETIME = TimeValue.ofMinutes(5);

	/**
	 * A connection idle for longer is checked before reuse; the check costs up to 1 ms,
	 * so connections kept busy are not checked.
	 */
	static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(2);

	/**
	 * The one pool of connections to Webex: API calls, the code exchange, refreshes,
	 * revocation and the profile at sign-in all go through it. A bean, so that the
	 * context closes its connections and eviction thread.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "webexRequestFactory")
	HttpComponentsClientHttpRequestFactory webexRequestFactory(WebexProperties properties) {
		return requestFactory(properties.http());
	}

	/**
	 * Starts each incoming request's {@link RequestBudget} as it arrives, before the
	 * session lookup and the security filters, so the deadline counts from the request's
	 * arrival.
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<RequestBudgetFilter> webexRequestBudgetFilter(WebexProperties properties) {
		FilterRegistrationBean<RequestBudgetFilter> registration = new FilterRegistrationBean<>(
				new RequestBudgetFilter(properties.http()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Every client for Webex, on the {@code webexRequestFactory} connections with one
	 * call log.
	 */
	@Bean
	@ConditionalOnMissingBean
	WebexHttp webexHttp(ClientHttpRequestFactory webexRequestFactory, WebexProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new WebexHttp(webexRequestFactory, properties.apiBase(),
				meterRegistry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	WebexClient webexClient(RestClient.Builder restClientBuilder, WebexProperties properties, WebexHttp webexHttp,
			ObjectProvider<WebexRequestInterceptor> interceptors) {
		return new WebexClient(webexHttp.api(restClientBuilder, interceptors.orderedStream().toList()),
				properties.apiBase(), properties.http());
	}

	/**
	 * A {@link WebexClient} as the beans above build it, for tests.
	 * @param restClientBuilder a fresh builder (Boot's carries its JSON converters)
	 * @param properties where Webex is and how patiently to call it
	 * @param requestFactory from {@link #requestFactory}; whoever built it closes it
	 * @param interceptors added outermost first
	 * @param meterRegistry where to record {@code webex.api.calls}
	 * @return the client
	 */
	static WebexClient createWebexClient(RestClient.Builder restClientBuilder, WebexProperties properties,
			ClientHttpRequestFactory requestFactory, List<? extends WebexRequestInterceptor> interceptors,
			MeterRegistry meterRegistry) {
		WebexHttp http = new WebexHttp(requestFactory, properties.apiBase(), meterRegistry);
		return new WebexClient(http.api(restClientBuilder, interceptors), properties.apiBase(), properties.http());
	}

	/**
	 * Apache HttpClient's classic (blocking) client: the call runs on the request's own
	 * thread, where the JDK client handed every exchange to its selector and executor
	 * threads and back.
	 * @param http the timeouts and the pool size
	 * @return a factory to close when done
	 */
	static HttpComponentsClientHttpRequestFactory requestFactory(WebexProperties.Http http) {
		HttpComponentsClientHttpRequestFactory factory = pooledRequestFactory(http);
		factory.setHttpContextFactory((method, uri) -> withinDeadline(factory, http));
		return factory;
	}

	/**
	 * Shortens the wait for an answer to what is left of the request's deadline, when
	 * that is less than the read timeout: a call made late in a request cannot keep it
	 * past its deadline. A copy of the client's default request configuration with a
	 * shorter response timeout (which HttpClient applies to this exchange instead of the
	 * connection's read timeout).
	 * @return the context for this exchange, or {@code null} for the default one
	 */
	private static @Nullable HttpContext withinDeadline(HttpComponentsClientHttpRequestFactory factory,
			WebexProperties.Http http) {
		Duration left = RequestBudget.current(http).remaining();
		if (left.compareTo(http.readTimeout()) >= 0 || !(factory.getHttpClient() instanceof Configurable client)) {
			return null;
		}
		HttpClientContext context = HttpClientContext.create();
		// never 0: HttpClient reads a zero timeout as "wait forever"
		long millis = Math.max(left.toMillis(), 1);
		context.setRequestConfig(
				RequestConfig.copy(client.getConfig()).setResponseTimeout(millis, TimeUnit.MILLISECONDS).build());
		return context;
	}

	private static HttpComponentsClientHttpRequestFactory pooledRequestFactory(WebexProperties.Http http) {
		// Redirects are not followed: a redirect would carry the bearer token to wherever
		// it points. The read timeout bounds every wait for bytes: the response head and
		// each read of the body.
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(http.connectTimeout(), http.readTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnTotal(http.maxConnections())
				.setMaxConnPerRoute(http.maxConnections())
				.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
				// the most recently used first, so the ones left over go idle and are
				// evicted
				.setConnPoolPolicy(PoolReusePolicy.LIFO))
			.withConnectionConfigCustomizer((connection) -> connection.setTimeToLive(CONNECTION_LIFETIME)
				.setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY))
			.withDefaultRequestConfigCustomizer((request) -> request
				// with every connection busy, wait no longer than for a new one
				.setConnectionRequestTimeout(http.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
				// no "Upgrade: TLS" offers on plain http (the simulator)
				.setProtocolUpgradeEnabled(false))
			.withHttpClientCustomizer((client) -> client.disableRedirectHandling()
				// bearer tokens only: cookies a response sets must not reach another
				// user's call
				.disableCookieManagement()
				.disableAuthCaching()
				// as the JDK client did: no Accept-Encoding
				.disableContentCompression()
				.setRetryStrategy(new BrokenConnectionRetry())
				.evictExpiredConnections()
				.evictIdleConnections(IDLE_CONNECTION_LIFETIME))
			.build(settings);
	}

	/**
	 * Sends a GET once more on a new connection when a pooled one broke before any
	 * response came (the server had closed it unseen), as the JDK client did; never after
	 * a response or a timeout: {@link WebexRetry} decides those, with its own bounds.
	 */
	static final class BrokenConnectionRetry extends DefaultHttpRequestRetryStrategy {

		BrokenConnectionRetry() {
			super(1, TimeValue.ZERO_MILLISECONDS);
		}

		@Override
		public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
			return false;
		}

	}

}
