/**
 * JUnit 5 support for the Webex simulator: {@link WebexSimulatorExtension} (registered
 * programmatically, or declaratively with {@link WebexSimulatorTest}) and ports for apps
 * under test that must be known before they start ({@link LoopbackPorts}).
 */
package com.example.webex.simulator.junit;
