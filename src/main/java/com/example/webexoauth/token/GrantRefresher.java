package com.example.webexoauth.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

import com.example.webexoauth.token.ReconnectRequiredException.Reason;
import com.example.webexoauth.token.VaultMetrics.Outcome;
import com.example.webexoauth.token.VaultMetrics.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogFormatUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.client.RestClientResponseException;

/**
 * Refreshes a grant at most once at a time, across threads and across instances sharing the
 * database.
 * <p>
 * <b>Single flight.</b> In this JVM, one thread per principal leads a refresh and the others wait
 * for its result instead of starting their own. Across instances, the leader locks the grant's
 * row ({@code SELECT ... FOR UPDATE}) in a transaction, re-reads it and refreshes only if the
 * caller's condition still holds (another instance may have refreshed while this one waited for
 * the lock). The call to the token endpoint happens while the row is locked: that serializes
 * refreshes of one grant, which rotating refresh tokens require, at the price of making other
 * instances wait for one HTTP call, bounded by the read timeout of {@code webex.http}. Other
 * grants are not affected.
 * <p>
 * <b>Crash safety.</b> The new tokens are written by an {@code UPDATE} in the same transaction
 * that holds the lock, and nothing else is written before it commits. If the process dies or the
 * write fails after Webex answered, the transaction rolls back and the previous grant stays as it
 * was, so the next call simply refreshes again with the old refresh token. The limit: an
 * authorization server that invalidates the old refresh token as soon as it issues a new one
 * would reject that second refresh, and the user would have to reconnect. Webex usually returns
 * the same refresh token (see {@code webex-platform.md} §1), so the old one stays valid.
 * <p>
 * <b>Failures.</b> A 4xx from the token endpoint means Webex refused the grant (an expired
 * refresh token comes back as {@code invalid_request}): the grant is marked
 * {@link GrantStatus#CONSENT_REQUIRED} in the same transaction and
 * {@link ReconnectRequiredException} is thrown. Server errors, timeouts, rate limiting (429) and
 * a refused client ({@code invalid_client}, 401: the app's own credentials, which reconnecting
 * would not fix) leave the grant unchanged and throw {@link TokenEndpointUnavailableException}.
 */
class GrantRefresher {

	private static final Logger logger = LoggerFactory.getLogger(GrantRefresher.class);

	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	// A waiter whose condition the joined flight did not satisfy (it had a different reason to
	// refresh) tries again, and after this many rounds takes what it got.
	private static final int MAX_JOINS = 3;

	private final ConcurrentMap<String, CompletableFuture<Result>> inFlight = new ConcurrentHashMap<>();

	private final String registrationId;

	private final JdbcGrantStore store;

	private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint;

	private final ClientRegistrationRepository registrations;

	private final TransactionOperations transactions;

	private final VaultMetrics metrics;

	GrantRefresher(String registrationId, JdbcGrantStore store,
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint,
			ClientRegistrationRepository registrations, TransactionOperations transactions, VaultMetrics metrics) {
		this.registrationId = registrationId;
		this.store = store;
		this.tokenEndpoint = tokenEndpoint;
		this.registrations = registrations;
		this.transactions = transactions;
		this.metrics = metrics;
	}

	/**
	 * Refresh the principal's grant if {@code needed} holds for it under the row lock.
	 * @param principalName the Webex person id
	 * @param trigger why, for metrics
	 * @param needed whether the grant as stored still needs a refresh
	 * @return the grant as stored afterwards (refreshed, or as another party left it)
	 * @throws ReconnectRequiredException if there is no usable grant or Webex refused it
	 * @throws TokenEndpointUnavailableException if Webex could not be asked
	 */
	Result refresh(String principalName, Trigger trigger, Predicate<Grant> needed) {
		for (int round = 1;; round++) {
			CompletableFuture<Result> flight = new CompletableFuture<>();
			CompletableFuture<Result> running = this.inFlight.putIfAbsent(principalName, flight);
			if (running == null) {
				return lead(principalName, trigger, needed, flight);
			}
			Result result = await(running);
			if (round >= MAX_JOINS || !needed.test(result.grant())) {
				return result;
			}
		}
	}

	/**
	 * Mark the grant {@link GrantStatus#CONSENT_REQUIRED} if it still holds the access token
	 * Webex rejected (a new login may have replaced it meanwhile).
	 */
	void markRejected(String principalName, String rejectedAccessToken) {
		this.transactions.executeWithoutResult((status) -> this.store.findForUpdate(this.registrationId, principalName)
			.filter((grant) -> grant.accessToken().equals(rejectedAccessToken))
			.ifPresent((grant) -> this.store.markConsentRequired(this.registrationId, principalName)));
	}

	private Result lead(String principalName, Trigger trigger, Predicate<Grant> needed,
			CompletableFuture<Result> flight) {
		try {
			Result result = refreshLocked(principalName, trigger, needed);
			flight.complete(result);
			return result;
		}
		catch (RuntimeException ex) {
			flight.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(principalName, flight);
		}
	}

	private static Result await(CompletableFuture<Result> flight) {
		try {
			return flight.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private Result refreshLocked(String principalName, Trigger trigger, Predicate<Grant> needed) {
		Attempt attempt;
		try {
			attempt = this.transactions.execute((status) -> attempt(principalName, trigger, needed));
		}
		catch (ReconnectRequiredException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Rolled back (a database failure, possibly after Webex answered): the grant is intact.
			this.metrics.refresh(trigger, Outcome.FAILED);
			throw ex;
		}
		this.metrics.refresh(trigger, attempt.outcome());
		return switch (attempt.outcome()) {
			case REFRESHED, SKIPPED -> new Result(attempt.grant(), attempt.outcome());
			case REJECTED -> throw new ReconnectRequiredException(Reason.CONSENT_REQUIRED);
			case FAILED -> throw new TokenEndpointUnavailableException(
					"The Webex token endpoint is unavailable; the grant was left unchanged", attempt.failure());
		};
	}

	// Runs inside the transaction that holds the row lock.
	private Attempt attempt(String principalName, Trigger trigger, Predicate<Grant> needed) {
		Grant current = this.store.findForUpdate(this.registrationId, principalName)
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
			logger.info("A Webex grant has no usable refresh token left; the user must reconnect");
			this.store.markConsentRequired(this.registrationId, principalName);
			return new Attempt(Outcome.REJECTED, null, null);
		}
		OAuth2AccessTokenResponse response;
		try {
			response = this.tokenEndpoint.getTokenResponse(grantRequest(current));
		}
		catch (RuntimeException ex) {
			if (isRefusal(ex)) {
				logger.info("Webex refused to refresh a grant ({}); the user must reconnect", describe(ex));
				logger.debug("Refused grant belongs to {}", principalName);
				this.store.markConsentRequired(this.registrationId, principalName);
				return new Attempt(Outcome.REJECTED, null, null);
			}
			logger.warn("Could not refresh a Webex grant, leaving it unchanged: {}", describe(ex));
			return new Attempt(Outcome.FAILED, null, ex);
		}
		Grant refreshed = refreshed(current, response, now, trigger == Trigger.KEEPER);
		this.store.update(current, refreshed);
		logger.debug("Refreshed the grant of {} ({})", principalName, trigger.tag());
		return new Attempt(Outcome.REFRESHED, refreshed, null);
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
		Instant refreshExpiresAt = RefreshTokenExpiries.expiresAt(response)
			.map(GrantRefresher::micros)
			.orElse(current.refreshTokenExpiresAt());
		Set<String> scopes = accessToken.getScopes().isEmpty() ? current.scopes() : accessToken.getScopes();
		return new Grant(current.registrationId(), current.principalName(), accessToken.getTokenValue(), issuedAt,
				expiresAt, refreshToken, refreshExpiresAt, scopes, GrantStatus.ACTIVE, current.createdAt(), now,
				byKeeper ? now : current.keptAt(), current.version() + 1);
	}

	/**
	 * Whether the token endpoint refused the grant itself (so reconnecting is the fix), as
	 * opposed to being unreachable, overloaded, or refusing the app's client credentials.
	 */
	static boolean isRefusal(RuntimeException ex) {
		if (ex instanceof OAuth2AuthorizationException oauth
				&& OAuth2ErrorCodes.INVALID_CLIENT.equals(oauth.getError().getErrorCode())) {
			return false;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException response) {
				int status = response.getStatusCode().value();
				return response.getStatusCode().is4xxClientError() && status != HttpStatus.UNAUTHORIZED.value()
						&& status != HttpStatus.REQUEST_TIMEOUT.value()
						&& status != HttpStatus.TOO_MANY_REQUESTS.value();
			}
		}
		// Spring reads a 400 into an OAuth2AuthorizationException without an HTTP cause; transport
		// and parse failures arrive as "invalid_token_response".
		return ex instanceof OAuth2AuthorizationException oauth
				&& !INVALID_TOKEN_RESPONSE.equals(oauth.getError().getErrorCode());
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

}
