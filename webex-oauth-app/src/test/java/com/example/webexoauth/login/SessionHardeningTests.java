package com.example.webexoauth.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webex.vault.TokenVault;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session fixation, CSRF on the state-changing POSTs, and where the browser may be sent
 * after signing in: through the real app and the simulated Webex.
 */
class SessionHardeningTests {

	static final String ZOE = "zoe@example.com";

	static final String EVIL = "https://evil.example";

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	@Test
	void sessionIdWhenSignedInThenChangedAndTheOldOneIsWorthless() {
		try (Browser browser = new Browser()) {
			URI callback = browser.signInUntilCallback(app, ZOE);
			String before = browser.cookie("SESSION");
			assertThat(before).isNotBlank();
			assertThat(browser.page(callback.toString()).getWebResponse().getStatusCode()).isEqualTo(200);
			String after = browser.cookie("SESSION");
			assertThat(after).isNotBlank().isNotEqualTo(before);
			assertThat(signedIn(after, "/spaces").statusCode()).isEqualTo(200);
			HttpResponse<String> withOld = signedIn(before, "/spaces");
			assertThat(withOld.statusCode()).isEqualTo(302);
			assertThat(URI.create(withOld.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
		}
	}

	@Test
	void logoutWhenPostedWithoutCsrfTokenThenForbiddenAndStillSignedIn() {
		String session = signIn();
		assertThat(post(session, "/logout", null).statusCode()).isEqualTo(403);
		assertThat(post(session, "/logout", "_csrf=forged").statusCode()).isEqualTo(403);
		assertThat(post(session, "/logout", "").statusCode()).isEqualTo(403);
		assertThat(signedIn(session, "/spaces").statusCode()).isEqualTo(200);
	}

	@Test
	void disconnectWhenPostedWithoutCsrfTokenThenForbiddenAndGrantKept() {
		String session = signIn();
		String principal = principal(session);
		assertThat(app.bean(TokenVault.class).summary(principal)).isPresent();
		assertThat(post(session, "/disconnect", null).statusCode()).isEqualTo(403);
		assertThat(post(session, "/disconnect", "_csrf=forged").statusCode()).isEqualTo(403);
		assertThat(app.bean(TokenVault.class).summary(principal)).isPresent();
		assertThat(signedIn(session, "/spaces").statusCode()).isEqualTo(200);
	}

	@Test
	void logoutWhenGetThenNotSignedOut() {
		String session = signIn();
		assertThat(signedIn(session, "/logout").statusCode()).isEqualTo(404);
		assertThat(signedIn(session, "/spaces").statusCode()).isEqualTo(200);
	}

	@Test
	void signInWhenStartedFromAPageBehindLoginThenBackOnThatPage() {
		for (String page : new String[] { "/spaces", "/spaces?type=group&q=Customer%20Advisory", "/profile" }) {
			try (Browser browser = new Browser()) {
				HtmlPage landing = browser.page(app.url(page));
				assertThat(landing.getUrl().getPath()).isEqualTo("/");
				HtmlPage consent = click(landing.getHtmlElementById("grant"));
				Browser.chooseUser(consent, ZOE);
				HtmlPage back = Browser.press(consent, "Accept");
				assertThat(back.getWebResponse().getStatusCode()).as(page).isEqualTo(200);
				assertOnApp(back.getUrl());
				assertThat(back.getUrl().getFile()).isEqualTo(page);
			}
		}
	}

	@Test
	void signInWhenContinueNamesAnotherSiteThenNeitherLandingNorSignInLeavesTheApp() {
		// as the browser sends them (percent-encoded once more below) and already encoded
		List<String> values = new ArrayList<>(List.of("//evil.example", "///evil.example", EVIL, EVIL + "/spaces",
				"/\\evil.example", "\\/evil.example", "/%2F%2Fevil.example", "%2F%2Fevil.example", "/%5Cevil.example",
				"/spaces@evil.example", "https:%2F%2Fevil.example", "/spaces/..//evil.example", "//evil.example/spaces",
				"/spaces?q=a#@evil.example"));
		for (String value : values) {
			String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
			try (Browser browser = new Browser()) {
				HtmlPage landing = browser.page(app.url("/?continue=" + encoded));
				assertThat(landing.getWebResponse().getStatusCode()).as(value).isEqualTo(200);
				assertThat(landing.getHtmlElementById("grant").getAttribute("href")).as(value)
					.isEqualTo("/oauth2/authorization/webex");
				HtmlPage consent = browser.page(app.url("/oauth2/authorization/webex?continue=" + encoded));
				Browser.chooseUser(consent, ZOE);
				HtmlPage landed = Browser.press(consent, "Accept");
				assertOnApp(landed.getUrl());
				assertThat(landed.getUrl().getFile()).as(value).isEqualTo("/");
			}
		}
		for (String raw : new String[] { "//evil.example", "/%2F%2Fevil.example", "%252F%252Fevil.example" }) {
			HttpResponse<String> start = AppHttp.get(app.url("/oauth2/authorization/webex?continue=" + raw));
			assertThat(start.statusCode()).as(raw).isEqualTo(302);
			assertThat(URI.create(start.headers().firstValue("Location").orElseThrow()).getPath()).as(raw)
				.endsWith("/authorize");
		}
	}

	@Test
	void pageBehindLoginWhenAnonymousThenLandingPageNamesItAndNothingElse() {
		HttpResponse<String> spaces = AppHttp.get(app.url("/spaces?type=direct&sortBy=title"));
		assertThat(spaces.statusCode()).isEqualTo(302);
		URI landing = URI.create(spaces.headers().firstValue("Location").orElseThrow());
		assertThat(landing.getPath()).isEqualTo("/");
		assertThat(landing.getQuery()).isEqualTo("continue=/spaces?type=direct&sortBy=title");
		for (String path : new String[] { "/no-such-page", "/oauth2/authorization/other", "/spaces/x" }) {
			HttpResponse<String> other = AppHttp.get(app.url(path));
			if (other.statusCode() == 302) {
				assertThat(URI.create(other.headers().firstValue("Location").orElseThrow()).getQuery()).as(path)
					.isNull();
			}
		}
	}

	@Test
	void signInWhenAForeignUrlWasRequestedBeforeThenStaysOnTheApp() {
		for (String path : new String[] { "//evil.example", "//evil.example/spaces", "/%2F%2Fevil.example",
				"/spaces?continue=" + EVIL, "/spaces?redirect_uri=" + EVIL, "/\\evil.example" }) {
			try (Browser browser = new Browser()) {
				WebResponse first = browser.getWithoutRedirect(app.url(path));
				if (first.getStatusCode() == 302) {
					assertOnApp(new URL(first.getResponseHeaderValue("Location")));
				}
				// HtmlUnit may normalize the path (//a to /a): then the app saved a
				// request for a
				// page of its own that does not exist, and the user lands on its 404
				HtmlPage landed = browser.signIn(app, ZOE);
				assertThat(landed.getWebResponse().getStatusCode()).as(path).isIn(200, 404);
				assertOnApp(landed.getUrl());
				assertThat(browser.page(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			}
			catch (MalformedURLException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	void authorizeWhenRedirectUriIsTamperedThenWebexRefusesAndNothingGoesAbroad() {
		try (Browser browser = new Browser()) {
			WebResponse start = browser.getWithoutRedirect(app.url("/oauth2/authorization/webex"));
			String authorize = start.getResponseHeaderValue("Location");
			for (String redirectUri : new String[] { EVIL + "/oauth", app.url("/oauth") + ".evil.example",
					app.url("/oauth/../evil"), "http://localhost:" + app.port() + "@evil.example/oauth" }) {
				String tampered = UriComponentsBuilder.fromUriString(authorize)
					.replaceQueryParam("redirect_uri", redirectUri)
					.encode()
					.toUriString();
				HtmlPage page = browser.page(tampered);
				assertThat(page.getWebResponse().getStatusCode()).as(redirectUri).isEqualTo(400);
				assertThat(page.getUrl().getHost()).isEqualTo("localhost");
				assertThat(page.querySelectorAll("button")).as("no consent for " + redirectUri).isEmpty();
			}
		}
	}

	private static HtmlPage click(HtmlElement element) {
		try {
			return element.click();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void assertOnApp(URL url) {
		assertThat(url.getHost()).isEqualTo("localhost");
		assertThat(url.getPort()).isEqualTo(app.port());
	}

	private static String signIn() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			return browser.cookie("SESSION");
		}
	}

	private static String principal(String session) {
		HttpResponse<String> me = signedIn(session, "/api/me");
		assertThat(me.statusCode()).isEqualTo(200);
		String body = me.body();
		int start = body.indexOf("\"id\":\"") + 6;
		return body.substring(start, body.indexOf('"', start));
	}

	private static HttpResponse<String> signedIn(String session, String path) {
		return AppHttp.get(app.url(path), "Cookie", "SESSION=" + session);
	}

	private static HttpResponse<String> post(String session, String path, String form) {
		return AppHttp.send("POST", app.url(path), form, "Cookie", "SESSION=" + session, "Content-Type",
				"application/x-www-form-urlencoded", "Origin", EVIL);
	}

}
