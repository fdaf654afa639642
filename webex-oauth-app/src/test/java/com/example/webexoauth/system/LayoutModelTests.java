package com.example.webexoauth.system;

import java.nio.file.Path;
import java.util.Map;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared layout on every kind of page: the banner saying Webex is simulated, and the
 * signed-in navigation only for a signed-in user, also on pages an exception handler or
 * Boot's {@code /error} renders.
 */
class LayoutModelTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	@TempDir
	static Path realDataDir;

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static Browser browser;

	@BeforeAll
	static void signIn() {
		browser = new Browser();
		browser.signIn(app, "zoe@example.com");
	}

	@AfterAll
	static void stop() {
		browser.close();
	}

	@Test
	void landingPageWhenSignedOutThenBannerWithoutNavigation() {
		try (Browser stranger = new Browser()) {
			HtmlPage page = stranger.page(app.url("/"));

			assertThat(banner(page))
				.isEqualTo("Demo mode: Webex is simulated on this machine. No real Webex account is used.");
			assertThat((DomNode) page.querySelector("header nav")).isNull();
		}
	}

	@Test
	void spacesWhenSignedInThenNavigationMarksTheCurrentPage() {
		HtmlPage page = browser.page(app.url("/spaces"));

		assertThat(banner(page)).isNotEmpty();
		assertThat(page.querySelectorAll("header nav a")).extracting(DomNode::getTextContent)
			.containsExactly("Spaces", "Profile");
		assertThat(((DomElement) page.querySelector("header nav a[aria-current=page]")).getTextContent())
			.isEqualTo("Spaces");
	}

	@Test
	void webexFailurePageWhenSignedInThenBannerAndNavigation() {
		SimulatedWebex.simulator().settings().update(Map.of("failEveryNth", 1, "failStatus", 500));

		HtmlPage page = browser.page(app.url("/profile"));

		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(502);
		assertThat(banner(page)).isNotEmpty();
		assertThat((DomNode) page.querySelector("header nav")).isNotNull();
	}

	@Test
	void notFoundPageWhenSignedInThenBannerAndNavigation() {
		HtmlPage page = browser.page(app.url("/no-such-page"));

		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(404);
		assertThat(banner(page)).isNotEmpty();
		assertThat((DomNode) page.querySelector("header nav")).isNotNull();
	}

	@Test
	void landingPageWhenWebexIsRealThenNoBanner() {
		try (RunningApp real = RunningApp.start(SimulatedWebex.appPort(1), realDataDir,
				Map.of("webex.simulated", false)); Browser stranger = new Browser()) {
			HtmlPage page = stranger.page(real.url("/"));

			assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat((DomNode) page.querySelector(".demo-banner")).isNull();
		}
	}

	private static String banner(HtmlPage page) {
		DomNode banner = page.querySelector(".demo-banner");
		return (banner != null) ? banner.getTextContent().strip() : null;
	}

}
