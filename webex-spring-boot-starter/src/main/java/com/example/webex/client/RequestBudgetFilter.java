package com.example.webex.client;

import java.io.IOException;

import com.example.webex.client.WebexProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts the {@link RequestBudget} of each incoming request as it arrives and binds it
 * for the whole filter chain, so that all the request's Webex calls share one deadline
 * and one retry-wait budget.
 */
final class RequestBudgetFilter extends OncePerRequestFilter {

	private final WebexProperties.Http http;

	RequestBudgetFilter(WebexProperties.Http http) {
		this.http = http;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestBudget budget = new RequestBudget(this.http.requestDeadline(), this.http.maxRetryWait());
		try {
			ScopedValue.where(RequestBudget.CURRENT, budget).call(() -> {
				chain.doFilter(request, response);
				return null;
			});
		}
		catch (IOException | ServletException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// the chain throws nothing else
			throw new ServletException(ex);
		}
	}

}
