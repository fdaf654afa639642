package com.example.webexoauth.login;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's whole flow through real HTTP: the app on its own port, Webex simulated on
 * another, a browser with its own cookies for each user.
 */
class LoginFlowTests {

	static final String ZOE = "zoe@example.com";

	static final String RAHUL = "rahul@example.com";

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	@Test
	void grantWhenTwoUsersSignInAtOnceThenEachSeesTheirOwnNameAndSpaces() {
		CompletableFuture<List<String>> zoe = CompletableFuture
			.supplyAsync(() -> signInAndListSpaces(ZOE, "Zoë Ångström"));
		CompletableFuture<List<String>> rahul = CompletableFuture
			.supplyAsync(() -> signInAndListSpaces(RAHUL, "Rahul Deshpande"));
		List<String> zoeSpaces = zoe.join();
		List<String> rahulSpaces = rahul.join();
		assertThat(zoeSpaces).isNotEmpty();
		assertThat(rahulSpaces).isNotEmpty();
		assertThat(zoeSpaces).isNotEqualTo(rahulSpaces);
	}

	private List<String> signInAndListSpaces(String who, String displayName) {
		try (Browser browser = new Browser()) {
			HtmlPage granted = browser.signIn(app, who);
			assertThat(granted.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(granted.getUrl().getPath()).isEqualTo("/");
			assertThat(granted.querySelector("h1").getTextContent()).isEqualTo("Access granted, " + displayName);
			HtmlPage spaces = browser.page(app.url("/spaces"));
			assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
			return spaces.querySelectorAll("td.room-title").stream().map((cell) -> cell.getTextContent()).toList();
		}
	}

	@Test
	void grantWhenClickedThenRedirectsToWebexWithStateAndPkce() {
		try (Browser browser = new Browser()) {
			WebResponse redirect = browser.getWithoutRedirect(app.url("/oauth2/authorization/webex"));
			assertThat(redirect.getStatusCode()).isEqualTo(302);
			UriComponents authorize = UriComponentsBuilder.fromUriString(redirect.getResponseHeaderValue("Location"))
				.build();
			assertThat(authorize.toUriString()).startsWith(SimulatedWebex.apiBaseUrl() + "/authorize?");
			Map<String, List<String>> query = authorize.getQueryParams();
			assertThat(query.get("response_type")).containsExactly("code");
			assertThat(query.get("client_id")).containsExactly(SimulatedWebex.CLIENT_ID);
			assertThat(decode(query.get("redirect_uri").get(0))).isEqualTo(app.url("/oauth"));
			assertThat(decode(query.get("scope").get(0))).isEqualTo("spark:people_read spark:rooms_read");
			assertThat(query.get("code_challenge_method")).containsExactly("S256");
			assertThat(query.get("code_challenge").get(0)).hasSizeGreaterThanOrEqualTo(43);
			assertThat(query.get("state").get(0)).hasSizeGreaterThanOrEqualTo(32);
			WebResponse second = browser.getWithoutRedirect(app.url("/oauth2/authorization/webex"));
			String secondState = UriComponentsBuilder.fromUriString(second.getResponseHeaderValue("Location"))
				.build()
				.getQueryParams()
				.getFirst("state");
			assertThat(secondState).isNotEqualTo(query.get("state").get(0));
		}
	}

	@Test
	void callbackWhenStateIsTamperedThenExplainsAndOffersTryAgain() {
		try (Browser browser = new Browser()) {
			URI callback = browser.signInUntilCallback(app, ZOE);
			String tampered = UriComponentsBuilder.fromUri(callback)
				.replaceQueryParam("state", "forged-" + System.nanoTime())
				.toUriString();
			HtmlPage page = browser.page(tampered);
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(page.asNormalizedText()).contains("expired or was already used");
			assertThat(page.getHtmlElementById("try-again").getAttribute("href"))
				.isEqualTo("/oauth2/authorization/webex");
			assertThat(browser.page(app.url("/spaces")).getUrl().getPath()).isEqualTo("/");
		}
	}

	@Test
	void callbackWhenStateIsMissingThenExplains() {
		try (Browser browser = new Browser()) {
			URI callback = browser.signInUntilCallback(app, ZOE);
			String withoutState = UriComponentsBuilder.fromUri(callback).replaceQueryParam("state").toUriString();
			HtmlPage page = browser.page(withoutState);
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(page.asNormalizedText()).contains("expired or was already used");
		}
	}

	@Test
	void callbackWhenReplayedThenRejected() {
		try (Browser browser = new Browser()) {
			URI callback = browser.signInUntilCallback(app, ZOE);
			HtmlPage granted = browser.page(callback.toString());
			assertThat(granted.getWebResponse().getStatusCode()).isEqualTo(200);
			HtmlPage replay = browser.page(callback.toString());
			assertThat(replay.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(replay.asNormalizedText()).contains("expired or was already used");
		}
	}

	@Test
	void callbackWhenCodeIsReplayedWithAFreshStateThenWebexRejectsIt() {
		try (Browser browser = new Browser()) {
			URI first = browser.signInUntilCallback(app, ZOE);
			assertThat(browser.page(first.toString()).getWebResponse().getStatusCode()).isEqualTo(200);
			String usedCode = UriComponentsBuilder.fromUri(first).build().getQueryParams().getFirst("code");
			WebResponse restart = browser.getWithoutRedirect(app.url("/oauth2/authorization/webex"));
			String freshState = UriComponentsBuilder.fromUriString(restart.getResponseHeaderValue("Location"))
				.build()
				.getQueryParams()
				.getFirst("state");
			HtmlPage page = browser.page(app.url("/oauth?code=" + usedCode + "&state=" + freshState));
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(page.asNormalizedText()).contains("did not accept the sign-in code");
		}
	}

	@Test
	void callbackWhenCodeIsMissingThenExplains() {
		try (Browser browser = new Browser()) {
			HtmlPage page = browser.page(app.url("/oauth"));
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(page.asNormalizedText()).contains("Sign-in did not complete");
		}
	}

	@Test
	void declineWhenPressedThenExplainsThatNothingWasConnected() {
		try (Browser browser = new Browser()) {
			HtmlPage consent = browser.openConsent(app);
			Browser.chooseUser(consent, ZOE);
			HtmlPage page = Browser.press(consent, "Decline");
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
			assertThat(page.asNormalizedText()).contains("You declined");
			assertThat(browser.page(app.url("/spaces")).getUrl().getPath()).isEqualTo("/");
		}
	}

	@Test
	void callbackWhenWebexReportsInvalidScopeThenExplains() {
		try (Browser browser = new Browser()) {
			HtmlPage page = browser.page(app.url("/oauth?error=invalid_scope&state=whatever"));
			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
		}
	}

	@Test
	void spacesWhenNotSignedInThenBackToLanding() {
		try (Browser browser = new Browser()) {
			WebResponse response = browser.getWithoutRedirect(app.url("/spaces"));
			assertThat(response.getStatusCode()).isEqualTo(302);
			assertThat(URI.create(response.getResponseHeaderValue("Location")).getPath()).isEqualTo("/");
			HtmlPage landing = browser.page(app.url("/spaces"));
			assertThat(landing.getHtmlElementById("grant").getTextContent()).isEqualTo("GRANT");
		}
	}

	@Test
	void spacesWhenTitleHasMarkupThenItIsShownAsText() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			HtmlPage spaces = browser.page(app.url("/spaces"));
			String html = spaces.getWebResponse().getContentAsString();
			assertThat(html).doesNotContain("<script>alert");
			assertThat(html).contains("&lt;script&gt;");
			assertThat(spaces.asNormalizedText()).contains("<script>alert('x')</script>");
		}
	}

	@Test
	void logoutWhenPostedThenSignedOutAndBackOnLanding() throws Exception {
		try (Browser browser = new Browser()) {
			HtmlPage granted = browser.signIn(app, ZOE);
			HtmlButton logout = granted.getFirstByXPath("//form[@action='/logout']/button");
			HtmlPage landing = logout.click();
			assertThat(landing.getUrl().getPath()).isEqualTo("/");
			assertThat(landing.getElementById("grant")).isNotNull();
			assertThat(browser.page(app.url("/spaces")).getUrl().getPath()).isEqualTo("/");
		}
	}

	@Test
	void logoutWhenGetThenNotSignedOut() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			browser.get(app.url("/logout"));
			assertThat(browser.page(app.url("/spaces")).getUrl().getPath()).isEqualTo("/spaces");
		}
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
