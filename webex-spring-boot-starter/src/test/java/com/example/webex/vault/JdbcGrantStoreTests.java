package com.example.webex.vault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.example.webex.vault.crypto.GrantDecryptionException;
import com.example.webex.vault.store.CurrentAccessToken;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.GrantStatus;
import com.example.webex.vault.store.GrantSummary;
import com.example.webex.vault.store.JdbcGrantStore;
import org.junit.jupiter.api.AutoClose;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.BOB;
import static com.example.webex.vault.VaultContexts.grant;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class JdbcGrantStoreTests {

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void loadAuthorizedClientWhenSavedThenSameTokensAndTimes(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			OAuth2AuthorizedClient client = context.getBean(GrantLogins.class).loadAuthorizedClient("webex", ALICE);
			assertThat(client.getPrincipalName()).isEqualTo(ALICE);
			assertThat(client.getAccessToken().getTokenValue()).isEqualTo("at-alice");
			assertThat(client.getAccessToken().getExpiresAt()).isCloseTo(Instant.now().plus(Duration.ofDays(14)),
					within(1, ChronoUnit.MINUTES));
			assertThat(client.getAccessToken().getScopes()).containsExactlyInAnyOrder("spark:people_read",
					"spark:rooms_read");
			assertThat(client.getRefreshToken().getTokenValue()).isEqualTo("rt-alice");
			Grant grant = grant(context, ALICE);
			assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
			assertThat(grant.createdAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
			assertThat(grant.refreshedAt()).isNull();
			assertThat(grant.keptAt()).isNull();
			OAuth2AuthorizedClient bobs = context.getBean(GrantLogins.class).loadAuthorizedClient("webex", BOB);
			assertThat(bobs).isNull();
		});
	}

	@OnEachDatabase
	void loadAuthorizedClientWhenConsentRequiredThenNullUntilNewLogin(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			JdbcGrantStore store = context.getBean(JdbcGrantStore.class);
			saveGrant(context, ALICE, "at-1", Duration.ofDays(14), "rt-1");
			store.markConsentRequired("webex", ALICE);
			OAuth2AuthorizedClient refused = context.getBean(GrantLogins.class).loadAuthorizedClient("webex", ALICE);
			assertThat(refused).isNull();
			saveGrant(context, ALICE, "at-2", Duration.ofDays(14), "rt-2");
			Grant grant = grant(context, ALICE);
			assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
			assertThat(grant.accessToken()).isEqualTo("at-2");
			assertThat(grant.version()).isEqualTo(2);
			assertThat((OAuth2AuthorizedClient) context.getBean(GrantLogins.class).loadAuthorizedClient("webex", ALICE))
				.isNotNull();
		});
	}

	@OnEachDatabase
	void removeAuthorizedClientThenGone(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			JdbcGrantStore store = context.getBean(JdbcGrantStore.class);
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			saveGrant(context, BOB, "at-bob", Duration.ofDays(14), "rt-bob");
			context.getBean(GrantLogins.class).removeAuthorizedClient("webex", ALICE);
			assertThat(store.find("webex", ALICE)).isEmpty();
			assertThat(store.find("webex", BOB)).isPresent();
		});
	}

	@OnEachDatabase
	void saveAuthorizedClientWhenManyFirstLoginsAtOnceThenOneRowEachAndNoError(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			// The race is on the first INSERT, so each round is a new user.
			for (int round = 0; round < 10; round++) {
				String principal = ALICE + round;
				List<Callable<Void>> logins = new ArrayList<>();
				for (int i = 0; i < 16; i++) {
					String token = "at-" + i;
					logins.add(() -> {
						saveGrant(context, principal, token, Duration.ofDays(14), "rt");
						return null;
					});
				}
				assertThat(Concurrently.run(logins).failures()).isEmpty();
				assertThat(grant(context, principal).version()).isEqualTo(15);
			}
			assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM webex_grant", Long.class)).isEqualTo(10);
		});
	}

	@OnEachDatabase
	void databaseWhenGrantsStoredThenNoTokenInPlaintextOrEncoded(TestDatabase database) {
		String accessToken = "ZDI3MGEyYzQtNmFlNS00NDNhLWFmNWQtNzk3NGE1YjA3MmYxNDcz_PF84_1eb65fdf-9643-417f";
		String refreshToken = "MjRlNTU3YzktY2I4Zi00OTFhLWEzYjktYzNlZTQ2ZDA2NGI5NjQ3_PF84_1eb65fdf-9643-417f";
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, accessToken, Duration.ofDays(14), refreshToken);
			saveGrant(context, BOB, accessToken + "-bob", Duration.ofDays(14), refreshToken + "-bob");
		});
		List<byte[]> forbidden = new ArrayList<>();
		for (String token : List.of(accessToken, refreshToken)) {
			byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
			forbidden.add(bytes);
			forbidden.add(Base64.getEncoder().encode(bytes));
			forbidden.add(Base64.getUrlEncoder().withoutPadding().encode(bytes));
			forbidden.add(HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII));
			// A 20-character window catches a truncated or partly encoded copy.
			forbidden.add(token.substring(10, 30).getBytes(StandardCharsets.UTF_8));
		}
		List<byte[]> cells = everyCell(database.jdbc());
		assertThat(cells).hasSizeGreaterThan(20);
		for (byte[] cell : cells) {
			for (byte[] needle : forbidden) {
				assertThat(indexOf(cell, needle)).as("a cell contains a token").isEqualTo(-1);
			}
		}
	}

	@OnEachDatabase
	void findWhenCiphertextCopiedFromAnotherRowThenClearErrorAndNoToken(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			saveGrant(context, BOB, "at-bob", Duration.ofDays(14), "rt-bob");
			JdbcTemplate jdbc = database.jdbc();
			byte[] alices = jdbc.queryForObject("SELECT access_token FROM webex_grant WHERE principal_name = ?",
					byte[].class, ALICE);
			jdbc.update("UPDATE webex_grant SET access_token = ? WHERE principal_name = ?", alices, BOB);
			JdbcGrantStore store = context.getBean(JdbcGrantStore.class);
			assertThatExceptionOfType(GrantDecryptionException.class)
				.isThrownBy(() -> context.getBean(GrantLogins.class).loadAuthorizedClient("webex", BOB))
				.withMessageContaining("access_token")
				.withMessageContaining("copied from another row or column")
				.withMessageNotContaining("at-alice");
			assertThat(store.find("webex", ALICE).orElseThrow().accessToken()).isEqualTo("at-alice");
		});
	}

	@OnEachDatabase
	void findWhenCiphertextCopiedToAnotherColumnThenClearError(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			database.jdbc().update("UPDATE webex_grant SET refresh_token = access_token");
			assertThatExceptionOfType(GrantDecryptionException.class)
				.isThrownBy(() -> context.getBean(JdbcGrantStore.class).find("webex", ALICE))
				.withMessageContaining("refresh_token");
		});
	}

	@OnEachDatabase
	void findAccessTokenThenDecryptsTheAccessTokenAlone(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			saveGrant(context, BOB, "at-bob", Duration.ofHours(1), null);
			JdbcGrantStore store = context.getBean(JdbcGrantStore.class);

			CurrentAccessToken alices = store.findAccessToken("webex", ALICE).orElseThrow();
			assertThat(alices.value()).isEqualTo("at-alice");
			assertThat(alices.expiresAt()).isEqualTo(grant(context, ALICE).accessTokenExpiresAt());
			assertThat(alices.refreshable()).isTrue();
			assertThat(alices.status()).isEqualTo(GrantStatus.ACTIVE);
			assertThat(alices.toString()).doesNotContain("at-alice");
			assertThat(store.findAccessToken("webex", BOB).orElseThrow().refreshable()).isFalse();
			store.markConsentRequired("webex", BOB);
			assertThat(store.findAccessToken("webex", BOB).orElseThrow().status())
				.isEqualTo(GrantStatus.CONSENT_REQUIRED);
			assertThat(store.findAccessToken("webex", "nobody")).isEmpty();

			// the refresh token is not even decrypted: an unreadable one does not matter
			// here
			database.jdbc()
				.update("UPDATE webex_grant SET refresh_token = access_token WHERE principal_name = ?", ALICE);
			assertThat(store.findAccessToken("webex", ALICE).orElseThrow().value()).isEqualTo("at-alice");
			// while the access token is checked as always
			byte[] bobs = database.jdbc()
				.queryForObject("SELECT access_token FROM webex_grant WHERE principal_name = ?", byte[].class, BOB);
			database.jdbc().update("UPDATE webex_grant SET access_token = ? WHERE principal_name = ?", bobs, ALICE);
			assertThatExceptionOfType(GrantDecryptionException.class)
				.isThrownBy(() -> store.findAccessToken("webex", ALICE))
				.withMessageContaining("access_token")
				.withMessageNotContaining("at-alice");
		});
	}

	@OnEachDatabase
	void saveAuthorizedClientWhenLoginReturnedRefreshExpiryThenStored(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			@SuppressWarnings("unchecked")
			OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> codeClient = context
				.getBean("authorizationCodeTokenResponseClient", OAuth2AccessTokenResponseClient.class);
			ClientRegistration registration = this.endpoint.registration();
			OAuth2AccessTokenResponse response = codeClient
				.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration, exchange(registration)));
			// What Spring's login does next, in the same request: user info, then the
			// save.
			assertThat(VaultContexts.signIn(context, response, Map.of("id", ALICE))).isTrue();
			Grant grant = grant(context, ALICE);
			assertThat(grant.refreshTokenExpiresAt()).isCloseTo(
					Instant.now().plusSeconds(TokenEndpointStub.REFRESH_TOKEN_LIFETIME), within(1, ChronoUnit.MINUTES));
			assertThat(grant.accessTokenExpiresAt()).isCloseTo(
					Instant.now().plusSeconds(TokenEndpointStub.ACCESS_TOKEN_LIFETIME), within(1, ChronoUnit.MINUTES));
			assertThat(grant.accessToken()).isEqualTo(response.getAccessToken().getTokenValue());
		});
	}

	@OnEachDatabase
	void summaryThenLifetimesAndNoTokens(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			saveGrant(context, ALICE, "at-alice", Duration.ofDays(14), "rt-alice");
			GrantSummary summary = context.getBean(TokenVault.class).summary(ALICE).orElseThrow();
			assertThat(summary.status()).isEqualTo(GrantStatus.ACTIVE);
			assertThat(summary.accessTokenExpiresAt()).isEqualTo(grant(context, ALICE).accessTokenExpiresAt());
			assertThat(summary.scopes()).containsExactlyInAnyOrder("spark:people_read", "spark:rooms_read");
			assertThat(summary.toString()).doesNotContain("at-alice").doesNotContain("rt-alice");
			assertThat(grant(context, ALICE).toString()).doesNotContain("at-alice").doesNotContain("rt-alice");
			assertThat(context.getBean(TokenVault.class).summary(BOB)).isEmpty();
		});
	}

	static OAuth2AuthorizationExchange exchange(ClientRegistration registration) {
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(registration.getProviderDetails().getAuthorizationUri())
			.clientId(registration.getClientId())
			.redirectUri(registration.getRedirectUri())
			.state("state")
			.build();
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success("code")
			.redirectUri(registration.getRedirectUri())
			.state("state")
			.build();
		return new OAuth2AuthorizationExchange(request, response);
	}

	// Every column of every table, as the bytes the driver returns (binary) or as text.
	private static List<byte[]> everyCell(JdbcTemplate jdbc) {
		List<String> tables = jdbc.queryForList(
				"SELECT table_name FROM information_schema.tables"
						+ " WHERE LOWER(table_schema) = 'public' AND table_type IN ('BASE TABLE', 'TABLE')",
				String.class);
		assertThat(tables).extracting(String::toLowerCase)
			.contains("webex_grant", "spring_session", "spring_session_attributes");
		List<byte[]> cells = new ArrayList<>();
		for (String table : tables) {
			for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
				for (Object value : row.values()) {
					cells.add((value instanceof byte[] bytes) ? bytes
							: String.valueOf(value).getBytes(StandardCharsets.UTF_8));
				}
			}
		}
		return cells;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
