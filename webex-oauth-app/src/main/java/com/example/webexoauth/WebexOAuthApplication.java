package com.example.webexoauth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The webex-oauth reference app: pages and JSON on the Webex starter's public API. The
 * Webex simulator lives in a root package of its own
 * ({@code com.example.webex.simulator}), which this scan never reaches: it joins only in
 * demo mode, through {@code system.DemoModeConfiguration}. Nothing here needs
 * {@code @EnableScheduling}: the starter's keeper and Spring Session's cleanup run on
 * schedulers of their own.
 */
@SpringBootApplication
public class WebexOAuthApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebexOAuthApplication.class, args);
	}

}
