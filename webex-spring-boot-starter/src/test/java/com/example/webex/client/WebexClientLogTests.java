package com.example.webex.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.example.webex.client.TestWebex.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link WebexClient} logs when Webex, or whatever answers in its place, puts line
 * breaks and other control characters into the values it sends back.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebexClientLogTests extends AbstractWebexClientTests {

	static final String FORGED = "2026-01-01T00:00:00.000Z  INFO 1 --- [main] Forged";

	@Test
	void meWhenWebexMessageCarriesLineBreaksThenLoggedEscapedOnOneLine(CapturedOutput output) {
		this.webex.enqueue(json(404, """
				{"message":"Not found\\r\\n%s : one\\u001b[2K","trackingId":"ROUTER_1"}""".formatted(FORGED)).build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.me())
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainPattern("\\p{Cntrl}"));

		assertThat(output.getAll().lines().filter((line) -> line.contains("Forged"))).singleElement()
			.satisfies((line) -> assertThat(line)
				.contains("WARN", "Webex GET /people/me failed: NOT_FOUND (HTTP 404): \"Not found<EOL><EOL>" + FORGED,
						"[trackingId ROUTER_1]")
				.doesNotContainPattern("\\p{Cntrl}"));
	}

	@Test
	void meWhenTrackingIdCarriesLineBreaksThenItIsNotUsed(CapturedOutput output) {
		this.webex.enqueue(json(500, """
				{"message":"Boom","trackingId":"ROUTER_1\\n%s : two"}""".formatted(FORGED))
			.setHeader("TrackingID", "ROUTER_FROM_HEADER")
			.build());
		this.webex.enqueue(json(400, """
				{"message":"Bad","trackingId":"ROUTER 2"}""").build());

		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.me())
			.satisfies((ex) -> assertThat(ex.getTrackingId()).isEqualTo("ROUTER_FROM_HEADER"));
		assertThatExceptionOfType(WebexApiException.class).isThrownBy(() -> this.client.me())
			.satisfies((ex) -> assertThat(ex.getTrackingId()).isNull());

		assertThat(output.getAll()).doesNotContain("Forged", "ROUTER 2").contains("ROUTER_FROM_HEADER");
	}

}
