package com.example.webex.simulator;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes the simulated Integration may request, their consent-page wording, and their
 * compact form inside tokens.
 */
final class Scopes {

	static final String PEOPLE_READ = "spark:people_read";

	static final String ROOMS_READ = "spark:rooms_read";

	static final String ALL = "spark:all";

	private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

	static {
		DESCRIPTIONS.put(PEOPLE_READ, "Read your company directory");
		DESCRIPTIONS.put(ROOMS_READ, "List the titles of rooms that you're in");
		DESCRIPTIONS.put("spark:kms", "Permission to interact with encrypted content");
		DESCRIPTIONS.put(ALL, "Full access to your Webex account");
		DESCRIPTIONS.put("openid", "Sign you in with your Webex identity");
		DESCRIPTIONS.put("email", "See your email address");
		DESCRIPTIONS.put("profile", "See your name and profile picture");
	}

	private static final List<String> KNOWN = List.copyOf(DESCRIPTIONS.keySet());

	private Scopes() {
	}

	/**
	 * Splits a space-separated {@code scope} parameter.
	 * @param scope the parameter, may be {@code null}
	 * @return the scopes in request order, empty when none
	 */
	static Set<String> parse(String scope) {
		if (scope == null || scope.isBlank()) {
			return Set.of();
		}
		return new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
	}

	static boolean allKnown(Collection<String> scopes) {
		return KNOWN.containsAll(scopes);
	}

	static String describe(String scope) {
		return DESCRIPTIONS.get(scope);
	}

	/**
	 * Whether a grant lets its holder use an API that needs {@code required}.
	 * @param granted the grant's scopes
	 * @param required the API's scope
	 * @return {@code true} if granted directly or through {@code spark:all}
	 */
	static boolean permits(Set<String> granted, String required) {
		return granted.contains(required) || granted.contains(ALL);
	}

	static int toBits(Collection<String> scopes) {
		int bits = 0;
		for (String scope : scopes) {
			int index = KNOWN.indexOf(scope);
			if (index < 0) {
				throw new IllegalArgumentException("Unknown scope");
			}
			bits |= 1 << index;
		}
		return bits;
	}

	static Set<String> fromBits(int bits) {
		Set<String> scopes = new LinkedHashSet<>();
		for (int i = 0; i < KNOWN.size(); i++) {
			if ((bits & (1 << i)) != 0) {
				scopes.add(KNOWN.get(i));
			}
		}
		return scopes;
	}

}
