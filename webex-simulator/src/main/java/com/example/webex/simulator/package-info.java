/**
 * A faithful local Webex: the OAuth and REST endpoints of webexapis.com with real Webex's
 * quirks behind switches. Tests start it through
 * {@link com.example.webex.simulator.WebexSimulator} (or the JUnit 5 extension in
 * {@code junit}); it depends on nothing of the application's.
 */
package com.example.webex.simulator;
