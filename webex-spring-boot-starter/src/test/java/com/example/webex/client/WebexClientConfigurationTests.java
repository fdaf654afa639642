package com.example.webex.client;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

import static com.example.webex.client.TestWebex.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebexClientAutoConfiguration} inside a Spring context with Boot's
 * {@code RestClient.Builder}.
 */
class WebexClientAutoConfigurationTests {

	private final MockWebServer webex = new MockWebServer();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startWebex() throws IOException {
		this.webex.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
							HttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withUserConfiguration(WebexClientAutoConfiguration.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("webex.api-base-url=" + this.webex.url("/v1"), "webex.client-id=client-id",
					"webex.client-secret=client-secret");
	}

	@AfterEach
	void stopWebex() {
		this.webex.close();
	}

	@Test
	void webexClientWhenInterceptorBeansThenAppliesThemInOrder() {
		this.webex.enqueue(json(200, """
				{"id":"p-1","displayName":"Harold","created":"2018-03-15T03:12:59.220Z"}""").build());
		this.contextRunner.withBean("second", WebexRequestInterceptor.class, () -> new Marking("second", 2))
			.withBean("first", WebexRequestInterceptor.class, () -> new Marking("first", 1))
			.run((context) -> {
				Person me = context.getBean(WebexClient.class).me();

				assertThat(me.created()).isEqualTo(Instant.parse("2018-03-15T03:12:59.220Z"));
				RecordedRequest request = this.webex.takeRequest();
				assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/people/me");
				assertThat(request.getHeaders().values("X-Interceptor")).containsExactly("first", "second");
			});
	}

	@Test
	void webexClientWhenNoInterceptorBeanThenStillStarts() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(WebexClient.class));
	}

	@Test
	void webexClientWhenRestClientObservationsOnThenTimesCallsOnlyAsWebexApiCalls() {
		this.webex.enqueue(json(200, "{\"id\":\"p-1\"}").build());
		this.webex.enqueue(json(200, "{}").build());
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					RestClientObservationAutoConfiguration.class))
			.withBean(ObservedNames.class, ObservedNames::new)
			.run((context) -> {
				ObservedNames observed = context.getBean(ObservedNames.class);
				context.getBean(WebexClient.class).me();

				assertThat(observed.names).isEmpty();
				assertThat(context.getBean(MeterRegistry.class).get("webex.api.calls").timer().count()).isOne();
				// while other RestClients from Boot's builder are observed
				context.getBean(RestClient.Builder.class)
					.build()
					.get()
					.uri(this.webex.url("/v1/other").uri())
					.retrieve()
					.toBodilessEntity();
				assertThat(observed.names).containsExactly("http.client.requests");
			});
	}

	/** Records the names of the observations that started. */
	static final class ObservedNames implements ObservationHandler<Observation.Context> {

		final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			this.names.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	/** Appends its name to a request header, to show the order interceptors ran in. */
	private record Marking(String name, int order) implements WebexRequestInterceptor, Ordered {

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			request.getHeaders().add("X-Interceptor", this.name);
			return execution.execute(request, body);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
