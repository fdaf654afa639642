package com.example.webex.client;

import java.util.List;

/**
 * Thrown at start-up when the configuration cannot work; each problem is one sentence.
 */
public class ConfigurationProblemsException extends RuntimeException {

	private final List<String> problems;

	public ConfigurationProblemsException(List<String> problems) {
		super(String.join(" ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> getProblems() {
		return this.problems;
	}

	/**
	 * Stops start-up with these problems, if there are any; the failure analyzer prints
	 * one line each.
	 */
	public static void throwIfAny(List<String> problems) {
		if (!problems.isEmpty()) {
			throw new ConfigurationProblemsException(problems);
		}
	}

}
