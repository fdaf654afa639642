package com.example.webex.vault.refresh;

import java.util.Locale;

/** What started a refresh. */
public enum Trigger {

	/** The access token was about to expire when someone asked for it. */
	PROACTIVE,

	/** Webex answered 401 to the stored access token. */
	UNAUTHORIZED,

	/** The keeper kept an unused grant alive. */
	KEEPER;

	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
