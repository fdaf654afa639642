package com.example.webex.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.example.webex.client.WebexProperties;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds a {@link WebexClient} against a {@link MockWebServer} the way the application
 * does, and the Webex responses the tests serve.
 */
final class TestWebex {

	static final String TOKEN = "test-token";

	/**
	 * Short backoff so failures show quickly; 5 s of retry waiting at most. The read
	 * timeout leaves room for a loaded CI machine; the timeout tests delay answers well
	 * beyond it. A pool of 4 connections, so tests can fill it. A call outside a request
	 * has the default deadline of 20 s, beyond every other bound here.
	 */
	static final WebexProperties.Http HTTP = new WebexProperties.Http(Duration.ofSeconds(2), Duration.ofSeconds(3), 3,
			Duration.ofMillis(10), Duration.ofSeconds(5), 4, Duration.ofSeconds(20));

	private static final JsonMapper json = JsonMapper.builder().build();

	private TestWebex() {
	}

	/**
	 * A client as the application builds it.
	 * @param requestFactory from {@link WebexClientAutoConfiguration#requestFactory} with
	 * {@link #HTTP}; the caller closes it
	 */
	static WebexClient client(MockWebServer server, HttpComponentsClientHttpRequestFactory requestFactory,
			MeterRegistry meterRegistry) {
		return WebexClientAutoConfiguration.createWebexClient(RestClient.builder(), properties(server), requestFactory,
				List.of(bearerToken()), meterRegistry);
	}

	static WebexProperties properties(MockWebServer server) {
		return new WebexProperties("client-id", "client-secret", "http://localhost:10060/oauth",
				server.url("/v1").toString(), "spark:all", WebexProperties.ClientAuthentication.POST, null, HTTP);
	}

	static WebexRequestInterceptor bearerToken() {
		return (request, body, execution) -> {
			request.getHeaders().setBearerAuth(TOKEN);
			return execution.execute(request, body);
		};
	}

	static MockResponse.Builder json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body);
	}

	static MockResponse.Builder error(int code, String message, String trackingId) {
		return json(code, """
				{"message":"%s","errors":[{"description":"%s"}],"trackingId":"%s"}""".formatted(message, message,
				trackingId));
	}

	/**
	 * A response body recorded from Webex (or shaped exactly like one, see
	 * {@code webex-platform.md}), from
	 * {@code src/test/resources/com/example/webex/client/}.
	 * @param name the file name, e.g. {@code people-me.json}
	 */
	static String recorded(String name) {
		try (InputStream in = TestWebex.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded response " + name + " next to " + TestWebex.class);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A page of rooms {@code room-<from>} to {@code room-<to - 1>}. */
	static String rooms(int from, int to) {
		List<Map<String, Object>> items = IntStream.range(from, to)
			.<Map<String, Object>>mapToObj((i) -> Map.of("id", "room-" + i, "title", "Room " + i, "type", "group",
					"isLocked", false, "lastActivity", "2024-05-07T10:00:00.000Z", "created",
					"2024-01-01T09:00:00.000Z", "creatorId", "person-1"))
			.toList();
		return json.writeValueAsString(Map.of("items", items));
	}

}
