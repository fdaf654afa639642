package com.example.webex.simulator;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the simulator answers what its controllers throw besides Webex's own refusals.
 */
class WebexErrorsTests {

	private final SimulatorStats stats = new SimulatorStats();

	private final WebexErrors errors = new WebexErrors(this.stats);

	@Test
	void unexpectedWhenTheCallerHasGoneThenNoAnswerAndNoErrorCounted() {
		AsyncRequestNotUsableException gone = new AsyncRequestNotUsableException("Broken pipe",
				new IOException("Broken pipe"));

		ResponseEntity<WebexErrors.Envelope> answer = this.errors.unexpected(gone,
				new MockHttpServletRequest("GET", "/v1/rooms"), new MockHttpServletResponse());

		assertThat(answer).isNull();
		assertThat(this.stats.get(SimulatorStats.Counter.ERRORS)).isZero();
	}

	@Test
	void unexpectedWhenABugThen500Envelope() {
		MockHttpServletResponse response = new MockHttpServletResponse();

		ResponseEntity<WebexErrors.Envelope> answer = this.errors.unexpected(new IllegalStateException("bug"),
				new MockHttpServletRequest("GET", "/v1/rooms"), response);

		assertThat(answer.getStatusCode().value()).isEqualTo(500);
		assertThat(answer.getBody().trackingId()).startsWith("ROUTER_");
		assertThat(this.stats.get(SimulatorStats.Counter.ERRORS)).isOne();
	}

}
