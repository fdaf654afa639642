package com.example.webexoauth.vault;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.example.webex.simulator.WebexSimulator;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import com.example.webex.simulator.SimulatorSettings;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.vault.RawDatabase;
import com.example.webex.vault.RawDatabase.Cell;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;
import com.example.webex.vault.Concurrently;
import com.example.webex.vault.TokenVault;
import com.example.webex.vault.GrantKeeper;
import com.example.webex.vault.KeeperReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vault as users notice it, through the real HTTP stack: one app on its own port with
 * its H2 file database, the shared simulated Webex, a browser per user.
 */
class VaultEndToEndTests {

	@RegisterExtension
	static final WebexSimulatorExtension simulatorReset = SimulatedWebex.extension();

	static final String ZOE = "zoe@example.com";

	static final String RAHUL = "rahul@example.com";

	// One of Zoë's rooms whose title needs no HTML escaping.
	static final String ROOM_CELL = "<td class=\"room-title\">Customer Advisory Board</td>";

	static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	static final int PORT = SimulatedWebex.appPort(3);

	@TempDir
	static Path dataDir;

	static RunningApp app;

	final WebexSimulator webex = SimulatedWebex.simulator();

	final SimulatorSettings settings = SimulatedWebex.simulator().settings();

	@BeforeAll
	static void startApp() {
		app = startOnDataDir();
	}

	@AfterAll
	static void stopApp() {
		if (app != null) {
			app.close();
		}
	}

	private static RunningApp startOnDataDir() {
		// The keeper runs only when a test asks, so its schedule cannot refresh behind a
		// count.
		return RunningApp.start(PORT, dataDir, Map.of("webex.vault.keeper.enabled", false));
	}

	@Test
	void restartWhenSameDataDirectoryThenStillSignedInWithTheSameKey() throws IOException {
		Path keyFile = dataDir.resolve("token-keys");
		try (Browser browser = new Browser(); Browser midSignIn = new Browser()) {
			browser.signIn(app, ZOE);
			List<String> rooms = roomTitles(browser.page(app.url("/spaces")));
			// Another user is on Webex's consent page while the app restarts.
			HtmlPage consent = midSignIn.openConsent(app);
			assertThat(rooms).contains("Customer Advisory Board");
			assertThat(keyFile).isRegularFile();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
			byte[] key = Files.readAllBytes(keyFile);
			app.close();
			app = null;
			app = startOnDataDir();
			this.webex.resetCalls();
			HtmlPage spaces = browser.page(app.url("/spaces"));
			assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(spaces.getUrl().getPath()).isEqualTo("/spaces");
			assertThat(roomTitles(spaces)).isEqualTo(rooms);
			HtmlPage profile = browser.page(app.url("/profile"));
			assertThat(profile.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(profile.getHtmlElementById("display-name").getTextContent()).isEqualTo("Zoë Ångström");
			// Nothing to redo: no consent page, no code exchange, not even a refresh.
			assertThat(this.webex.calls(Counter.AUTHORIZE)).isZero();
			assertThat(this.webex.calls(Counter.TOKEN_CODE_EXCHANGES)).isZero();
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isZero();
			assertThat(Files.readAllBytes(keyFile)).isEqualTo(key);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
			Browser.chooseUser(consent, RAHUL);
			HtmlPage granted = Browser.press(consent, "Accept");
			assertThat(granted.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(granted.querySelector("h1").getTextContent()).isEqualTo("Access granted, Rahul Deshpande");
		}
	}

	@Test
	void databaseWhenSignedInAndRefreshedThenHoldsNoTokenAndNoCode() throws Exception {
		// Rotation gives the refresh a second refresh token to look for.
		this.settings.update(Map.of("rotateRefreshTokens", true));
		try (Browser browser = new Browser()) {
			URI callback = browser.signInUntilCallback(app, ZOE);
			String code = URLDecoder.decode(
					UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code"),
					StandardCharsets.UTF_8);
			assertThat(browser.page(callback.toString()).getWebResponse().getStatusCode()).isEqualTo(200);
			AppDatabase database = new AppDatabase(app);
			String zoe = database.principalOf(browser.cookie("SESSION"));
			Map<String, String> secrets = new LinkedHashMap<>();
			secrets.put("authorization code", code);
			secrets.put("access token", vault().accessToken(zoe));
			secrets.put("refresh token", database.refreshToken(zoe));
			database.expireAccessToken(zoe);
			assertThat(browser.page(app.url("/spaces")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			secrets.put("refreshed access token", vault().accessToken(zoe));
			secrets.put("rotated refresh token", database.refreshToken(zoe));
			assertThat(new HashSet<>(secrets.values())).hasSize(secrets.size());
			List<Cell> cells = RawDatabase.cells(app.bean(DataSource.class));
			assertThat(cells).extracting((cell) -> cell.table().toLowerCase(Locale.ROOT))
				.contains("webex_grant", "spring_session", "spring_session_attributes", "flyway_schema_history");
			// The scan does see plain values: the person id is stored as is.
			assertThat(cells).anyMatch((cell) -> cell.table().equalsIgnoreCase("webex_grant") && cell.holds(zoe));
			assertThat(cells)
				.anyMatch((cell) -> cell.table().equalsIgnoreCase("spring_session_attributes") && cell.holds("Zo"));
			assertThat(RawDatabase.leaks(cells, secrets)).isEmpty();
			assertThat(fileLeaks(secrets)).isEmpty();
		}
	}

	@Test
	void spacesWhenAHundredRequestsFindTheAccessTokenExpiredThenOneRefreshAndEveryPageShown() throws Exception {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			int rooms = roomTitles(browser.page(app.url("/spaces"))).size();
			String session = browser.cookie("SESSION");
			AppDatabase database = new AppDatabase(app);
			String zoe = database.principalOf(session);
			database.expireAccessToken(zoe);
			// Webex agrees, so a request that used the old token anyway would fail.
			this.webex.expireAccessTokens(ZOE);
			// A slow Webex keeps the refresh in flight while the other requests arrive.
			this.settings.update(Map.of("latency", "200ms"));
			this.webex.resetCalls();
			Concurrently.Outcomes<HttpResponse<String>> outcomes = spacesAtOnce(100, session);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(outcomes.results()).hasSize(100).allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains(ROOM_CELL);
				assertThat(occurrences(response.body(), "class=\"room-title\"")).isEqualTo(rooms);
			});
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			assertThat(this.webex.calls(Counter.UNAUTHORIZED)).isZero();
		}
	}

	@Test
	void spacesWhenWebexRejectsTheAccessTokenThenRefreshedAndRetriedOnce() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			// Only Webex knows: the app still believes its token is good for two weeks.
			this.webex.expireAccessTokens(ZOE);
			this.webex.resetCalls();
			HtmlPage spaces = browser.page(app.url("/spaces"));
			assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(roomTitles(spaces)).contains("Customer Advisory Board");
			assertOneRejectionAndOneRefresh();
			assertThat(browser.page(app.url("/profile")).getWebResponse().getStatusCode()).isEqualTo(200);
			assertOneRejectionAndOneRefresh();
		}
	}

	@Test
	void spacesWhenWebexRejectsTheAccessTokenOfAHundredRequestsThenOneRefreshAndEveryPageShown() throws Exception {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String session = browser.cookie("SESSION");
			this.webex.expireAccessTokens(ZOE);
			this.settings.update(Map.of("latency", "200ms"));
			this.webex.resetCalls();
			Concurrently.Outcomes<HttpResponse<String>> outcomes = spacesAtOnce(100, session);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(outcomes.results()).hasSize(100).allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains(ROOM_CELL);
			});
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			assertThat(this.webex.calls(Counter.UNAUTHORIZED)).isBetween(1L, 100L);
		}
	}

	@Test
	void spacesWhenGrantRevokedAndTokenExpiredThenReconnectPageAndReconnectingRestoresSpaces() throws Exception {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String session = browser.cookie("SESSION");
			AppDatabase database = new AppDatabase(app);
			String zoe = database.principalOf(session);
			this.webex.revokeGrants(ZOE);
			database.expireAccessToken(zoe);
			this.webex.resetCalls();
			HtmlPage reconnect = browser.page(app.url("/spaces"));
			assertReconnectPage(reconnect);
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			assertThat(database.status(zoe)).isEqualTo("CONSENT_REQUIRED");
			HttpResponse<String> api = SessionHttp.get(app.url("/api/rooms"), session, "application/json");
			assertThat(api.statusCode()).isEqualTo(401);
			JsonNode error = JsonMapper.shared().readTree(api.body());
			assertThat(error.path("error").asString()).isEqualTo("reconnect_required");
			assertThat(error.path("message").asString()).contains("Reconnect");
			assertThat(api.body()).doesNotContain("Exception", "\tat ");
			// No loop: the refused grant is not refreshed again, the page stays put.
			HtmlPage again = browser.page(app.url("/spaces"));
			assertReconnectPage(again);
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			HtmlPage consent = again.getHtmlElementById("reconnect").click();
			assertThat(consent.getUrl().toString()).startsWith(SimulatedWebex.apiBaseUrl() + "/authorize");
			Browser.chooseUser(consent, ZOE);
			HtmlPage granted = Browser.press(consent, "Accept");
			assertThat(granted.getWebResponse().getStatusCode()).isEqualTo(200);
			HtmlPage spaces = browser.page(app.url("/spaces"));
			assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(roomTitles(spaces)).contains("Customer Advisory Board");
			assertThat(database.status(zoe)).isEqualTo("ACTIVE");
		}
	}

	@Test
	void spacesWhenGrantRevokedThenWebexRejectsTheTokenAndTheRefreshAndReconnectPageShown() {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			this.webex.revokeGrants(ZOE);
			this.webex.resetCalls();
			assertReconnectPage(browser.page(app.url("/spaces")));
			assertOneRejectionAndOneRefresh();
			assertReconnectPage(browser.page(app.url("/profile")));
			assertOneRejectionAndOneRefresh();
		}
	}

	@Test
	void spacesWhenGrantRevokedUnderLoadThenOneRefusedRefreshAndEveryRequestAskedToReconnect() throws Exception {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String session = browser.cookie("SESSION");
			this.webex.revokeGrants(ZOE);
			this.webex.resetCalls();
			Concurrently.Outcomes<HttpResponse<String>> outcomes = spacesAtOnce(50, session);
			assertThat(outcomes.failures()).isEmpty();
			assertThat(outcomes.results()).hasSize(50).allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.body()).contains("id=\"reconnect\"").doesNotContain("Exception");
			});
			// Webex is asked once, not once per request: no refresh storm on a dead
			// grant.
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
		}
	}

	@Test
	void disconnectWhenPressedThenGrantDeletedAndSignedOut() throws IOException {
		try (Browser browser = new Browser()) {
			browser.signIn(app, ZOE);
			String session = browser.cookie("SESSION");
			AppDatabase database = new AppDatabase(app);
			String zoe = database.principalOf(session);
			HtmlPage profile = browser.page(app.url("/profile"));
			HtmlPage landing = profile.getHtmlElementById("disconnect").click();
			assertThat(landing.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(landing.getUrl().getPath()).isEqualTo("/");
			assertThat(landing.querySelector("p.notice").getTextContent())
				.isEqualTo("Your Webex account is disconnected and the stored grant is deleted.");
			assertThat(landing.getHtmlElementById("grant").getTextContent()).isEqualTo("GRANT");
			assertThat(database.hasGrant(zoe)).isFalse();
			WebResponse spaces = browser.getWithoutRedirect(app.url("/spaces"));
			assertThat(spaces.getStatusCode()).isEqualTo(302);
			assertThat(URI.create(spaces.getResponseHeaderValue("Location")).getPath()).isEqualTo("/");
			// The session the browser had before is gone, not merely forgotten by the
			// browser.
			HttpResponse<String> old = SessionHttp.page(app.url("/spaces"), session);
			assertThat(old.statusCode()).isEqualTo(302);
			assertThat(database.hasSession(session)).isFalse();
		}
	}

	@Test
	void keeperWhenRefreshTokenNearsItsEndThenRefreshedAndProfileShowsTheLaterExpiry() {
		try (Browser zoeBrowser = new Browser(); Browser rahulBrowser = new Browser()) {
			zoeBrowser.signIn(app, ZOE);
			rahulBrowser.signIn(app, RAHUL);
			AppDatabase database = new AppDatabase(app);
			String zoe = database.principalOf(zoeBrowser.cookie("SESSION"));
			String rahul = database.principalOf(rahulBrowser.cookie("SESSION"));
			// Zoë signed in 89 days ago and has not been back since; Rahul just signed
			// in.
			database.age(zoe, Duration.ofDays(89), Duration.ofDays(1));
			long rahulVersion = database.version(rahul);
			LocalDateTime before = refreshExpiry(zoeBrowser);
			this.webex.resetCalls();
			KeeperReport report = app.bean(GrantKeeper.class).runOnce();
			assertThat(report.refreshed()).isEqualTo(1);
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
			assertThat(refreshExpiry(zoeBrowser)).isAfter(before.plusDays(30));
			assertThat(database.version(rahul)).isEqualTo(rahulVersion);
			// Zoë's grant was just kept and Rahul's is fresh: the next run leaves both
			// alone.
			this.webex.resetCalls();
			assertThat(app.bean(GrantKeeper.class).runOnce().refreshed()).isZero();
			assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isZero();
			assertThat(database.version(rahul)).isEqualTo(rahulVersion);
		}
	}

	/** As many requests for the spaces page of one session at once. */
	private static Concurrently.Outcomes<HttpResponse<String>> spacesAtOnce(int requests, String session)
			throws Exception {
		return Concurrently.run(SessionHttp.pages(Collections.nCopies(requests, app.url("/spaces")), session));
	}

	// Webex refused the token once and the app refreshed once, however many pages since.
	private void assertOneRejectionAndOneRefresh() {
		assertThat(this.webex.calls(Counter.UNAUTHORIZED)).isEqualTo(1);
		assertThat(this.webex.calls(Counter.TOKEN_REFRESHES)).isEqualTo(1);
	}

	private static TokenVault vault() {
		return app.bean(TokenVault.class);
	}

	private static List<String> roomTitles(HtmlPage spaces) {
		assertThat(spaces.getWebResponse().getStatusCode()).isEqualTo(200);
		return spaces.querySelectorAll("td.room-title").stream().map((cell) -> cell.getTextContent()).toList();
	}

	private static LocalDateTime refreshExpiry(Browser browser) {
		HtmlPage profile = browser.page(app.url("/profile"));
		assertThat(profile.getWebResponse().getStatusCode()).isEqualTo(200);
		return LocalDateTime.parse(profile.getHtmlElementById("refresh-expiry").getTextContent().trim(), PAGE_DATE);
	}

	private static void assertReconnectPage(HtmlPage page) {
		assertThat(page.getWebResponse().getStatusCode()).isEqualTo(401);
		assertThat(page.getUrl().getPath()).isIn("/spaces", "/profile");
		assertThat(page.getHtmlElementById("reconnect").getAttribute("href")).isEqualTo("/oauth2/authorization/webex");
		String html = page.getWebResponse().getContentAsString();
		assertThat(html).doesNotContain("Exception", "\tat ", "java.");
	}

	private static List<String> fileLeaks(Map<String, String> secrets) throws IOException {
		List<String> leaks = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(dataDir)) {
			files = walk.filter(Files::isRegularFile).toList();
		}
		assertThat(files).anyMatch((file) -> file.getFileName().toString().endsWith(".mv.db"));
		for (Path file : files) {
			byte[] content = Files.readAllBytes(file);
			secrets.forEach((name, secret) -> RawDatabase.forms(secret).forEach((form, value) -> {
				if (RawDatabase.contains(content, value.getBytes(StandardCharsets.UTF_8))) {
					leaks.add(file.getFileName() + " holds the " + name + " (" + form + ")");
				}
			}));
		}
		return leaks;
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

}
