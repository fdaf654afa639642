package com.example.webex.vault;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.refresh.Outcome;
import com.example.webex.vault.refresh.RefreshAnswers;
import com.example.webex.vault.refresh.Trigger;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.GrantStatus;
import com.example.webex.vault.store.JdbcGrantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.log.LogFormatUtils;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.RestClientResponseException;

/**
 * One refresh of one grant, by the rules: read it, take its refresh lease, ask Webex,
 * store the answer. {@link GrantRefresher} makes sure only one runs per grant at a time.
 * <p>
 * <b>Rotation safety.</b> Rotating refresh tokens require that one grant is refreshed by
 * one call at a time, and that the newest refresh token is never lost: the lease
 * serializes the calls, and the new tokens are written by a compare-and-set on the row's
 * {@code version} that also gives the lease back, so no two refreshes can interleave
 * their writes, and a new login that replaced the grant meanwhile wins over tokens
 * obtained with its predecessor.
 * <p>
 * <b>Crash safety.</b> Nothing about the grant is written before Webex's answer, and that
 * answer is written by one statement. If the process dies or the write fails after Webex
 * answered, the previous grant is intact and its lease runs out (or is given back), so
 * the next call refreshes again with the old refresh token. The limit, unchanged from a
 * row lock: an authorization server that invalidates the old refresh token as soon as it
 * issues a new one would refuse that second refresh, and the user would have to
 * reconnect. Webex usually returns the same refresh token (see {@code webex-platform.md}
 * §1), so the old one stays valid.
 * <p>
 * <b>Failures.</b> Only Webex refusing the grant itself marks it
 * {@link GrantStatus#CONSENT_REQUIRED} and throws {@link ReconnectRequiredException} (see
 * {@link RefreshAnswers}). Every other answer or failure leaves the row exactly as it
 * was, gives the lease back, and comes back as its kind of {@link Outcome}, which
 * {@link GrantRefresher} counts and turns into {@link TokenEndpointUnavailableException}.
 */
final class RefreshRules {

	private static final Logger logger = LoggerFactory.getLogger(RefreshRules.class);

	private final String registrationId;

	private final JdbcGrantStore store;

	private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint;

	private final ClientRegistrationRepository registrations;

	private final Duration lease;

	private final ApplicationEventPublisher events;

	RefreshRules(String registrationId, JdbcGrantStore store,
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint,
			ClientRegistrationRepository registrations, Duration lease, ApplicationEventPublisher events) {
		this.registrationId = registrationId;
		this.store = store;
		this.tokenEndpoint = tokenEndpoint;
		this.registrations = registrations;
		this.lease = lease;
		this.events = events;
	}

	/**
	 * Mark the grant {@link GrantStatus#CONSENT_REQUIRED} if it still holds the access
	 * token Webex rejected (a refresh or a new login may have replaced it meanwhile).
	 */
	void markRejected(String principalName, String rejectedAccessToken) {
		this.store.find(this.registrationId, principalName)
			.filter((grant) -> grant.isActive() && grant.accessToken().equals(rejectedAccessToken))
			.ifPresent(this::markConsentRequired);
	}

	/**
	 * One try: read the grant, take its lease, ask Webex, store the answer.
	 * @throws TryAgain if another refresh holds the lease or the row changed under this
	 * one
	 */
	Attempt attempt(String principalName, Trigger trigger, Predicate<Grant> needed) {
		Grant current = this.store.find(this.registrationId, principalName)
			.orElseThrow(() -> new ReconnectRequiredException(Reason.NO_GRANT));
		if (!current.isActive()) {
			throw new ReconnectRequiredException(Reason.CONSENT_REQUIRED);
		}
		if (!needed.test(current)) {
			logger.debug("Grant of {} was refreshed meanwhile; using it", principalName);
			return new Attempt(Outcome.SKIPPED, current, null);
		}
		Instant now = this.store.now();
		if (current.refreshToken() == null
				|| (current.refreshTokenExpiresAt() != null && !current.refreshTokenExpiresAt().isAfter(now))) {
			if (!markConsentRequired(current)) {
				throw new GrantRefresher.TryAgain();
			}
			logger.info("A Webex grant has no usable refresh token left; the user must reconnect");
			return new Attempt(Outcome.REJECTED, null, null);
		}
		String owner = UUID.randomUUID().toString();
		if (!this.store.claimRefreshLease(current, owner, this.lease)) {
			throw new GrantRefresher.TryAgain();
		}
		OAuth2AccessTokenResponse response;
		try {
			response = this.tokenEndpoint.getTokenResponse(grantRequest(current));
		}
		catch (RuntimeException ex) {
			Outcome outcome = RefreshAnswers.classify(ex);
			if (outcome == Outcome.REJECTED) {
				if (!markConsentRequired(current)) {
					// a new login replaced the refused grant meanwhile
					releaseLease(current, owner);
					throw new GrantRefresher.TryAgain();
				}
				logger.info("Webex refused to refresh a grant ({}); the user must reconnect", describe(ex));
				logger.debug("Refused grant belongs to {}", principalName);
				return new Attempt(Outcome.REJECTED, null, null);
			}
			releaseLease(current, owner);
			logger.warn("Could not refresh a Webex grant ({}: {}), leaving it unchanged", outcome.tag(), describe(ex));
			return new Attempt(outcome, null, ex);
		}
		Grant refreshed = refreshed(current, response, now, trigger == Trigger.KEEPER);
		boolean saved;
		try {
			saved = this.store.saveRefreshed(current, refreshed);
		}
		catch (RuntimeException ex) {
			releaseLease(current, owner);
			throw ex;
		}
		if (!saved) {
			// A new login replaced the grant while Webex answered: it wins, these tokens
			// go.
			releaseLease(current, owner);
			throw new GrantRefresher.TryAgain();
		}
		logger.debug("Refreshed the grant of {} ({})", principalName, trigger.tag());
		return new Attempt(Outcome.REFRESHED, refreshed, null);
	}

	// Whoever marks the grant (this instance or another) tells the application, once.
	private boolean markConsentRequired(Grant read) {
		boolean marked = this.store.markConsentRequired(read);
		if (marked) {
			this.events.publishEvent(new ConsentRequired(read.principalName()));
		}
		return marked;
	}

	// Best effort: if the database cannot take it back now, the lease runs out on its
	// own.
	private void releaseLease(Grant grant, String owner) {
		try {
			this.store.releaseRefreshLease(grant, owner);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not give a refresh lease back ({}); it runs out within {}",
					ex.getClass().getSimpleName(), this.lease);
		}
	}

	private OAuth2RefreshTokenGrantRequest grantRequest(Grant grant) {
		ClientRegistration registration = this.registrations.findByRegistrationId(this.registrationId);
		if (registration == null) {
			throw new IllegalStateException("No client registration '" + this.registrationId + "'");
		}
		// Only the refresh token is sent; the access token's dates just have to satisfy
		// Spring's "expires after issued" check, which a hand-edited or clock-skewed row
		// might not.
		Instant issuedAt = grant.accessTokenIssuedAt();
		Instant expiresAt = grant.accessTokenExpiresAt();
		if (issuedAt != null && expiresAt != null && !expiresAt.isAfter(issuedAt)) {
			issuedAt = null;
		}
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, grant.accessToken(),
				issuedAt, expiresAt, grant.scopes());
		return new OAuth2RefreshTokenGrantRequest(registration, accessToken,
				new OAuth2RefreshToken(grant.refreshToken(), null));
	}

	// Spring's client already puts the old refresh token and scopes into a response that
	// lacks them.
	private static Grant refreshed(Grant current, OAuth2AccessTokenResponse response, Instant now, boolean byKeeper) {
		OAuth2AccessToken accessToken = response.getAccessToken();
		Instant issuedAt = micros((accessToken.getIssuedAt() != null) ? accessToken.getIssuedAt() : now);
		Instant expiresAt = micros(
				(accessToken.getExpiresAt() != null) ? accessToken.getExpiresAt() : issuedAt.plusSeconds(1));
		String refreshToken = (response.getRefreshToken() != null) ? response.getRefreshToken().getTokenValue()
				: current.refreshToken();
		Instant refreshExpiresAt = RefreshTokenExpiry.of(response.getAdditionalParameters(), accessToken.getIssuedAt())
			.map(RefreshRules::micros)
			.orElse(current.refreshTokenExpiresAt());
		Set<String> scopes = accessToken.getScopes().isEmpty() ? current.scopes() : accessToken.getScopes();
		return new Grant(current.registrationId(), current.principalName(), accessToken.getTokenValue(), issuedAt,
				expiresAt, refreshToken, refreshExpiresAt, scopes, GrantStatus.ACTIVE, current.createdAt(), now,
				byKeeper ? now : current.keptAt(), current.version() + 1);
	}

	// The error code and the HTTP status or transport failure; never the response body.
	private static String describe(RuntimeException ex) {
		StringBuilder description = new StringBuilder();
		if (ex instanceof OAuth2AuthorizationException oauth) {
			// Webex's words: escaped, so CR/LF in them cannot forge log lines
			description.append(LogFormatUtils.formatValue(oauth.getError().getErrorCode(), 100, true));
		}
		Throwable cause = (ex instanceof OAuth2AuthorizationException) ? ex.getCause() : ex;
		if (cause instanceof RestClientResponseException response) {
			description.append((description.length() > 0) ? ", " : "")
				.append("HTTP ")
				.append(response.getStatusCode().value());
		}
		else if (cause != null) {
			description.append((description.length() > 0) ? ", " : "").append(cause.getClass().getSimpleName());
		}
		return description.toString();
	}

	private static Instant micros(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	record Attempt(Outcome outcome, Grant grant, RuntimeException failure) {
	}

}
