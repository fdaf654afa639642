package com.example.webexoauth.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import com.example.webex.vault.Concurrently;

/**
 * Plain HTTP requests that carry a browser's session cookie, for firing many requests of
 * one signed-in user at once (a browser's tabs, an impatient user) and for the JSON API.
 */
final class SessionHttp {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private SessionHttp() {
	}

	static HttpResponse<String> get(String url, String sessionCookie, String accept) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Cookie", "SESSION=" + sessionCookie)
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static HttpResponse<String> page(String url, String sessionCookie) {
		return get(url, sessionCookie, "text/html");
	}

	/** GETs of these pages, to run {@link Concurrently}. */
	static List<Callable<HttpResponse<String>>> pages(List<String> urls, String sessionCookie) {
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (String url : urls) {
			calls.add(() -> page(url, sessionCookie));
		}
		return calls;
	}

}
