package com.example.webexoauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

/**
 * Plain HTTP requests to an app for tests that need to see every header: the JDK client,
 * no redirects followed, no cookie jar (send the {@code SESSION} cookie yourself).
 */
public final class AppHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private AppHttp() {
	}

	/**
	 * Sends one request.
	 * @param method the HTTP method
	 * @param url the absolute URL
	 * @param body the body, or {@code null} for none
	 * @param headers name and value pairs
	 * @return the response with its body as text
	 */
	public static HttpResponse<String> send(String method, String url, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return CLIENT.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static HttpResponse<String> get(String url, String... headers) {
		return send("GET", url, null, headers);
	}

	/**
	 * The {@code Set-Cookie} header that sets the named cookie, if the response has one.
	 */
	public static Optional<String> setCookie(HttpResponse<?> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith(name + "="))
			.findFirst();
	}

	/**
	 * The value of the named cookie in a {@code Set-Cookie} header of the response, if
	 * any.
	 */
	public static Optional<String> cookieValue(HttpResponse<?> response, String name) {
		return setCookie(response, name).map((header) -> {
			int end = header.indexOf(';');
			return header.substring(name.length() + 1, (end >= 0) ? end : header.length());
		});
	}

}
