package com.example.webexoauth.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.StringUtils;

/**
 * Demo mode is asked for, never fallen into: the start-up checks on {@code WEBEX_DEMO}
 * and the credentials, given what the operator set (not what the demo profile sets). Demo
 * mode keeps its own Integration, key and database, apart from real ones.
 */
final class DemoModeCheck {

	private DemoModeCheck() {
	}

	/**
	 * The checks on {@code WEBEX_DEMO}, given what the operator set (not what the demo
	 * profile sets): demo mode keeps its own Integration, key and database, apart from
	 * real ones.
	 */
	static List<String> problems(String demo, String clientId, String clientSecret, String tokenKeys,
			String datasourceUrl) {
		if (!StringUtils.hasText(demo) || "false".equalsIgnoreCase(demo.trim())) {
			// Never demo mode by omission: a secret that was not mounted must not start a
			// demo.
			if (!StringUtils.hasText(clientId) && !StringUtils.hasText(clientSecret)) {
				return List.of("WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET are not set: set both to use real Webex, "
						+ "or set WEBEX_DEMO=true (and neither of them) to run the demo on the built-in Webex "
						+ "simulator.");
			}
			return List.of();
		}
		if (!"true".equalsIgnoreCase(demo.trim())) {
			return List.of("WEBEX_DEMO must be true or false, but is '" + demo + "'.");
		}
		List<String> problems = new ArrayList<>();
		if (StringUtils.hasText(clientId) || StringUtils.hasText(clientSecret)) {
			problems.add("WEBEX_DEMO=true runs the demo on the built-in Webex simulator and takes no credentials: "
					+ "unset WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET, or set WEBEX_DEMO=false to use real Webex.");
		}
		if (StringUtils.hasText(tokenKeys)) {
			problems.add("WEBEX_DEMO=true keeps its own token key in WEBEX_DATA_DIR/demo: unset WEBEX_TOKEN_KEYS, "
					+ "or set WEBEX_DEMO=false to use real Webex.");
		}
		if (StringUtils.hasText(datasourceUrl)) {
			problems
				.add("WEBEX_DEMO=true keeps its own H2 database in WEBEX_DATA_DIR/demo: unset SPRING_DATASOURCE_URL, "
						+ "or set WEBEX_DEMO=false to use real Webex.");
		}
		return problems;
	}

}
