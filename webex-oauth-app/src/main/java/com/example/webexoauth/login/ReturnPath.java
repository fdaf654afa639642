package com.example.webexoauth.login;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a user goes after signing in when sign-in interrupted them on one of our pages:
 * the {@code continue} parameter that travels from the page behind login to the landing
 * page, to the start of the sign-in, where it is kept with the pending sign-in.
 * <p>
 * It replaces Spring Security's saved request, which kept a copy of every anonymous
 * request for a page behind login in a new server-side session. A value names one of our
 * own pages exactly, plus a query of URI characters, or it is ignored: no scheme, host,
 * {@code //}, backslash or encoded variant of them can make the redirect leave the app.
 */
final class ReturnPath {

	/** The query parameter carrying it. */
	static final String PARAMETER = "continue";

	/** Our pages that need a signed-in user; everything else returns to {@code /}. */
	static final Set<String> PAGES = Set.of("/spaces", "/profile");

	/**
	 * A query as RFC 3986 allows it, already percent-encoded: no space, backslash or
	 * {@code #}.
	 */
	private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9\\-._~%!$&'()*+,;=:@/?]*");

	/** Longer queries than any of our pages takes are not worth carrying around. */
	static final int MAX_LENGTH = 512;

	private ReturnPath() {
	}

	/**
	 * The page to return to.
	 * @param value a path and query as the browser sent them
	 * ({@code /spaces?type=group}), or {@code null}
	 * @return the same path and query if they name one of our {@link #PAGES}
	 */
	static Optional<String> of(@Nullable String value) {
		if (value == null || value.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		int start = value.indexOf('?');
		String path = (start >= 0) ? value.substring(0, start) : value;
		String query = (start >= 0) ? value.substring(start + 1) : "";
		if (!PAGES.contains(path) || !QUERY.matcher(query).matches()) {
			return Optional.empty();
		}
		return Optional.of(query.isEmpty() ? path : path + "?" + query);
	}

}
