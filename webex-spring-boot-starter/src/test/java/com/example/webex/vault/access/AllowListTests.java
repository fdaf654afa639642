package com.example.webex.vault.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.webex.client.ConfigurationProblemsException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who the operator's allow-list admits, and how its settings are read and checked.
 */
public class AllowListTests {

	static final String DEMO_ORG_UUID = "7a1c3e52-96d4-4b8e-a0f1-5c2d9e8b4f63";

	public static final String DEMO_ORG_ID = orgId(DEMO_ORG_UUID);

	static final String OTHER_ORG_ID = orgId("3f0b9d2e-6c41-4a7f-9e85-b2d7c0a41e96");

	@Test
	void admitsWhenNeitherListSetThenAnyoneAndEveryStoredGrant() {
		AllowList open = allowList(Map.of());
		assertThat(open.isOpen()).isTrue();
		assertThat(open.admits(person(OTHER_ORG_ID, "noor@contractors.example.com"))).isTrue();
		assertThat(open.admits(new WebexIdentity(null, Set.of()))).isTrue();
		assertThat(open.admitsStored(null)).isTrue();
	}

	@Test
	void admitsWhenEmailDomainListedThenExactDomainOfAnyAddressAnyCase() {
		AllowList list = allowList(Map.of("webex.allowed.email-domains", "Example.COM"));
		assertThat(list.isOpen()).isFalse();
		assertThat(list.admits(person(OTHER_ORG_ID, "zoe@example.com"))).isTrue();
		assertThat(list.admits(person(OTHER_ORG_ID, "Zoe@EXAMPLE.com"))).isTrue();
		assertThat(list.admits(person(OTHER_ORG_ID, "zoe@elsewhere.org", "zoe.alias@example.com"))).isTrue();
		assertThat(list.admits(person(OTHER_ORG_ID, "noor@contractors.example.com"))).isFalse();
		assertThat(list.admits(person(OTHER_ORG_ID, "eve@notexample.com"))).isFalse();
		assertThat(list.admits(person(OTHER_ORG_ID, "eve@example.com.attacker.test"))).isFalse();
		assertThat(list.admits(person(OTHER_ORG_ID, "example.com"))).isFalse();
		assertThat(list.admits(person(null))).isFalse();
	}

	@Test
	void admitsWhenSubdomainListedThenNotItsParent() {
		AllowList list = allowList(Map.of("webex.allowed.email-domains", "contractors.example.com"));
		assertThat(list.admits(person(DEMO_ORG_ID, "noor@contractors.example.com"))).isTrue();
		assertThat(list.admits(person(DEMO_ORG_ID, "zoe@example.com"))).isFalse();
	}

	@Test
	void admitsWhenOrgIdListedThenPeopleOfThatOrganizationWhateverTheirDomain() {
		AllowList list = allowList(Map.of("webex.allowed.org-ids", DEMO_ORG_ID));
		assertThat(list.admits(person(DEMO_ORG_ID, "someone@gmail.com"))).isTrue();
		assertThat(list.admits(person(OTHER_ORG_ID, "zoe@example.com"))).isFalse();
		assertThat(list.admits(person(null, "zoe@example.com"))).isFalse();
		// ids are case-sensitive base64: another case is another id
		assertThat(list.admits(person(DEMO_ORG_ID.toLowerCase(), "zoe@example.com"))).isFalse();
	}

	@Test
	void admitsWhenOrgListedAsControlHubUuidThenMatchesTheIdThatEncodesIt() {
		AllowList list = allowList(Map.of("webex.allowed.org-ids", DEMO_ORG_UUID.toUpperCase()));
		assertThat(list.admits(person(DEMO_ORG_ID, "zoe@example.com"))).isTrue();
		assertThat(list.admits(person(OTHER_ORG_ID, "zoe@example.com"))).isFalse();
		assertThat(list.admits(person(DEMO_ORG_UUID, "zoe@example.com"))).isFalse();
		assertThat(AllowList.organizationUuid("not base64 at all")).isNull();
	}

	@Test
	void admitsWhenBothListsSetThenEitherMatchAdmits() {
		AllowList list = allowList(
				Map.of("webex.allowed.email-domains", "partner.example.net", "webex.allowed.org-ids", DEMO_ORG_ID));
		assertThat(list.admits(person(DEMO_ORG_ID, "zoe@example.com"))).isTrue();
		assertThat(list.admits(person(OTHER_ORG_ID, "pat@partner.example.net"))).isTrue();
		assertThat(list.admits(person(OTHER_ORG_ID, "noor@contractors.example.com"))).isFalse();
	}

	@Test
	void admitsStoredWhenListSetThenOnlyRecordedIdentitiesItAdmits() {
		AllowList list = allowList(Map.of("webex.allowed.email-domains", "example.com"));
		assertThat(list.admitsStored(person(OTHER_ORG_ID, "zoe@example.com"))).isTrue();
		assertThat(list.admitsStored(person(OTHER_ORG_ID, "noor@contractors.example.com"))).isFalse();
		assertThat(list.admitsStored(null)).isFalse();
	}

	@Test
	void bindWhenListsHaveSpacesAndEmptyEntriesThenTrimmedAndIgnored() {
		AllowListProperties properties = bind(
				Map.of("webex.allowed.email-domains", " example.com , Example.ORG,", "webex.allowed.org-ids", ""));
		assertThat(properties.emailDomains()).containsExactly("example.com", "Example.ORG");
		assertThat(properties.orgIds()).isEmpty();
		assertThat(bind(Map.of()).emailDomains()).isEmpty();
	}

	@Test
	void bindWhenDomainHasAtWildcardSchemeOrEmptyLabelThenOneSentenceEach() {
		assertThat(problems(Map.of("webex.allowed.email-domains",
				"@example.com,*.example.com,https://example.com,.example.com,example..com,example.com")))
			.hasSize(5)
			.allSatisfy((problem) -> assertThat(problem).startsWith(
					"WEBEX_ALLOWED_EMAIL_DOMAINS must list mail domains such as example.com, each matched exactly"))
			.anySatisfy((problem) -> assertThat(problem).endsWith("but contains '*.example.com'."));
	}

	@Test
	void bindWhenOrgIdIsNotAnIdThenSentenceNamingTheVariable() {
		assertThat(problems(Map.of("webex.allowed.org-ids", "Acme Corp"))).singleElement()
			.asString()
			.startsWith("WEBEX_ALLOWED_ORG_IDS must list Webex organization ids")
			.endsWith("but contains 'Acme Corp'.");
	}

	@Test
	void identityWhenPeopleMeAnsweredThenOrgIdAndLowerCaseDomainsOnly() {
		WebexIdentity identity = WebexIdentity.of(Map.of("id", "p", "orgId", DEMO_ORG_ID, "emails",
				List.of("Zoe@Example.COM", "zoe@example.com", "z@mail.example.org", "no-at-sign", "trailing@", 42)));
		assertThat(identity.orgId()).isEqualTo(DEMO_ORG_ID);
		assertThat(identity.emailDomains()).containsExactlyInAnyOrder("example.com", "mail.example.org");
		assertThat(identity.emailDomainsColumn()).isEqualTo("example.com mail.example.org");
		assertThat(WebexIdentity.fromColumns(DEMO_ORG_ID, identity.emailDomainsColumn())).isEqualTo(identity);
		assertThat(WebexIdentity.fromColumns(null, null)).isNull();
		assertThat(WebexIdentity.fromColumns(null, "")).isEqualTo(new WebexIdentity(null, Set.of()));
		assertThat(WebexIdentity.of(Map.of("id", "p"))).isEqualTo(new WebexIdentity(null, Set.of()));
	}

	private static WebexIdentity person(String orgId, String... emails) {
		Map<String, Object> person = (orgId != null) ? Map.of("orgId", orgId, "emails", List.of(emails))
				: Map.of("emails", List.of(emails));
		return WebexIdentity.of(person);
	}

	private static AllowList allowList(Map<String, String> properties) {
		return new AllowList(bind(properties));
	}

	private static AllowListProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("webex.allowed",
				AllowListProperties.class);
	}

	private static List<String> problems(Map<String, String> properties) {
		try {
			bind(properties);
		}
		catch (BindException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof ConfigurationProblemsException problems) {
					return problems.getProblems();
				}
			}
			throw ex;
		}
		throw new AssertionError("bound without a problem: " + properties);
	}

	/**
	 * A Webex organization id: base64url of {@code ciscospark://us/ORGANIZATION/<uuid>}.
	 */
	static String orgId(String uuid) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("ciscospark://us/ORGANIZATION/" + uuid).getBytes(StandardCharsets.UTF_8));
	}

}
