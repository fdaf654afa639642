package com.example.webex.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The redirect URIs registered on the simulated Integration, matched exactly: the
 * configured ones ({@code simulator.redirect-uris}) and any a test registers at run time,
 * since an app under test often learns its port only just before it starts.
 */
class RegisteredRedirectUris {

	// replaced as a whole: readers never see a list being changed
	private volatile List<String> uris;

	RegisteredRedirectUris(List<String> configured) {
		this.uris = List.copyOf(configured);
	}

	List<String> list() {
		return this.uris;
	}

	boolean contains(String uri) {
		return this.uris.contains(uri);
	}

	/**
	 * Registers one more redirect URI; registering one twice changes nothing.
	 * @param uri an absolute {@code http} or {@code https} URI without a fragment,
	 * compared character for character from now on
	 * @throws IllegalArgumentException for anything else
	 */
	synchronized void register(String uri) {
		check(uri);
		if (!this.uris.contains(uri)) {
			List<String> changed = new ArrayList<>(this.uris);
			changed.add(uri);
			this.uris = List.copyOf(changed);
		}
	}

	private static void check(String uri) {
		try {
			URI parsed = new URI(String.valueOf(uri));
			boolean web = "http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme());
			if (web && parsed.getHost() != null && parsed.getFragment() == null) {
				return;
			}
		}
		catch (URISyntaxException ex) {
			// answered below
		}
		throw new IllegalArgumentException(
				"A redirect URI must be an absolute http or https URI without a fragment: '" + uri + "'");
	}

}
