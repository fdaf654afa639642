package com.example.webex.vault;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.access.AllowListTests;
import org.junit.jupiter.api.AutoClose;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static com.example.webex.vault.VaultContexts.ALICE;
import static com.example.webex.vault.VaultContexts.BOB;
import static com.example.webex.vault.VaultContexts.saveGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The vault and the keeper apply the allow-list to the identity stored with each grant,
 * on both databases: a grant whose user the list no longer admits is neither handed out
 * nor refreshed nor changed.
 */
class AllowListVaultTests {

	static final String ORG = AllowListTests.DEMO_ORG_ID;

	@AutoClose
	private final TokenEndpointStub endpoint = new TokenEndpointStub();

	@OnEachDatabase
	void saveWhenAdmittedAtSignInThenIdentityStoredAndReplacedByTheNextSignIn(TestDatabase database) {
		VaultContexts.runner(database.fresh(), this.endpoint).run((context) -> {
			connect(context, ALICE, "at-1",
					Map.of("orgId", ORG, "emails", List.of("Alice@Example.com", "a@b.example")));
			assertThat(identity(database, ALICE)).containsExactly(ORG, "b.example example.com");
			connect(context, ALICE, "at-2", Map.of("emails", List.of("alice@example.org")));
			assertThat(identity(database, ALICE)).containsExactly(null, "example.org");
			// A save without an admitted identity (none handed over) records none.
			saveGrant(context, ALICE, "at-3", Duration.ofDays(14), "rt-3");
			assertThat(identity(database, ALICE)).containsExactly(null, null);
		});
	}

	@OnEachDatabase
	void vaultAndKeeperWhenListNoLongerAdmitsTheUserThenGrantNeitherUsedNorRefreshedNorChanged(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.run((open) -> {
			connect(open, ALICE, "at-alice", Map.of("orgId", ORG, "emails", List.of("alice@example.com")));
			connect(open, BOB, "at-bob", Map.of("emails", List.of("bob@partner.example.net")));
		});
		IssuerBindingTests.dueForKeeping(database, ALICE);
		IssuerBindingTests.dueForKeeping(database, BOB);
		database.jdbc().update("UPDATE webex_grant SET access_token_expires_at = access_token_issued_at");
		Map<String, String> bobBefore = IssuerBindingTests.row(database, TestDatabase.DEFAULT_API_BASE_URL, BOB);
		runner.withPropertyValues("webex.allowed.org-ids=" + ORG).run((limited) -> {
			TokenVault vault = limited.getBean(TokenVault.class);
			assertThatExceptionOfType(UserNotAllowedException.class).isThrownBy(() -> vault.accessToken(BOB));
			assertThatExceptionOfType(UserNotAllowedException.class)
				.isThrownBy(() -> vault.refreshAfterUnauthorized(BOB, "at-bob"));
			assertThat(limited.getBean(GrantKeeper.class).runOnce()).isEqualTo(new KeeperReport(1, 1, 0, 0, 0, false));
			assertThat(this.endpoint.refreshRequests()).singleElement()
				.satisfies((form) -> assertThat(form).containsEntry("refresh_token", "rt-" + ALICE));
			assertThat(vault.accessToken(ALICE)).isNotEqualTo("at-alice");
		});
		assertThat(IssuerBindingTests.row(database, TestDatabase.DEFAULT_API_BASE_URL, BOB)).isEqualTo(bobBefore);
	}

	@OnEachDatabase
	void vaultWhenListSetAndGrantRecordsNoIdentityThenReconnectRequiredAndKeeperSkipsIt(TestDatabase database) {
		ApplicationContextRunner runner = VaultContexts.runner(database.fresh(), this.endpoint);
		runner.run((open) -> saveGrant(open, ALICE, "at-alice", Duration.ofDays(14), "rt-alice"));
		IssuerBindingTests.dueForKeeping(database, ALICE);
		runner.withPropertyValues("webex.allowed.email-domains=example.com").run((limited) -> {
			assertThatExceptionOfType(ReconnectRequiredException.class)
				.isThrownBy(() -> limited.getBean(TokenVault.class).accessToken(ALICE))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.IDENTITY_UNKNOWN));
			assertThat(limited.getBean(GrantKeeper.class).runOnce().checked()).isZero();
		});
		assertThat(this.endpoint.refreshCalls()).isZero();
		// Without a list, the same grant is used as it always was.
		runner.run((open) -> assertThat(open.getBean(TokenVault.class).accessToken(ALICE)).isEqualTo("at-alice"));
	}

	/**
	 * A sign-in as Spring's login performs it: user info admitted, then the grant saved.
	 */
	private static void connect(ApplicationContext context, String principal, String accessToken,
			Map<String, ?> person) {
		Map<String, Object> withId = new LinkedHashMap<>(person);
		withId.put("id", principal);
		OAuth2AccessTokenResponse response = OAuth2AccessTokenResponse.withToken(accessToken)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(Duration.ofDays(14).toSeconds())
			.scopes(Set.of("spark:rooms_read"))
			.refreshToken("rt-" + principal)
			.build();
		assertThat(VaultContexts.signIn(context, response, withId)).isTrue();
	}

	private static List<String> identity(TestDatabase database, String principal) {
		return database.jdbc()
			.queryForObject("SELECT org_id, email_domains FROM webex_grant WHERE principal_name = ?",
					(rs, row) -> Arrays.asList(rs.getString(1), rs.getString(2)), principal);
	}

}
