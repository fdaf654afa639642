package com.example.webex.client;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Logs and times every exchange with Webex, whoever makes it ({@link WebexClient}, the
 * code exchange, the refresh, the revocation, the profile at sign-in), the same way: a
 * line with endpoint, status, latency and tracking id, at DEBUG, or at WARN when it
 * failed, and the {@code webex.api.calls} timer by endpoint and status. Never the query,
 * headers or bodies: they carry codes, tokens and the client secret.
 * <p>
 * The innermost interceptor, so each exchange on the wire is one line and one timing: a
 * call retried after a 401 or a 5xx shows each attempt.
 */
final class WebexCallLog implements ClientHttpRequestInterceptor {

	/**
	 * The request attribute that names the call, a URI template such as
	 * {@code /rooms/{roomId}} ({@link WebexClient} sets it); otherwise the path below the
	 * API base names it.
	 */
	static final String ENDPOINT_ATTRIBUTE = WebexCallLog.class.getName() + ".endpoint";

	static final String CALLS_TIMER = "webex.api.calls";

	static final String IO_ERROR = "IO_ERROR";

	// Log fields of every line about a call
	static final String ENDPOINT = "endpoint";

	static final String STATUS = "status";

	static final String LATENCY_MS = "latencyMs";

	static final String TRACKING_ID = "trackingId";

	private static final Logger logger = LoggerFactory.getLogger(WebexCallLog.class);

	private final String apiBasePath;

	private final MeterRegistry meterRegistry;

	// One timer per endpoint and status, looked up without building tags on every call.
	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * @param apiBase the Webex API base: paths below it name calls without it
	 * @param meterRegistry where to record {@code webex.api.calls}
	 */
	WebexCallLog(URI apiBase, MeterRegistry meterRegistry) {
		String path = (apiBase.getRawPath() != null) ? apiBase.getRawPath() : "";
		this.apiBasePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String endpoint = endpoint(request);
		long start = System.nanoTime();
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException ex) {
			observe(request, endpoint, IO_ERROR, null, start, ex.getClass().getSimpleName());
			throw ex;
		}
		int status = response.getStatusCode().value();
		observe(request, endpoint, String.valueOf(status), WebexApiException.trackingId(response.getHeaders()), start,
				(status >= 400) ? "failed" : "ok");
		return response;
	}

	private String endpoint(HttpRequest request) {
		if (request.getAttributes().get(ENDPOINT_ATTRIBUTE) instanceof String template) {
			return template;
		}
		String path = (request.getURI().getRawPath() != null) ? request.getURI().getRawPath() : "";
		boolean belowBase = !this.apiBasePath.isEmpty() && path.startsWith(this.apiBasePath + "/");
		return belowBase ? path.substring(this.apiBasePath.length()) : path;
	}

	private void observe(HttpRequest request, String endpoint, String status, @Nullable String trackingId, long start,
			String outcome) {
		long latencyNanos = System.nanoTime() - start;
		this.timers
			.computeIfAbsent(endpoint + ' ' + status,
					(key) -> Timer.builder(CALLS_TIMER)
						.description("Calls to Webex, each attempt on its own")
						.tag("endpoint", endpoint)
						.tag("status", status)
						.register(this.meterRegistry))
			.record(latencyNanos, TimeUnit.NANOSECONDS);
		boolean failed = !"ok".equals(outcome);
		LoggingEventBuilder event = failed ? logger.atWarn() : logger.atDebug();
		if (failed || logger.isDebugEnabled()) {
			long latencyMillis = TimeUnit.NANOSECONDS.toMillis(latencyNanos);
			// the fields also as key-value pairs, which structured (JSON) logs carry as
			// their own fields
			event.addKeyValue(ENDPOINT, endpoint)
				.addKeyValue(STATUS, status)
				.addKeyValue(LATENCY_MS, latencyMillis)
				.addKeyValue(TRACKING_ID, trackingId)
				.log("Webex {} {} -> {} in {} ms, trackingId {} ({})", request.getMethod(), endpoint, status,
						latencyMillis, trackingId, outcome);
		}
	}

}
