package com.example.webex.vault.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a token-key problem at start-up in the operator's terms instead of a stack
 * trace.
 */
class TokenKeyFailureAnalyzer extends AbstractFailureAnalyzer<TokenKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TokenKeyException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
