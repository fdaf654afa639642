/**
 * A daily digest of each connected user's active Webex spaces, built on the Webex
 * starter.
 */
package com.example.digest;
