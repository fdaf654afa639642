package com.example.webex.client;

import java.io.IOException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * Base for tests of {@link WebexClient} over real HTTP: a fresh {@link MockWebServer} per
 * test and a client built by {@link TestWebex#client} against it.
 */
abstract class AbstractWebexClientTests {

	final MockWebServer webex = new MockWebServer();

	final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	final HttpComponentsClientHttpRequestFactory requestFactory = WebexClientAutoConfiguration
		.requestFactory(TestWebex.HTTP);

	WebexClient client;

	@BeforeEach
	void startWebex() throws IOException {
		this.webex.start();
		this.client = TestWebex.client(this.webex, this.requestFactory, this.meterRegistry);
	}

	@AfterEach
	void stopWebex() throws Exception {
		this.requestFactory.destroy();
		this.webex.close();
	}

}
