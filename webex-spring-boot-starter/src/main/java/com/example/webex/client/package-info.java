/**
 * The one client for the Webex REST API and the records it returns.
 */
package com.example.webex.client;
