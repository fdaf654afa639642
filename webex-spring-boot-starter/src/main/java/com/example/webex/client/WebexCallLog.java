package com.example.webex.client;

import java.io.IOException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Logs each call to Webex made outside {@link WebexClient} (the token endpoint, the profile
 * at sign-in) the way {@code WebexClient} logs its own: endpoint, status, latency and
 * tracking id, at DEBUG, or at WARN when it failed. Never the query, headers or bodies:
 * they carry codes, tokens and the client secret.
 */
public class WebexCallLog implements ClientHttpRequestInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(WebexCallLog.class);

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String endpoint = request.getMethod() + " " + request.getURI().getRawPath();
		long start = System.nanoTime();
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException ex) {
			log(logger.atWarn(), endpoint, WebexClient.IO_ERROR, start, null, ex.getClass().getSimpleName());
			throw ex;
		}
		int status = response.getStatusCode().value();
		String trackingId = WebexApiException.trackingId(response.getHeaders());
		boolean failed = status >= 400;
		log(failed ? logger.atWarn() : logger.atDebug(), endpoint, String.valueOf(status), start, trackingId,
				failed ? "failed" : "ok");
		return response;
	}

	private static void log(LoggingEventBuilder event, String endpoint, String status, long start,
			String trackingId, String outcome) {
		long latencyMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		event.addKeyValue(WebexClient.ENDPOINT, endpoint)
			.addKeyValue(WebexClient.STATUS, status)
			.addKeyValue(WebexClient.LATENCY_MS, latencyMillis)
			.addKeyValue(WebexClient.TRACKING_ID, trackingId)
			.log("Webex {} -> {} in {} ms, trackingId {} ({})", endpoint, status, latencyMillis, trackingId, outcome);
	}

}
