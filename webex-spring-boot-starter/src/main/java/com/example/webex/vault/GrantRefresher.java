package com.example.webex.vault;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.SingleFlight.Landing;
import com.example.webex.vault.VaultMetrics.Outcome;
import com.example.webex.vault.VaultMetrics.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
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
 * Refreshes a grant at most once at a time, across threads and across instances sharing the
 * database, without holding a database connection while Webex answers.
 * <p>
 * <b>Single flight.</b> In this JVM, one thread per principal leads a refresh and the others
 * wait for its result ({@link SingleFlight}). Across instances, the leader first takes the
 * grant's <em>refresh lease</em>: a conditional {@code UPDATE} that succeeds only if the row is
 * still the version just read and no other instance holds an unexpired lease on it. Only the
 * lease holder calls the token endpoint, outside any transaction and with no connection
 * checked out. An instance that finds the lease taken re-reads the row, first after 50 ms and
 * then at most every 500 ms, each read a short statement of its own: once the holder has stored
 * new tokens it uses them, and if the lease runs out (the holder crashed) it takes over. It
 * waits at most {@code webex.vault.refresh-lease}, longer than any token call may take, and
 * then answers "Webex is unavailable".
 * <p>
 * <b>Rotation safety.</b> Rotating refresh tokens require that one grant is refreshed by one
 * call at a time, and that the newest refresh token is never lost: the lease serializes the
 * calls, and the new tokens are written by a compare-and-set on the row's {@code version}
 * that also gives the lease back, so no two refreshes can interleave their writes, and a new
 * login that replaced the grant meanwhile wins over tokens obtained with its predecessor.
 * <p>
 * <b>Crash safety.</b> Nothing about the grant is written before Webex's answer, and that answer
 * is written by one statement. If the process dies or the write fails after Webex answered,
 * the previous grant is intact and its lease runs out (or is given back), so the next call
 * refreshes again with the old refresh token. The limit, unchanged from a row lock: an
 * authorization server that invalidates the old refresh token as soon as it issues a new one
 * would refuse that second refresh, and the user would have to reconnect. Webex usually returns
 * the same refresh token (see {@code webex-platform.md} §1), so the old one stays valid.
 * <p>
 * <b>Failures.</b> Only Webex refusing the grant itself marks it
 * {@link GrantStatus#CONSENT_REQUIRED} and throws {@link ReconnectRequiredException} (see
 * {@link RefreshAnswers}). Every other answer or failure leaves the row exactly as it was,
 * gives the lease back, is counted by its kind, and throws
 * {@link TokenEndpointUnavailableException}.
 */
class GrantRefresher {

	private static final Logger logger = LoggerFactory.getLogger(GrantRefresher.class);

	// A waiter whose condition the joined flight did not satisfy (it had a different reason to
	// refresh) tries again, and after this many rounds takes what it got.
	private static final int MAX_JOINS = 3;

	// How often an instance re-reads a grant whose lease another instance holds: a refresh
	// takes a few hundred milliseconds, and one short SELECT and UPDATE per poll cost little.
	private static final Duration FIRST_POLL = Duration.ofMillis(50);

	private static final Duration MAX_POLL = Duration.ofMillis(500);

	private final SingleFlight<String, Result> flights = new SingleFlight<>();

	private final String registrationId;

	private final JdbcGrantStore store;

	private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint;

	private final ClientRegistrationRepository registrations;

	private final VaultMetrics metrics;

	private final Duration lease;

	private final Duration retryAfter;

	private final RetryTemplate leaseWait;

	/**
	 * @param lease how long a refresh keeps other instances out if it never gives its lease
	 * back; longer than a token call can take
	 * @param retryAfter what to tell users to wait when Webex could not be asked
	 */
	GrantRefresher(String registrationId, JdbcGrantStore store,
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint,
			ClientRegistrationRepository registrations, VaultMetrics metrics, Duration lease, Duration retryAfter) {
		this.registrationId = registrationId;
		this.store = store;
		this.tokenEndpoint = tokenEndpoint;
		this.registrations = registrations;
		this.metrics = metrics;
		this.lease = lease;
		this.retryAfter = retryAfter;
		// Waits only while another refresh holds the lease (or won a race for the row), and no
		// longer than that lease can last: then its holder has finished or crashed.
		this.leaseWait = new RetryTemplate(RetryPolicy.builder()
			.predicate(TryAgain.class::isInstance)
			.maxRetries(Long.MAX_VALUE)
			.delay(FIRST_POLL)
			.multiplier(2)
			.maxDelay(MAX_POLL)
			.timeout(lease.plus(MAX_POLL))
			.build());
	}

	/**
	 * Refresh the principal's grant if {@code needed} holds for it as stored.
	 * @param principalName the Webex person id
	 * @param trigger why, for metrics
	 * @param needed whether the grant as stored still needs a refresh
	 * @return the grant as stored afterwards (refreshed, or as another party left it)
	 * @throws ReconnectRequiredException if there is no usable grant or Webex refused it
	 * @throws TokenEndpointUnavailableException if Webex could not be asked, or gave an answer
	 * that is neither tokens nor a refusal
	 */
	Result refresh(String principalName, Trigger trigger, Predicate<Grant> needed) {
		for (int round = 1;; round++) {
			Landing<Result> landing = this.flights.run(principalName, () -> lead(principalName, trigger, needed));
			if (landing.led() || round >= MAX_JOINS || !needed.test(landing.value().grant())) {
				return landing.value();
			}
		}
	}

	/**
	 * Mark the grant {@link GrantStatus#CONSENT_REQUIRED} if it still holds the access token
	 * Webex rejected (a refresh or a new login may have replaced it meanwhile).
	 */
	void markRejected(String principalName, String rejectedAccessToken) {
		this.store.find(this.registrationId, principalName)
			.filter((grant) -> grant.isActive() && grant.accessToken().equals(rejectedAccessToken))
			.ifPresent(this.store::markConsentRequired);
	}

	private Result lead(String principalName, Trigger trigger, Predicate<Grant> needed) {
		Attempt attempt;
		try {
			attempt = this.leaseWait.invoke(() -> attempt(principalName, trigger, needed));
		}
		catch (ReconnectRequiredException ex) {
			throw ex;
		}
		catch (TryAgain ex) {
			logger.warn("Another instance held the refresh lease of a grant for longer than {}; giving up",
					this.lease);
			this.metrics.refresh(trigger, Outcome.LEASE_TIMEOUT);
			throw unavailable(null);
		}
		catch (RuntimeException ex) {
			// The database failed reading, leasing or storing: the grant is as it was, and a
			// lease taken was given back or runs out.
			this.metrics.refresh(trigger, RefreshAnswers.classify(ex));
			throw ex;
		}
		this.metrics.refresh(trigger, attempt.outcome());
		return switch (attempt.outcome()) {
			case REFRESHED, SKIPPED -> new Result(attempt.grant(), attempt.outcome());
			case REJECTED -> throw new ReconnectRequiredException(Reason.CONSENT_REQUIRED);
			default -> throw unavailable(attempt.failure());
		};
	}

	private TokenEndpointUnavailableException unavailable(RuntimeException cause) {
		return new TokenEndpointUnavailableException(
				"The Webex token endpoint is unavailable; the grant was left unchanged", cause, this.retryAfter);
	}

	/**
	 * One try: read the grant, take its lease, ask Webex, store the answer.
	 * @throws TryAgain if another refresh holds the lease or the row changed under this one
	 */
	private Attempt attempt(String principalName, Trigger trigger, Predicate<Grant> needed) {
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
			if (!this.store.markConsentRequired(current)) {
				throw new TryAgain();
			}
			logger.info("A Webex grant has no usable refresh token left; the user must reconnect");
			return new Attempt(Outcome.REJECTED, null, null);
		}
		String owner = UUID.randomUUID().toString();
		if (!this.store.claimRefreshLease(current, owner, this.lease)) {
			throw new TryAgain();
		}
		OAuth2AccessTokenResponse response;
		try {
			response = this.tokenEndpoint.getTokenResponse(grantRequest(current));
		}
		catch (RuntimeException ex) {
			Outcome outcome = RefreshAnswers.classify(ex);
			if (outcome == Outcome.REJECTED) {
				if (!this.store.markConsentRequired(current)) {
					// a new login replaced the refused grant meanwhile
					releaseLease(current, owner);
					throw new TryAgain();
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
			// A new login replaced the grant while Webex answered: it wins, these tokens go.
			releaseLease(current, owner);
			throw new TryAgain();
		}
		logger.debug("Refreshed the grant of {} ({})", principalName, trigger.tag());
		return new Attempt(Outcome.REFRESHED, refreshed, null);
	}

	// Best effort: if the database cannot take it back now, the lease runs out on its own.
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
		// Only the refresh token is sent; the access token's dates just have to satisfy Spring's
		// "expires after issued" check, which a hand-edited or clock-skewed row might not.
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

	// Spring's client already puts the old refresh token and scopes into a response that lacks them.
	private static Grant refreshed(Grant current, OAuth2AccessTokenResponse response, Instant now, boolean byKeeper) {
		OAuth2AccessToken accessToken = response.getAccessToken();
		Instant issuedAt = micros((accessToken.getIssuedAt() != null) ? accessToken.getIssuedAt() : now);
		Instant expiresAt = micros((accessToken.getExpiresAt() != null) ? accessToken.getExpiresAt()
				: issuedAt.plusSeconds(1));
		String refreshToken = (response.getRefreshToken() != null) ? response.getRefreshToken().getTokenValue()
				: current.refreshToken();
		Instant refreshExpiresAt = RefreshTokenExpiry.of(response.getAdditionalParameters(), accessToken.getIssuedAt())
			.map(GrantRefresher::micros)
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
			description.append((description.length() > 0) ? ", " : "").append("HTTP ").append(response.getStatusCode().value());
		}
		else if (cause != null) {
			description.append((description.length() > 0) ? ", " : "").append(cause.getClass().getSimpleName());
		}
		return description.toString();
	}

	private static Instant micros(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * The grant after a refresh flight, and whether that flight refreshed it or found it already
	 * refreshed.
	 */
	record Result(Grant grant, Outcome outcome) {
	}

	private record Attempt(Outcome outcome, Grant grant, RuntimeException failure) {
	}

	/**
	 * Another refresh holds the grant's lease, or changed the row first: read it again. Never
	 * leaves this class.
	 */
	private static final class TryAgain extends RuntimeException {

		TryAgain() {
			super("The grant is being refreshed elsewhere", null, false, false);
		}

	}

}
