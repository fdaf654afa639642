package com.example.webex.simulator;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ties each Webex call to the counts as they were when it arrived
 * ({@link SimulatorStats}): a call delayed by the simulated latency past a reset of the
 * counts (one test's slow call answered while the next test runs) is answered but not
 * counted.
 */
class CountedSinceReset extends OncePerRequestFilter {

	private final SimulatorStats stats;

	CountedSinceReset(SimulatorStats stats) {
		this.stats = stats;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.stats.countAsOfNow(() -> chain.doFilter(request, response));
	}

}
