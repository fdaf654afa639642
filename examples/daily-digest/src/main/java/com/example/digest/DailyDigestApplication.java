package com.example.digest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A second application on the Webex starter: people connect their Webex account through
 * the starter's default sign-in, and every morning {@link DailyDigest} lists, for each of
 * them, the spaces with activity since the day before.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DailyDigestApplication {

	public static void main(String[] args) {
		SpringApplication.run(DailyDigestApplication.class, args);
	}

}
