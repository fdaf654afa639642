package com.example.webex.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.webex.client.ActingUser;
import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.access.AllowList;
import com.example.webex.vault.crypto.GrantDecryptionException;
import com.example.webex.vault.refresh.TokenRevoker;
import com.example.webex.vault.refresh.Trigger;
import com.example.webex.vault.store.CurrentAccessToken;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.GrantSummary;
import com.example.webex.vault.store.JdbcGrantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The rest of the app's only way to the user's Webex tokens: hands out current access
 * tokens, refreshing them when needed, and forgets grants on "Disconnect".
 */
public class TokenVault {

	private static final Logger logger = LoggerFactory.getLogger(TokenVault.class);

	private final String registrationId;

	private final JdbcGrantStore store;

	private final GrantRefresher refresher;

	private final TokenRevoker revoker;

	private final ClientRegistrationRepository registrations;

	private final Duration refreshSkew;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final AllowList allowList;

	TokenVault(String registrationId, JdbcGrantStore store, GrantRefresher refresher, TokenRevoker revoker,
			ClientRegistrationRepository registrations, Duration refreshSkew, Clock clock,
			ApplicationEventPublisher events, AllowList allowList) {
		this.registrationId = registrationId;
		this.store = store;
		this.refresher = refresher;
		this.revoker = revoker;
		this.registrations = registrations;
		this.refreshSkew = refreshSkew;
		this.clock = clock;
		this.events = events;
		this.allowList = allowList;
	}

	/**
	 * The user's access token, refreshed first if it expires within
	 * {@code webex.vault.refresh-skew}.
	 * @param principalName the Webex person id ({@code Authentication.getName()})
	 * @return a current access token
	 * @throws ReconnectRequiredException if there is no usable grant (none from the
	 * configured Webex, or one that needs consent)
	 * @throws UserNotAllowedException if the allow-list no longer admits the user
	 * @throws TokenEndpointUnavailableException if a needed refresh could not reach Webex
	 */
	public String accessToken(String principalName) {
		CurrentAccessToken current = usableAccessToken(principalName);
		Instant now = this.clock.instant();
		// Without a refresh token, a token about to expire is still better than none.
		if (current.expiresWithin(this.refreshSkew, now)
				&& (current.refreshable() || current.expiresWithin(Duration.ZERO, now))) {
			return this.refresher.refresh(principalName, Trigger.PROACTIVE, this::needsRefresh).grant().accessToken();
		}
		return current.value();
	}

	/**
	 * A new access token after Webex answered 401 to {@code rejectedAccessToken}. If the
	 * stored token already differs (another request or instance refreshed), that one is
	 * returned without asking Webex.
	 * @throws ReconnectRequiredException if there is no usable grant or Webex refused it
	 * @throws UserNotAllowedException if the allow-list no longer admits the user
	 * @throws TokenEndpointUnavailableException if the refresh could not reach Webex
	 */
	public String refreshAfterUnauthorized(String principalName, String rejectedAccessToken) {
		CurrentAccessToken current = usableAccessToken(principalName);
		if (!current.value().equals(rejectedAccessToken)) {
			return current.value();
		}
		return this.refresher
			.refresh(principalName, Trigger.UNAUTHORIZED, (grant) -> grant.accessToken().equals(rejectedAccessToken))
			.grant()
			.accessToken();
	}

	/**
	 * The users background work may act for: those with a usable grant from the
	 * configured Webex whom the allow-list admits, by Webex person id.
	 */
	public List<String> connectedUsers() {
		return this.store.connectedPrincipals(this.registrationId);
	}

	/**
	 * Runs {@code work} as the given user: every
	 * {@link com.example.webex.client.WebexClient} call inside it uses that user's grant
	 * (refreshed as needed), as a page request uses the signed-in user's. For background
	 * jobs, e.g. "for each connected user, list their spaces".
	 * @param principalName a Webex person id, e.g. from {@link #connectedUsers()}
	 * @param work the calls to make
	 * @return what {@code work} returns
	 * @throws ReconnectRequiredException (from inside {@code work}) if the user's grant
	 * is unusable; other users are unaffected
	 */
	public <T> T callAs(String principalName, Supplier<T> work) {
		return ActingUser.callAs(principalName, work);
	}

	/** Lifetimes and state of the user's grant for the profile page; no token values. */
	public Optional<GrantSummary> summary(String principalName) {
		return this.store.summary(this.registrationId, principalName);
	}

	/**
	 * Delete the user's grant and, if {@code webex.revoke-url} is set, ask Webex to
	 * revoke it; then publish {@link GrantDisconnected}.
	 */
	public void disconnect(String principalName) {
		Optional<Grant> grant;
		try {
			grant = this.store.find(this.registrationId, principalName);
		}
		catch (GrantDecryptionException ex) {
			// Unreadable tokens cannot be revoked, but the user can still be
			// disconnected.
			grant = Optional.empty();
		}
		this.store.remove(this.registrationId, principalName);
		logger.debug("Disconnected {}", principalName);
		grant.ifPresent(
				(value) -> this.revoker.revoke(this.registrations.findByRegistrationId(this.registrationId), value));
		this.events.publishEvent(new GrantDisconnected(principalName));
	}

	/** Webex rejected even a freshly refreshed token: the grant is unusable. */
	void markRejected(String principalName, String rejectedAccessToken) {
		this.refresher.markRejected(principalName, rejectedAccessToken);
	}

	// Checked before any refresh: a grant the allow-list refuses is neither sent nor
	// refreshed.
	private CurrentAccessToken usableAccessToken(String principalName) {
		CurrentAccessToken current = this.store.findAccessToken(this.registrationId, principalName)
			.orElseThrow(() -> new ReconnectRequiredException(Reason.NO_GRANT));
		if (!this.allowList.admitsStored(current.identity())) {
			// With a list, a grant stored before identities were recorded is checked by
			// connecting again: the sign-in records one.
			throw (current.identity() != null) ? new UserNotAllowedException()
					: new ReconnectRequiredException(Reason.IDENTITY_UNKNOWN);
		}
		if (!current.isActive()) {
			throw new ReconnectRequiredException(Reason.CONSENT_REQUIRED);
		}
		return current;
	}

	private boolean needsRefresh(Grant grant) {
		return grant.accessTokenExpiresWithin(this.refreshSkew, this.clock.instant());
	}

}
