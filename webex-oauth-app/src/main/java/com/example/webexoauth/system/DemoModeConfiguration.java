package com.example.webexoauth.system;

import com.example.webex.simulator.SimulatorConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

/**
 * Serves the built-in Webex simulator from this process in demo mode (the
 * {@value DemoProfileEnvironmentPostProcessor#PROFILE} profile, see
 * {@code application-demo.properties}); the rest of the app reaches it only through its
 * base URL, as it would reach Webex.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DemoProfileEnvironmentPostProcessor.PROFILE)
@Import(SimulatorConfiguration.class)
class DemoModeConfiguration {

}
