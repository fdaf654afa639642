/**
 * The token vault: the user's Webex grant, encrypted in the database, refreshed once at a
 * time across threads and instances, kept alive by the keeper, and put on every Webex
 * call.
 * <p>
 * <b>What applications use</b> is in this package:
 * {@link com.example.webex.vault.TokenVault} (access tokens, connected users, "act as",
 * disconnect), the events ({@link com.example.webex.vault.GrantConnected},
 * {@link com.example.webex.vault.GrantDisconnected},
 * {@link com.example.webex.vault.ConsentRequired}), the exceptions pages turn into
 * answers, the {@link com.example.webex.vault.GrantKeeper}, and {@code webex.vault.*}
 * ({@link com.example.webex.vault.VaultProperties}). The sub-packages hold the parts,
 * each by its role, and never import this package (so it may import them without a
 * cycle): {@code store} (the {@code webex_grant} table), {@code crypto} (keys and token
 * encryption), {@code access} (the allow-list), {@code refresh} (single flight, the token
 * endpoint's clients and what its answers mean).
 * <p>
 * <b>Where a token goes from the callback to a Webex call</b> (four files):
 * <ol>
 * <li>{@link com.example.webex.vault.GrantLogins}: Spring Security's login, having
 * exchanged the code, saves the new grant here ({@code saveAuthorizedClient}).</li>
 * <li>{@link com.example.webex.vault.store.JdbcGrantStore}: the tokens are written
 * encrypted ({@code saveLogin}) and read back, decrypted, for each call
 * ({@code findAccessToken}).</li>
 * <li>{@link com.example.webex.vault.TokenVault}: {@code accessToken} hands out the
 * stored token, first refreshing it through
 * {@link com.example.webex.vault.GrantRefresher} if it is about to expire.</li>
 * <li>{@link com.example.webex.vault.VaultTokenInterceptor}: puts it on the request
 * {@code WebexClient} sends, and after a 401 refreshes once and retries.</li>
 * </ol>
 * Around that path: {@link com.example.webex.vault.GrantAdmission} decides in the login's
 * user-info step whether the grant may be kept at all, and {@code VaultAutoConfiguration}
 * wires it all together.
 */
package com.example.webex.vault;
