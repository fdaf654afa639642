/**
 * The token keys and what they encrypt: AES-256-GCM per token column, bound to its row
 * ({@link com.example.webex.vault.crypto.TokenCipher}), the configured keys as a Tink
 * keyset ({@code WEBEX_TOKEN_KEYS} or a generated key file,
 * {@link com.example.webex.vault.crypto.TokenKeysLoader}), and the start-up failures they
 * explain. Depends on nothing else of the vault.
 */
package com.example.webex.vault.crypto;
