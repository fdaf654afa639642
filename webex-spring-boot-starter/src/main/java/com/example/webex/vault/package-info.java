/**
 * The token vault: encrypted grants in the database, coordinated refresh, and the keeper that keeps grants alive.
 */
package com.example.webex.vault;
