package com.example.webexoauth.vault;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.AppHttp;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disconnect ends every session of that user, whichever instance serves it: two instances
 * on one PostgreSQL, the user signed in on both with two browsers (say a laptop and a
 * phone), and another user who must stay signed in.
 */
class DisconnectEverywhereTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	static final String RAHUL = "rahul@example.com";

	static final Map<String, Object> shared = TwoInstances.sharedSettings();

	@RegisterExtension
	static final RunningApp first = RunningApp.perClass(2, shared);

	@RegisterExtension
	static final RunningApp second = RunningApp.perClass(3, shared);

	@Test
	void disconnectWhenSignedInTwiceOnTwoInstancesThenTheOtherSessionIsSignedOutEverywhere() throws IOException {
		try (Browser laptop = new Browser(); Browser phone = new Browser(); Browser rahul = new Browser()) {
			laptop.signIn(first, ZOE);
			phone.signIn(second, ZOE);
			rahul.signIn(second, RAHUL);
			String phoneSession = phone.cookie("SESSION");
			String zoe = new AppDatabase(first).principalOf(laptop.cookie("SESSION"));
			assertThat(new AppDatabase(first).principalOf(phoneSession)).isEqualTo(zoe);
			assertThat(phone.page(first.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(phone.page(second.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(sessionsOf(zoe)).isEqualTo(2);

			HtmlPage profile = laptop.page(first.url("/profile"));
			HtmlPage disconnected = ((HtmlButton) profile.getHtmlElementById("disconnect")).click();
			assertThat(disconnected.getElementById("grant")).isNotNull();

			for (RunningApp app : new RunningApp[] { second, first }) {
				WebResponse spaces = phone.getWithoutRedirect(app.url("/spaces"));
				assertThat(spaces.getStatusCode()).isEqualTo(302);
				assertThat(URI.create(spaces.getResponseHeaderValue("Location")).getPath()).isEqualTo("/");
				assertThat(AppHttp.get(app.url("/api/me"), "Cookie", "SESSION=" + phoneSession).statusCode())
					.isEqualTo(401);
				assertThat(phone.page(app.url("/")).getElementById("grant")).isNotNull();
			}
			assertThat(sessionsOf(zoe)).isZero();
			assertThat(new AppDatabase(second).hasSession(phoneSession)).isFalse();
			// nobody else is signed out
			assertThat(rahul.page(first.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(rahul.page(second.url("/profile")).getWebResponse().getStatusCode()).isEqualTo(200);
		}
	}

	private static int sessionsOf(String principal) {
		return first.bean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", Integer.class, principal);
	}

}
