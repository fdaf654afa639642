package com.example.webexoauth.system;

import java.util.List;

import com.example.webex.ConfigurationMetadata;
import com.example.webex.ConfigurationMetadata.Setting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every {@code webex.*} setting the app adds to the starter's is described in
 * its configuration metadata (javadoc on record components, or
 * {@code additional-spring-configuration-metadata.json} for the settings read as plain
 * properties).
 */
class ConfigurationMetadataTests {

	@Test
	void metadataWhenGeneratedThenEveryWebexSettingOfTheAppHasADescription() {
		List<Setting> settings = ConfigurationMetadata.webexSettings(SiteProperties.class);

		assertThat(settings).extracting(Setting::name)
			.contains("webex.simulated", "webex.rooms.cache-ttl", "webex.database.statement-timeout", "webex.data-dir",
					"webex.store-dir", "webex.demo");
		assertThat(settings).filteredOn((setting) -> setting.description().isEmpty())
			.extracting(Setting::name)
			.as("webex.* settings without a description")
			.isEmpty();
	}

}
