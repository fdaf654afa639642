package com.example.digest;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest's settings: defaults, and a start-up sentence naming the setting for a bad
 * one.
 */
class DigestPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(DigestSettings.class);

	@Test
	void digestWhenNothingSetThenEveryDayAtSevenForTheDayBefore() {
		this.contextRunner.run((context) -> {
			DigestProperties properties = context.getBean(DigestProperties.class);
			assertThat(properties.cron()).isEqualTo("0 0 7 * * *");
			assertThat(properties.window()).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void cronWhenFiveFieldsThenStartupStopsNamingTheSetting() {
		this.contextRunner.withPropertyValues("digest.cron=0 7 * * *").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("digest.cron must be a cron expression of six fields")
				.hasMessageContaining("'0 7 * * *'");
		});
	}

	@Test
	void cronWhenDashThenAccepted() {
		this.contextRunner.withPropertyValues("digest.cron=-")
			.run((context) -> assertThat(context.getBean(DigestProperties.class).cron()).isEqualTo("-"));
	}

	@Test
	void windowWhenZeroThenStartupStopsNamingTheSetting() {
		this.contextRunner.withPropertyValues("digest.window=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("digest.window must be longer than 0");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DigestProperties.class)
	static class DigestSettings {

	}

}
