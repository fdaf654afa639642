package com.example.webexoauth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The webex-oauth application. The built-in Webex simulator is left out of the component
 * scan: it joins only in demo mode, through {@code system.DemoModeConfiguration}, or runs on
 * its own as {@code simulator.WebexSimulatorApplication}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@ComponentScan(excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.REGEX, pattern = "com\\.example\\.webexoauth\\.simulator\\..*") })
public class WebexOAuthApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebexOAuthApplication.class, args);
	}

}
