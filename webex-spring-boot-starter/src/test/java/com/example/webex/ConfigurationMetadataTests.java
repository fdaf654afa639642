package com.example.webex;

import java.util.List;

import com.example.webex.ConfigurationMetadata.Setting;
import com.example.webex.client.WebexProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every {@code webex.*} setting of the starter is described in its
 * configuration metadata: a setting added without javadoc on its record component fails
 * here.
 */
class ConfigurationMetadataTests {

	@Test
	void metadataWhenGeneratedThenEveryWebexSettingHasADescription() {
		List<Setting> settings = ConfigurationMetadata.webexSettings(WebexProperties.class);

		assertThat(settings).extracting(Setting::name)
			.contains("webex.client-id", "webex.client-secret", "webex.http.request-deadline", "webex.vault.keys",
					"webex.vault.keeper.interval", "webex.allowed.email-domains", "webex.login.pending-ttl");
		assertThat(settings).filteredOn((setting) -> setting.description().isEmpty())
			.extracting(Setting::name)
			.as("webex.* settings without a description (javadoc on the record component)")
			.isEmpty();
	}

}
