package com.example.webex.vault;

import java.time.Duration;
import java.util.function.Predicate;

import com.example.webex.vault.ReconnectRequiredException.Reason;
import com.example.webex.vault.refresh.Outcome;
import com.example.webex.vault.refresh.RefreshAnswers;
import com.example.webex.vault.refresh.SingleFlight;
import com.example.webex.vault.refresh.SingleFlight.Landing;
import com.example.webex.vault.refresh.Trigger;
import com.example.webex.vault.store.Grant;
import com.example.webex.vault.store.GrantStatus;
import com.example.webex.vault.store.JdbcGrantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * Refreshes a grant at most once at a time, across threads and across instances sharing
 * the database, without holding a database connection while Webex answers.
 * <p>
 * <b>Single flight.</b> In this JVM, one thread per principal leads a refresh and the
 * others wait for its result ({@link SingleFlight}). Across instances, the leader first
 * takes the grant's <em>refresh lease</em>: a conditional {@code UPDATE} that succeeds
 * only if the row is still the version just read and no other instance holds an unexpired
 * lease on it. Only the lease holder calls the token endpoint, outside any transaction
 * and with no connection checked out. An instance that finds the lease taken re-reads the
 * row, first after 50 ms and then at most every 500 ms, each read a short statement of
 * its own: once the holder has stored new tokens it uses them, and if the lease runs out
 * (the holder crashed) it takes over. It waits at most {@code webex.vault.refresh-lease},
 * longer than any token call may take, and then answers "Webex is unavailable".
 * <p>
 * What one refresh does, and what it makes of Webex's answer, is {@link RefreshRules}.
 */
class GrantRefresher {

	private static final Logger logger = LoggerFactory.getLogger(GrantRefresher.class);

	// A waiter whose condition the joined flight did not satisfy (it had a different
	// reason to refresh) tries again, and after this many rounds takes what it got.
	private static final int MAX_JOINS = 3;

	// How often an instance re-reads a grant whose lease another instance holds: a
	// refresh takes a few hundred milliseconds, and one short SELECT and UPDATE per poll
	// cost little.
	private static final Duration FIRST_POLL = Duration.ofMillis(50);

	private static final Duration MAX_POLL = Duration.ofMillis(500);

	private final SingleFlight<String, Result> flights = new SingleFlight<>();

	private final RefreshRules rules;

	private final VaultMetrics metrics;

	private final Duration lease;

	private final Duration retryAfter;

	private final RetryTemplate leaseWait;

	/**
	 * @param lease how long a refresh keeps other instances out if it never gives its
	 * lease back; longer than a token call can take
	 * @param retryAfter what to tell users to wait when Webex could not be asked
	 */
	GrantRefresher(String registrationId, JdbcGrantStore store,
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint,
			ClientRegistrationRepository registrations, VaultMetrics metrics, Duration lease, Duration retryAfter,
			ApplicationEventPublisher events) {
		this.rules = new RefreshRules(registrationId, store, tokenEndpoint, registrations, lease, events);
		this.metrics = metrics;
		this.lease = lease;
		this.retryAfter = retryAfter;
		// Waits only while another refresh holds the lease (or won a race for the row),
		// and no longer than that lease can last: then its holder has finished or
		// crashed.
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
	 * @throws TokenEndpointUnavailableException if Webex could not be asked, or gave an
	 * answer that is neither tokens nor a refusal
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
	 * Mark the grant {@link GrantStatus#CONSENT_REQUIRED} if it still holds the access
	 * token Webex rejected (a refresh or a new login may have replaced it meanwhile).
	 */
	void markRejected(String principalName, String rejectedAccessToken) {
		this.rules.markRejected(principalName, rejectedAccessToken);
	}

	private Result lead(String principalName, Trigger trigger, Predicate<Grant> needed) {
		RefreshRules.Attempt attempt;
		try {
			attempt = this.leaseWait.invoke(() -> this.rules.attempt(principalName, trigger, needed));
		}
		catch (ReconnectRequiredException ex) {
			throw ex;
		}
		catch (TryAgain ex) {
			logger.warn("Another instance held the refresh lease of a grant for longer than {}; giving up", this.lease);
			this.metrics.refresh(trigger, Outcome.LEASE_TIMEOUT);
			throw unavailable(null);
		}
		catch (RuntimeException ex) {
			// The database failed reading, leasing or storing: the grant is as it was,
			// and a lease taken was given back or runs out.
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
	 * The grant after a refresh flight, and whether that flight refreshed it or found it
	 * already refreshed.
	 */
	record Result(Grant grant, Outcome outcome) {
	}

	/**
	 * Another refresh holds the grant's lease, or changed the row first: read it again.
	 * Never leaves this class.
	 */
	static final class TryAgain extends RuntimeException {

		TryAgain() {
			super("The grant is being refreshed elsewhere", null, false, false);
		}

	}

}
