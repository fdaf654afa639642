package com.example.webexoauth.profile;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import com.example.webex.simulator.junit.LoopbackPorts;
import com.example.webexoauth.Accessibility;
import com.example.webexoauth.ApiClient;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.vault.store.GrantSummary;
import com.example.webex.vault.TokenVault;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /profile} through real HTTP against the simulator: who the user is at Webex, an
 * avatar the page may load, and the grant's lifetimes.
 */
class ProfilePageTests {

	static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataDir;

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static Browser browser;

	static JsonNode me;

	@BeforeAll
	static void signIn() {
		browser = new Browser();
		browser.signIn(app, "zoe@example.com");
		me = ApiClient.signedInAs(app, browser).get("/api/me").json();
	}

	@AfterAll
	static void stop() {
		browser.close();
	}

	@Test
	void profileWhenSignedInThenWhoTheUserIsAtWebex() {
		HtmlPage page = browser.page(app.url("/profile"));

		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
		assertThat(text(page, "display-name")).isEqualTo("Zoë Ångström");
		assertThat(page.getHtmlElementById("emails").querySelectorAll("li")).extracting(DomNode::getTextContent)
			.containsExactly("zoe@example.com");
		assertThat(text(page, "org")).isEqualTo(me.get("orgId").asString()).isNotBlank();
		assertThat(text(page, "status")).isEqualTo("active");
		Accessibility.assertAccessible(page);
	}

	@Test
	void profileWhenSignedInThenGrantLifetimesFromTheVault() {
		HtmlPage page = browser.page(app.url("/profile"));
		GrantSummary grant = app.bean(TokenVault.class).summary(me.get("id").asString()).orElseThrow();

		assertThat(grant.accessTokenExpiresAt()).isAfter(Instant.now());
		assertThat(grant.refreshTokenExpiresAt()).isAfter(grant.accessTokenExpiresAt());
		assertThat(text(page, "access-expiry")).isEqualTo(PAGE_DATE.format(grant.accessTokenExpiresAt()))
			.isNotEqualTo("—");
		assertThat(text(page, "refresh-expiry")).isEqualTo(PAGE_DATE.format(grant.refreshTokenExpiresAt()))
			.isNotEqualTo("—");
		assertThat(page.asNormalizedText()).contains("spark:people_read", "spark:rooms_read");
	}

	@Test
	void profileWhenSignedInThenAvatarFromTheSimulatorThatThePolicyLetsLoad() throws Exception {
		HtmlPage page = browser.page(app.url("/profile"));
		HtmlImage avatar = (HtmlImage) page.querySelector("img.avatar");
		URI source = URI.create(avatar.getSrcAttribute());

		assertThat(avatar.getAltAttribute()).isEqualTo("Avatar of Zoë Ångström");
		assertThat(source.toString()).isEqualTo(origin(SimulatedWebex.apiBaseUrl()) + "/simulator/avatars/zoe.svg")
			.isEqualTo(me.get("avatar").asString());
		assertThat(imageSources(page)).contains(origin(source.toString()));
		assertZoesAvatar(source);
	}

	@Test
	void profileWhenInDemoModeThenAvatarServedByTheAppItself() throws Exception {
		int port = LoopbackPorts.reserve();
		try (RunningApp demo = RunningApp.startWith(port,
				Map.of("webex.demo", true, "webex.data-dir", dataDir.resolve("demo")));
				Browser visitor = new Browser()) {
			visitor.signIn(demo, "zoe@example.com");
			HtmlPage page = visitor.page(demo.url("/profile"));
			URI source = URI.create(((HtmlImage) page.querySelector("img.avatar")).getSrcAttribute());

			assertThat(source.toString()).isEqualTo(demo.url("/simulator/avatars/zoe.svg"));
			assertThat(imageSources(page)).contains("'self'");
			assertZoesAvatar(source);
		}
	}

	private static void assertZoesAvatar(URI source) throws Exception {
		HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(source).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		Document svg = DocumentBuilderFactory.newDefaultNSInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(image.body()));
		assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
		assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo("Zoë Ångström");
		assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text").item(0).getTextContent())
			.isEqualTo("ZÅ");
	}

	/** The sources the page's {@code Content-Security-Policy} allows images from. */
	private static List<String> imageSources(HtmlPage page) {
		String policy = page.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
		return Arrays.stream(policy.split(";"))
			.map(String::strip)
			.filter((directive) -> directive.startsWith("img-src "))
			.flatMap((directive) -> Arrays.stream(directive.substring("img-src ".length()).split("\\s+")))
			.toList();
	}

	private static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
	}

	private static String text(HtmlPage page, String id) {
		DomElement element = page.getHtmlElementById(id);
		return element.getTextContent().strip();
	}

}
