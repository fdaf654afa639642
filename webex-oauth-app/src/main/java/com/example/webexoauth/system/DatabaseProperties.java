package com.example.webexoauth.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.webex.client.ConfigurationProblemsException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the database may keep a request waiting, applied to every pooled connection
 * (H2: {@code LOCK_TIMEOUT} and {@code QUERY_TIMEOUT}; PostgreSQL: {@code lock_timeout}
 * and {@code statement_timeout}). Nothing in the app holds a lock or a connection across
 * a call to Webex, and every statement is a lookup or a small batch taking milliseconds,
 * so a wait this long means the database is in trouble: better to fail that request than
 * to pin a pooled connection behind it.
 *
 * @param lockTimeout the longest a statement waits for a row or table lock held by
 * another transaction
 * @param statementTimeout the longest a statement may run (long enough for this schema's
 * migrations and Spring Session's cleanup of expired sessions)
 */
@ConfigurationProperties("webex.database")
record DatabaseProperties(@DefaultValue("5s") Duration lockTimeout, @DefaultValue("15s") Duration statementTimeout) {

	DatabaseProperties {
		List<String> problems = new ArrayList<>();
		if (lockTimeout.toMillis() < 1) {
			problems.add("webex.database.lock-timeout must be at least 1 ms.");
		}
		if (statementTimeout.toMillis() < 1) {
			problems.add("webex.database.statement-timeout must be at least 1 ms.");
		}
		ConfigurationProblemsException.throwIfAny(problems);
	}

}
