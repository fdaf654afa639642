package com.example.webex.simulator.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.example.webex.simulator.SignedIn;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.WebexSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link WebexSimulator#signIn} walks a real Spring Security {@code oauth2Login} app
 * through the authorization-code flow and hands back its session; the programmatic
 * extension composes with {@code @DynamicPropertySource} (the snippet of the README).
 */
@SpringBootTest(classes = OAuth2LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"server.address=127.0.0.1", "spring.thymeleaf.check-template-location=false",
		"spring.security.oauth2.client.registration.webex.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.webex.client-authentication-method=client_secret_post",
		"spring.security.oauth2.client.registration.webex.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
		"spring.security.oauth2.client.registration.webex.scope=spark:people_read",
		"spring.security.oauth2.client.provider.webex.user-name-attribute=displayName" })
class SignInTests {

	@RegisterExtension
	static WebexSimulatorExtension webex = WebexSimulatorExtension.create().build();

	@DynamicPropertySource
	static void webexProperties(DynamicPropertyRegistry registry) {
		String registration = "spring.security.oauth2.client.registration.webex.";
		String provider = "spring.security.oauth2.client.provider.webex.";
		registry.add(registration + "client-id", () -> webex.simulator().clientId());
		registry.add(registration + "client-secret", () -> webex.simulator().clientSecret());
		registry.add(provider + "authorization-uri", () -> webex.simulator().baseUrl() + "/authorize");
		registry.add(provider + "token-uri", () -> webex.simulator().baseUrl() + "/access_token");
		registry.add(provider + "user-info-uri", () -> webex.simulator().baseUrl() + "/people/me");
	}

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@BeforeEach
	void registerTheAppsRedirectUri() {
		// known only now that the app listens: registered at run time
		webex.simulator().registerRedirectUri(url("/login/oauth2/code/webex"));
	}

	@Test
	void signInWhenAppUsesOAuth2LoginThenItsSessionCookieOpensItsPages() throws Exception {
		SignedIn zoe = webex.simulator().signIn(url("/oauth2/authorization/webex"), "zoe");

		assertThat(zoe.status()).isEqualTo(200);
		assertThat(zoe.landedOn().getPath()).isEqualTo("/");
		assertThat(zoe.cookie("JSESSIONID")).isPresent();
		assertThat(zoe.toString()).doesNotContain(zoe.cookie("JSESSIONID").get());
		HttpResponse<String> page = get("/", zoe.cookieHeader());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).isEqualTo("Signed in as Zoë Ångström");
		assertThat(get("/", null).statusCode()).isEqualTo(302);
		assertThat(webex.simulator().calls(Counter.AUTHORIZE_ACCEPTED)).isEqualTo(1);
		assertThat(webex.simulator().calls(Counter.TOKEN_CODE_EXCHANGES)).isEqualTo(1);
		assertThat(webex.simulator().calls(Counter.PEOPLE_ME)).isEqualTo(1);
	}

	@Test
	void signInWhenStartedAtAProtectedPageThenFollowsTheAppsRedirectsBackToIt() throws Exception {
		SignedIn rahul = webex.simulator().signIn(url("/"), "rahul@example.com");

		assertThat(rahul.status()).isEqualTo(200);
		assertThat(rahul.landedOn().getPath()).isEqualTo("/");
		assertThat(get("/", rahul.cookieHeader()).body()).isEqualTo("Signed in as Rahul Deshpande");
	}

	@Test
	void signInWhenUserAddedByTheTestThenSignedInAsThem() throws Exception {
		webex.simulator().addUser("alice", "alice@example.com", "Alice Example");

		SignedIn alice = webex.simulator().signIn(url("/oauth2/authorization/webex"), "alice");

		assertThat(get("/", alice.cookieHeader()).body()).isEqualTo("Signed in as Alice Example");
	}

	@Test
	void signInWhenTheAppsRedirectUriIsNotRegisteredThenSaysSo() {
		// the app builds its redirect URI from the host it is asked on: localhost is not
		// registered
		String start = "http://localhost:" + this.port + "/oauth2/authorization/webex";

		assertThatIllegalStateException().isThrownBy(() -> webex.simulator().signIn(start, "zoe"))
			.withMessageContaining("400")
			.withMessageContaining("registerRedirectUri");
		assertThat(webex.simulator().calls(Counter.TOKEN_CODE_EXCHANGES)).isZero();
	}

	@Test
	void signInWhenStartDoesNotLeadToThisSimulatorThenSaysWhereItEnded() {
		assertThatIllegalStateException()
			.isThrownBy(() -> webex.simulator().signIn(url("/login/oauth2/code/webex"), "zoe"))
			.withMessageContaining("did not send the browser to this simulator");
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private HttpResponse<String> get(String path, String cookies) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
		if (cookies != null) {
			request.header("Cookie", cookies);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
