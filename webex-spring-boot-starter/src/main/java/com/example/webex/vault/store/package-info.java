/**
 * The {@code webex_grant} table: {@link com.example.webex.vault.store.JdbcGrantStore} (a
 * new login's upsert, decrypted reads, compare-and-set writes, the refresh lease, the
 * status, the keeper's query), {@link com.example.webex.vault.store.KeyRotation} (the
 * only statements that touch every issuer's rows), the row as a value
 * ({@link com.example.webex.vault.store.Grant},
 * {@link com.example.webex.vault.store.GrantSummary}), which Webex issued a grant
 * ({@link com.example.webex.vault.store.GrantIssuer}), and the two databases' differences
 * ({@link com.example.webex.vault.store.Dialect}). Tokens are encrypted by
 * {@code vault.crypto}; the allow-list of {@code vault.access} filters whom background
 * work may act for.
 */
package com.example.webex.vault.store;
