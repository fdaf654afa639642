package com.example.webexoauth.webex;

import java.io.IOException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base for tests of {@link WebexClient} over real HTTP: a fresh {@link MockWebServer} per
 * test and a client built by {@link TestWebex#client} against it.
 */
abstract class AbstractWebexClientTests {

	final MockWebServer webex = new MockWebServer();

	final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	WebexClient client;

	@BeforeEach
	void startWebex() throws IOException {
		this.webex.start();
		this.client = TestWebex.client(this.webex, this.meterRegistry);
	}

	@AfterEach
	void stopWebex() {
		this.webex.close();
	}

}
