package com.example.webexoauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls an app's JSON API like a script would: the JDK's HTTP client, no redirects
 * followed, signed in only through the session cookie of a {@link Browser} that went
 * through the sign-in.
 */
public final class ApiClient {

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final RunningApp app;

	private final String sessionCookie;

	private ApiClient(RunningApp app, String sessionCookie) {
		this.app = app;
		this.sessionCookie = sessionCookie;
	}

	/** A client without a session. */
	public static ApiClient anonymous(RunningApp app) {
		return new ApiClient(app, null);
	}

	/** A client sending the {@code SESSION} cookie the browser holds for the app. */
	public static ApiClient signedInAs(RunningApp app, Browser browser) {
		String session = browser.cookie("SESSION");
		if (session == null) {
			throw new IllegalStateException("The browser holds no SESSION cookie: sign in first");
		}
		return new ApiClient(app, session);
	}

	/**
	 * GETs a path of the app.
	 * @param pathAndQuery e.g. {@code /api/rooms?q=caf%C3%A9}, already encoded
	 * @return the response
	 */
	public Response get(String pathAndQuery) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.app.url(pathAndQuery)))
			.header("Accept", "application/json");
		if (this.sessionCookie != null) {
			request.header("Cookie", "SESSION=" + this.sessionCookie);
		}
		try {
			HttpResponse<String> response = this.client.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					response.headers().firstValue("Location"), response.headers().firstValue("Retry-After"),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An API response.
	 *
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header, if any
	 * @param location the {@code Location} header, if any
	 * @param retryAfter the {@code Retry-After} header, if any
	 * @param body the body, decoded as UTF-8 (as JSON always is)
	 */
	public record Response(int status, String contentType, Optional<String> location, Optional<String> retryAfter,
			String body) {

		public JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

	}

}
