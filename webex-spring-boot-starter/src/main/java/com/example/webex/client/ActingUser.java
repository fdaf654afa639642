package com.example.webex.client;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whose grant a Webex call uses, and whose rate limit it counts against: the user that
 * work runs for ({@link #callAs}, e.g. through the vault's {@code TokenVault.callAs}),
 * else the signed-in user of the current request.
 */
public final class ActingUser {

	private static final ScopedValue<String> PRINCIPAL = ScopedValue.newInstance();

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private ActingUser() {
	}

	/**
	 * Runs {@code work} as the given user.
	 * @param principalName a Webex person id
	 * @param work the calls to make
	 * @return what {@code work} returns
	 */
	public static <T> T callAs(String principalName, Supplier<T> work) {
		return ScopedValue.where(PRINCIPAL, principalName).call(work::get);
	}

	/** The Webex person id, if there is such a user. */
	public static Optional<String> current() {
		if (PRINCIPAL.isBound()) {
			return Optional.of(PRINCIPAL.get());
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return trustResolver.isAuthenticated(authentication) ? Optional.of(authentication.getName()) : Optional.empty();
	}

}
