package com.example.webex.vault.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.util.StringUtils;

/**
 * What the allow-list decides on, as {@code GET /people/me} reported it when the user
 * connected: their organization and the domains of their email addresses. Stored with the
 * grant so the decision can be made again when the list changes, without the addresses
 * themselves.
 *
 * @param orgId the Webex {@code orgId}, or {@code null} if Webex sent none
 * @param emailDomains the lower-case domains of every address in {@code emails}
 */
public record WebexIdentity(String orgId, Set<String> emailDomains) {

	public WebexIdentity {
		emailDomains = Set.copyOf(emailDomains);
	}

	/**
	 * The identity of a person as {@code GET /people/me} returns them.
	 * @param person the response's attributes ({@code orgId}, {@code emails})
	 * @return their identity; missing or malformed members leave it without that fact
	 */
	public static WebexIdentity of(Map<String, ?> person) {
		Object orgId = person.get("orgId");
		Set<String> domains = new TreeSet<>();
		if (person.get("emails") instanceof Collection<?> emails) {
			for (Object email : emails) {
				if (email instanceof String address) {
					String domain = domain(address);
					if (domain != null) {
						domains.add(domain);
					}
				}
			}
		}
		return new WebexIdentity((orgId instanceof String id && StringUtils.hasText(id)) ? id : null, domains);
	}

	/**
	 * The part after the last {@code @}, in lower case, or {@code null} if there is none.
	 */
	static String domain(String address) {
		int at = address.lastIndexOf('@');
		String domain = (at >= 0) ? address.substring(at + 1).trim().toLowerCase(Locale.ROOT) : "";
		return domain.isEmpty() ? null : domain;
	}

	/**
	 * The domains as {@code webex_grant.email_domains} holds them: sorted,
	 * space-separated.
	 */
	public String emailDomainsColumn() {
		return String.join(" ", new TreeSet<>(this.emailDomains));
	}

	/**
	 * The identity stored with a grant.
	 * @return {@code null} if none was recorded (grants stored before it was)
	 */
	public static WebexIdentity fromColumns(String orgId, String emailDomains) {
		if (emailDomains == null) {
			return null;
		}
		Set<String> domains = StringUtils.hasText(emailDomains)
				? new TreeSet<>(Arrays.asList(emailDomains.trim().split("\\s+"))) : Set.of();
		return new WebexIdentity(orgId, domains);
	}

}
