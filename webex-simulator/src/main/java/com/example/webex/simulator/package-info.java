/**
 * A built-in Webex: OAuth and REST endpoints that imitate webexapis.com. Imports nothing from the rest of the application.
 */
package com.example.webex.simulator;
