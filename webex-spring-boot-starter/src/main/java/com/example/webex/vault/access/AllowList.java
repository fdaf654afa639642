package com.example.webex.vault.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's decision who may connect ({@link AllowListProperties}), applied to a
 * person at sign-in and to the identity recorded with a stored grant whenever the grant
 * is about to be used, so that narrowing the list takes effect for grants already stored.
 */
public final class AllowList {

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	// What a Webex organization id encodes (base64url, unpadded):
	// ciscospark://us/ORGANIZATION/<uuid>
	private static final Pattern ORGANIZATION_URI = Pattern
		.compile("ciscospark://[^/]+/ORGANIZATION/([0-9a-fA-F-]{36})");

	private final Set<String> emailDomains = new HashSet<>();

	private final Set<String> orgIds = new HashSet<>();

	private final Set<String> orgUuids = new HashSet<>();

	public AllowList(AllowListProperties properties) {
		for (String domain : properties.emailDomains()) {
			this.emailDomains.add(domain.toLowerCase(Locale.ROOT));
		}
		for (String orgId : properties.orgIds()) {
			String lower = orgId.toLowerCase(Locale.ROOT);
			if (UUID.matcher(lower).matches()) {
				this.orgUuids.add(lower);
			}
			else {
				this.orgIds.add(orgId);
			}
		}
	}

	/** Whether anyone may connect (neither list is set). */
	public boolean isOpen() {
		return this.emailDomains.isEmpty() && this.orgIds.isEmpty() && this.orgUuids.isEmpty();
	}

	/** Whether a person with this identity may connect. */
	public boolean admits(WebexIdentity identity) {
		if (isOpen()) {
			return true;
		}
		String orgId = identity.orgId();
		if (orgId != null && (this.orgIds.contains(orgId) || this.orgUuids.contains(organizationUuid(orgId)))) {
			return true;
		}
		return identity.emailDomains().stream().anyMatch(this.emailDomains::contains);
	}

	/**
	 * Whether a stored grant may be used and refreshed.
	 * @param recorded the identity stored with it, {@code null} if none was recorded
	 */
	public boolean admitsStored(WebexIdentity recorded) {
		return isOpen() || (recorded != null && admits(recorded));
	}

	/** The organization UUID a Webex org id encodes, in lower case, or {@code null}. */
	static String organizationUuid(String orgId) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(orgId.replace('+', '-').replace('/', '_')),
					StandardCharsets.UTF_8);
			Matcher matcher = ORGANIZATION_URI.matcher(decoded);
			return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
