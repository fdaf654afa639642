/**
 * The parts of a refresh that need nothing of the vault's public face: Webex's token
 * endpoint (the clients for the code exchange and the refresh, and revocation:
 * {@link com.example.webex.vault.refresh.TokenEndpointConfiguration}), what its answers
 * mean ({@link com.example.webex.vault.refresh.RefreshAnswers},
 * {@link com.example.webex.vault.refresh.Outcome}), and the generic
 * {@link com.example.webex.vault.refresh.SingleFlight}. The refresh itself, which throws
 * the public exceptions, is {@code vault.GrantRefresher} and {@code vault.RefreshRules}.
 */
package com.example.webex.vault.refresh;
