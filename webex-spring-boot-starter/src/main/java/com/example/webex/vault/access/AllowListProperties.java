package com.example.webex.vault.access;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.example.webex.client.ConfigurationProblemsException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may connect a Webex account. Both lists empty: anyone. Either set: only people
 * whose organization is listed, or one of whose email addresses is in a listed domain.
 *
 * @param emailDomains mail domains ({@code WEBEX_ALLOWED_EMAIL_DOMAINS},
 * comma-separated), each matched exactly and case-insensitively against the domain of
 * every address of the person: {@code example.com} does not admit {@code sub.example.com}
 * @param orgIds Webex organization ids ({@code WEBEX_ALLOWED_ORG_IDS}, comma-separated):
 * the {@code orgId} of {@code GET /people/me}, or the organization UUID Control Hub shows
 */
@ConfigurationProperties("webex.allowed")
public record AllowListProperties(@DefaultValue List<String> emailDomains, @DefaultValue List<String> orgIds) {

	// A domain name: no '@', no wildcard, no scheme or path, no empty label.
	private static final Pattern DOMAIN = Pattern.compile("[^@*\\s/:.]+(\\.[^@*\\s/:.]+)*");

	private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9_+/=-]+");

	public AllowListProperties {
		emailDomains = entries(emailDomains);
		orgIds = entries(orgIds);
		// Checked here, at binding, so a mistyped list stops start-up instead of refusing
		// everyone.
		List<String> problems = new ArrayList<>();
		for (String domain : emailDomains) {
			if (!DOMAIN.matcher(domain).matches()) {
				problems.add("WEBEX_ALLOWED_EMAIL_DOMAINS must list mail domains such as example.com, each matched"
						+ " exactly (no '@', no wildcards: list every subdomain that may connect), but contains '"
						+ domain + "'.");
			}
		}
		for (String orgId : orgIds) {
			if (!ORG_ID.matcher(orgId).matches()) {
				problems.add("WEBEX_ALLOWED_ORG_IDS must list Webex organization ids (the orgId of GET /people/me,"
						+ " or the organization UUID in Control Hub), but contains '" + orgId + "'.");
			}
		}
		if (!problems.isEmpty()) {
			throw new ConfigurationProblemsException(problems);
		}
	}

	// Blank entries (a trailing comma) are ignored; the rest is trimmed.
	private static List<String> entries(List<String> values) {
		return values.stream().map(String::trim).filter((value) -> !value.isEmpty()).toList();
	}

}
