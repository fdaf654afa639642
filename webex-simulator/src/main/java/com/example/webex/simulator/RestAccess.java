package com.example.webex.simulator;

import java.util.Optional;

import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.TokenAuthority.AccessGrant;

/**
 * What every REST call goes through before it is answered: latency, injected faults, the
 * bearer token and its scope.
 */
class RestAccess {

	private static final String BEARER = "Bearer ";

	private final SimulatorSettings settings;

	private final TokenAuthority authority;

	private final SimulatorStats stats;

	RestAccess(SimulatorSettings settings, TokenAuthority authority, SimulatorStats stats) {
		this.settings = settings;
		this.authority = authority;
		this.stats = stats;
	}

	/**
	 * Admits a REST call or refuses it the way Webex would.
	 * @param authorization the {@code Authorization} header, may be {@code null}
	 * @param requiredScope the scope the endpoint needs
	 * @return the caller's grant
	 * @throws WebexApiException 429 or the injected failure status when it is the Nth
	 * call, 401 for a missing or invalid token, 403 for a missing scope
	 */
	AccessGrant admit(String authorization, String requiredScope) {
		this.settings.applyLatency();
		this.stats.increment(Counter.REST_CALLS);
		long call = this.settings.nextRestCallNumber();
		int rateLimitEveryNth = this.settings.rateLimitEveryNth();
		if (rateLimitEveryNth > 0 && call % rateLimitEveryNth == 0) {
			this.stats.increment(Counter.RATE_LIMITED);
			throw WebexApiException.rateLimited(retryAfterHeader());
		}
		int failEveryNth = this.settings.failEveryNth();
		if (failEveryNth > 0 && call % failEveryNth == 0) {
			this.stats.increment(Counter.INJECTED_FAILURES);
			throw WebexApiException.withStatus(this.settings.failStatus());
		}
		AccessGrant grant = bearerToken(authorization).flatMap(this.authority::verify).orElseThrow(() -> {
			this.stats.increment(Counter.UNAUTHORIZED);
			return WebexApiException.unauthorized();
		});
		if (!Scopes.permits(grant.scopes(), requiredScope)) {
			throw WebexApiException.forbidden(requiredScope);
		}
		return grant;
	}

	private String retryAfterHeader() {
		String verbatim = this.settings.retryAfterHeader();
		if (!verbatim.isEmpty()) {
			return verbatim;
		}
		long millis = this.settings.retryAfter().toMillis();
		return String.valueOf((millis + 999) / 1000);
	}

	private static Optional<String> bearerToken(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Optional.empty();
		}
		return Optional.of(authorization.substring(BEARER.length()).trim());
	}

}
