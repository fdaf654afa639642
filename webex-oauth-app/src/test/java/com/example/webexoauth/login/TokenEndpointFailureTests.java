package com.example.webexoauth.login;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callback when Webex's token endpoint misbehaves: a stub Webex answers the code
 * exchange with errors, garbage or nothing at all, and the user gets a page that says so.
 */
class TokenEndpointFailureTests {

	@TempDir
	static Path dataDir;

	static MockWebServer webex;

	static RunningApp app;

	@BeforeAll
	static void start() throws IOException {
		webex = new MockWebServer();
		webex.start();
		Map<String, Object> properties = new HashMap<>();
		properties.put("webex.api-base-url", webex.url("/v1").toString());
		properties.put("webex.http.read-timeout", "2s");
		app = RunningApp.start(SimulatedWebex.appPort(1), dataDir, properties);
	}

	@AfterAll
	static void stop() {
		app.close();
		webex.close();
	}

	@Test
	void callbackWhenTokenEndpointAnswers503ThenBadGatewayPage() throws Exception {
		HtmlPage page = callbackAnsweredWith(new MockResponse.Builder().code(503)
			.setHeader("Content-Type", "application/json")
			.body("{\"message\":\"Service Unavailable\",\"trackingId\":\"ROUTER_1\"}")
			.build());
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(502);
		assertThat(page.asNormalizedText()).contains("could not complete the sign-in right now");
	}

	@Test
	void callbackWhenTokenEndpointTimesOutThenGatewayTimeoutPage() throws Exception {
		HtmlPage page = callbackAnsweredWith(new MockResponse.Builder().headersDelay(6, TimeUnit.SECONDS)
			.setHeader("Content-Type", "application/json")
			.body("{}")
			.build());
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(504);
		assertThat(page.asNormalizedText()).contains("took too long");
	}

	@Test
	void callbackWhenTokenEndpointSendsMalformedJsonThenBadGatewayPage() throws Exception {
		HtmlPage page = callbackAnsweredWith(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body("{\"access_token\": ")
			.build());
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(502);
	}

	@Test
	void callbackWhenTokenEndpointRejectsTheCodeThenExplains() throws Exception {
		HtmlPage page = callbackAnsweredWith(new MockResponse.Builder().code(400)
			.setHeader("Content-Type", "application/json")
			.body("{\"error\":\"invalid_grant\",\"error_description\":\"Authorization code is invalid\"}")
			.build());
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
		assertThat(page.asNormalizedText()).contains("did not accept the sign-in code");
	}

	@Test
	void codeExchangeSendsFormCredentialsRedirectUriAndPkceVerifier() throws Exception {
		callbackAnsweredWith(new MockResponse.Builder().code(400)
			.setHeader("Content-Type", "application/json")
			.body("{\"error\":\"invalid_grant\"}")
			.build());
		RecordedRequest exchange = webex.takeRequest(5, TimeUnit.SECONDS);
		assertThat(exchange).isNotNull();
		assertThat(exchange.getUrl().encodedPath()).isEqualTo("/v1/access_token");
		String form = exchange.getBody().utf8();
		assertThat(form).contains("grant_type=authorization_code", "code=the-code",
				"client_id=" + SimulatedWebex.CLIENT_ID, "client_secret=" + SimulatedWebex.CLIENT_SECRET,
				"redirect_uri=http%3A%2F%2Flocalhost%3A" + app.port() + "%2Foauth", "code_verifier=");
	}

	/**
	 * Starts a sign-in, then comes back with a code while the stub answers the exchange.
	 */
	private HtmlPage callbackAnsweredWith(MockResponse tokenResponse) throws InterruptedException {
		drain();
		webex.enqueue(tokenResponse);
		try (Browser browser = new Browser()) {
			WebResponse redirect = browser.getWithoutRedirect(app.url("/oauth2/authorization/webex"));
			String state = UriComponentsBuilder.fromUri(URI.create(redirect.getResponseHeaderValue("Location")))
				.build()
				.getQueryParams()
				.getFirst("state");
			return browser.page(app.url("/oauth?code=the-code&state=" + state));
		}
	}

	private static void drain() throws InterruptedException {
		while (webex.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
			// requests of earlier tests
		}
	}

}
