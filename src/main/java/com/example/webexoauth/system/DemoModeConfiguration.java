package com.example.webexoauth.system;

import com.example.webexoauth.simulator.SimulatorConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Serves the built-in Webex simulator from this process in demo mode (see
 * {@link DemoModeEnvironmentPostProcessor}); the rest of the app reaches it only through
 * its base URL, as it would reach Webex.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("simulator.embedded")
@Import(SimulatorConfiguration.class)
class DemoModeConfiguration {

}
