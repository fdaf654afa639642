package com.example.digest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.example.digest.DailyDigest.DigestRun;
import com.example.digest.DailyDigest.Skipped;
import com.example.digest.DailyDigest.Space;
import com.example.webex.login.WebexLogin;
import com.example.webex.simulator.SignedIn;
import com.example.webex.simulator.SimulatorProperties.TokenAnswer;
import com.example.webex.simulator.junit.LoopbackPorts;
import com.example.webex.simulator.junit.WebexSimulatorExtension;
import com.example.webex.vault.TokenVault;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example end to end: the app on its own port, Webex simulated on another, people
 * signing in over HTTP, the digest asking Webex with each one's grant.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "spring.datasource.url=jdbc:h2:mem:daily-digest",
				"webex.vault.key-file=target/test-data/token-keys", "digest.cron=0 30 6 * * *" })
class DailyDigestTests {

	// the redirect URI is fixed before the app starts (Webex matches it exactly): a port
	// for it
	static final String APP = "http://127.0.0.1:" + LoopbackPorts.reserve();

	@RegisterExtension
	static WebexSimulatorExtension webex = WebexSimulatorExtension.create().redirectUris(APP + "/oauth").build();

	@DynamicPropertySource
	static void webexProperties(DynamicPropertyRegistry registry) {
		registry.add("webex.api-base-url", () -> webex.simulator().baseUrl());
		registry.add("webex.client-id", () -> webex.simulator().clientId());
		registry.add("webex.client-secret", () -> webex.simulator().clientSecret());
		registry.add("webex.redirect-uri", () -> APP + "/oauth");
		registry.add("server.port", () -> URI.create(APP).getPort());
	}

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	DailyDigest dailyDigest;

	@Autowired
	TokenVault vault;

	@Autowired
	WebexLogin webexLogin;

	@Test
	void runWhenUsersConnectedThenEachDigestListsTheirSpacesActiveSinceYesterday() throws Exception {
		SignedIn sam = signIn("sam");
		signIn("chen");
		webex.simulator().addRoom("sam", "Launch retro");

		DigestRun run = this.dailyDigest.run();

		// sam has no rooms but the one just added
		assertThat(titles(run, "sam")).containsExactly("Launch retro");
		// of chen's rooms only Sakura was active within a day (12 hours ago); the others
		// 30 hours ago or more
		assertThat(titles(run, "chen")).containsExactly("プロジェクト 桜 (Sakura)");
		assertThat(run.skipped()).doesNotContainKeys(id("sam"), id("chen"));
		HttpResponse<String> home = get(sam, "/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(home.body(), "$.name")).isEqualTo("Sam Newcomer");
		assertThat(JsonPath.<List<String>>read(home.body(), "$.latestDigest.spaces[*].title"))
			.containsExactly("Launch retro");
	}

	@Test
	void spacesWhenSignedInThenListedFromWebexWithTheirGrant() throws Exception {
		SignedIn sam = signIn("sam");
		webex.simulator().addRoom("sam", "Hallway");

		HttpResponse<String> spaces = get(sam, "/spaces");

		assertThat(spaces.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(spaces.body(), "$[*].title")).containsExactly("Hallway");
	}

	@Test
	void runWhenGrantRevokedOrUserDisconnectedThenSkippedAndOthersStillGetTheirs() throws Exception {
		SignedIn rahul = signIn("rahul");
		SignedIn zoe = signIn("zoe");
		signIn("chen");
		assertThat(this.dailyDigest.run().digests()).containsKeys(id("rahul"), id("zoe"), id("chen"));
		// rahul removes the Integration in Webex; zoe disconnects here
		webex.simulator().revokeGrants("rahul");
		this.vault.disconnect(id("zoe"));

		DigestRun run = this.dailyDigest.run();

		assertThat(run.skipped()).containsEntry(id("rahul"), Skipped.RECONNECT_REQUIRED).doesNotContainKey(id("zoe"));
		assertThat(run.digests()).containsKey(id("chen")).doesNotContainKeys(id("rahul"), id("zoe"));
		// their last digests are forgotten, and rahul is told to connect again
		assertThat(JsonPath.<Object>read(get(zoe, "/").body(), "$.latestDigest")).isNull();
		assertThat(JsonPath.<Object>read(get(rahul, "/").body(), "$.latestDigest")).isNull();
		HttpResponse<String> spaces = get(rahul, "/spaces");
		assertThat(spaces.statusCode()).isEqualTo(401);
		assertThat(JsonPath.<String>read(spaces.body(), "$.error")).isEqualTo("reconnect_required");
		// the next run no longer asks Webex for rahul
		DigestRun next = this.dailyDigest.run();
		assertThat(next.skipped()).doesNotContainKey(id("rahul"));
		assertThat(next.digests()).containsKey(id("chen")).doesNotContainKey(id("rahul"));
	}

	@Test
	void runWhenWebexFailsThenUsersSkippedAndTheirGrantsKeptForTheNextRun() throws Exception {
		SignedIn sam = signIn("sam");
		webex.simulator().settings().failEveryNth(1).failStatus(503);

		DigestRun failed = this.dailyDigest.run();

		assertThat(failed.skipped()).containsEntry(id("sam"), Skipped.WEBEX_UNAVAILABLE);
		assertThat(this.vault.connectedUsers()).contains(id("sam"));
		HttpResponse<String> spaces = get(sam, "/spaces");
		assertThat(spaces.statusCode()).isEqualTo(502);
		assertThat(JsonPath.<String>read(spaces.body(), "$.error")).isEqualTo("webex_failed");
		webex.simulator().settings().reset();
		assertThat(this.dailyDigest.run().digests()).containsKey(id("sam"));
	}

	@Test
	void runWhenRefreshCannotReachWebexThenUserSkippedAndTheirGrantKeptForTheNextRun() throws Exception {
		SignedIn sam = signIn("sam");
		// sam's access token no longer works, and the token endpoint answers as a failing
		// server
		webex.simulator().expireAccessTokens("sam");
		webex.simulator().settings().tokenAnswer(TokenAnswer.SERVER_ERROR);

		DigestRun failed = this.dailyDigest.run();

		assertThat(failed.skipped()).containsEntry(id("sam"), Skipped.WEBEX_UNAVAILABLE);
		HttpResponse<String> spaces = get(sam, "/spaces");
		assertThat(spaces.statusCode()).isEqualTo(503);
		assertThat(spaces.headers().firstValue("Retry-After")).hasValue("30");
		webex.simulator().settings().reset();
		assertThat(this.dailyDigest.run().digests()).containsKey(id("sam"));
	}

	@Test
	void scheduleWhenCronConfiguredThenDigestScheduledOnIt(@Autowired ScheduledTaskHolder scheduled) {
		assertThat(scheduled.getScheduledTasks()).extracting(ScheduledTask::getTask)
			.filteredOn(CronTask.class::isInstance)
			.extracting((task) -> ((CronTask) task).getExpression())
			.containsExactly("0 30 6 * * *");
	}

	private SignedIn signIn(String user) {
		SignedIn signedIn = webex.simulator().signIn(APP + this.webexLogin.startUrl(), user);
		assertThat(signedIn.status()).isEqualTo(200);
		return signedIn;
	}

	private static String id(String user) {
		return webex.simulator().user(user).personId();
	}

	private static List<String> titles(DigestRun run, String user) {
		assertThat(run.digests()).containsKey(id(user));
		return run.digests().get(id(user)).spaces().stream().map(Space::title).toList();
	}

	private static HttpResponse<String> get(SignedIn user, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(APP + path))
			.header("Cookie", user.cookieHeader())
			.header("Accept", "application/json")
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
