package com.example.webexoauth.vault;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.example.webex.vault.TestDatabase;
import com.example.webexoauth.RunningApp;

/**
 * Two app instances as behind a load balancer, each with its own JVM state but one
 * PostgreSQL for sessions and grants and one configured token key: <pre class="code">
 * static final Map&lt;String, Object&gt; shared = TwoInstances.sharedSettings();
 *
 * &#64;RegisterExtension
 * static final RunningApp first = RunningApp.perClass(2, shared);
 *
 * &#64;RegisterExtension
 * static final RunningApp second = RunningApp.perClass(3, shared);
 * </pre>
 */
final class TwoInstances {

	private TwoInstances() {
	}

	/**
	 * What both instances share: a freshly emptied PostgreSQL database and one new token
	 * key; the keeper stays off, so that only the tests refresh.
	 */
	static Map<String, Object> sharedSettings() {
		TestDatabase database = TestDatabase.POSTGRES.fresh();
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Map<String, Object> shared = new HashMap<>();
		shared.put("spring.datasource.url", database.jdbcUrl());
		shared.put("spring.datasource.username", database.username());
		shared.put("spring.datasource.password", "");
		shared.put("webex.vault.keys", Base64.getEncoder().encodeToString(key));
		shared.put("webex.vault.keeper.enabled", false);
		return shared;
	}

}
