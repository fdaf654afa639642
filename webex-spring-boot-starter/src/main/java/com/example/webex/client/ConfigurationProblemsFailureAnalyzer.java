package com.example.webex.client;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints configuration problems as a list instead of a stack trace.
 */
class ConfigurationProblemsFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationProblemsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationProblemsException cause) {
		String description = cause.getProblems()
			.stream()
			.map((problem) -> "  - " + problem)
			.collect(Collectors.joining(System.lineSeparator(),
					"The configuration has " + cause.getProblems().size() + " problem(s):" + System.lineSeparator(),
					""));
		return new FailureAnalysis(description,
				"Fix the settings above (environment variables are listed in the README) and start again.", cause);
	}

}
