package com.example.webexoauth.login;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webex.login.MutableClock;
import org.htmlunit.Page;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-ins started in parallel tabs of one browser (one cookie jar), through the real
 * app: each keeps its own state until its callback, once, within the time to live and the
 * cap.
 */
class ParallelSignInTests {

	static final String ZOE = "zoe@example.com";

	static final MutableClock clock = new MutableClock();

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of(), ClockBean.class);

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void callbacksWhenThreeTabsCompleteInReverseOrderThenEachSucceedsOnce() {
		try (Browser browser = new Browser()) {
			List<String> authorizeUrls = new ArrayList<>();
			for (int tab = 0; tab < 3; tab++) {
				authorizeUrls.add(startSignIn(browser));
			}
			assertThat(authorizeUrls.stream().map(ParallelSignInTests::state).distinct()).hasSize(3);
			List<URI> callbacks = new ArrayList<>();
			for (String authorizeUrl : authorizeUrls) {
				callbacks.add(consent(browser, authorizeUrl));
			}
			List<URI> reverseOrder = new ArrayList<>(callbacks);
			Collections.reverse(reverseOrder);
			for (URI callback : reverseOrder) {
				HtmlPage granted = browser.page(callback.toString());
				assertThat(granted.getWebResponse().getStatusCode()).as(callback.toString()).isEqualTo(200);
				assertThat(granted.querySelector("h1").getTextContent()).isEqualTo("Access granted, Zoë Ångström");
			}
			for (URI callback : callbacks) {
				HtmlPage replay = browser.page(callback.toString());
				assertThat(replay.getWebResponse().getStatusCode()).isEqualTo(400);
				assertThat(replay.asNormalizedText()).contains("expired or was already used");
			}
			assertThat(browser.page(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
		}
	}

	@Test
	void callbackWhenMoreThanTheCapWereStartedThenTheOldestIsRejected() {
		try (Browser browser = new Browser()) {
			List<String> authorizeUrls = new ArrayList<>();
			for (int tab = 0; tab < 11; tab++) {
				authorizeUrls.add(startSignIn(browser));
			}
			HtmlPage oldest = browser.page(consent(browser, authorizeUrls.get(0)).toString());
			assertThat(oldest.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(oldest.asNormalizedText()).contains("expired or was already used");
			HtmlPage second = browser.page(consent(browser, authorizeUrls.get(1)).toString());
			assertThat(second.getWebResponse().getStatusCode()).isEqualTo(200);
			HtmlPage newest = browser.page(consent(browser, authorizeUrls.get(10)).toString());
			assertThat(newest.getWebResponse().getStatusCode()).isEqualTo(200);
		}
	}

	@Test
	void callbackWhenOlderThanTenMinutesThenRejectedAndWithinThemAccepted() {
		try (Browser browser = new Browser()) {
			String recent = startSignIn(browser);
			clock.advance(Duration.ofMinutes(9));
			HtmlPage accepted = browser.page(consent(browser, recent).toString());
			assertThat(accepted.getWebResponse().getStatusCode()).isEqualTo(200);
			String stale = startSignIn(browser);
			clock.advance(Duration.ofMinutes(10).plusSeconds(1));
			HtmlPage rejected = browser.page(consent(browser, stale).toString());
			assertThat(rejected.getWebResponse().getStatusCode()).isEqualTo(400);
			assertThat(rejected.asNormalizedText()).contains("expired or was already used");
		}
	}

	/** What a click on GRANT does in a new tab: returns where it sends the browser. */
	private static String startSignIn(Browser browser) {
		WebResponse redirect = browser.getWithoutRedirect(app.url("/oauth2/authorization/webex"));
		assertThat(redirect.getStatusCode()).isEqualTo(302);
		return redirect.getResponseHeaderValue("Location");
	}

	/** Accepts on Webex's consent page and returns the callback without visiting it. */
	private static URI consent(Browser browser, String authorizeUrl) {
		HtmlPage consent = browser.page(authorizeUrl);
		Browser.chooseUser(consent, ZOE);
		browser.client().getOptions().setRedirectEnabled(false);
		try {
			Page redirect = Browser.press(consent, "Accept");
			return URI.create(redirect.getWebResponse().getResponseHeaderValue("Location"));
		}
		finally {
			browser.client().getOptions().setRedirectEnabled(true);
		}
	}

	private static String state(String authorizeUrl) {
		return UriComponentsBuilder.fromUriString(authorizeUrl).build().getQueryParams().getFirst("state");
	}

	/**
	 * The app's clock for pending sign-ins (a plain class: the app's component scan skips
	 * it).
	 */
	static class ClockBean {

		@Bean
		Clock testClock() {
			return clock;
		}

	}

}
