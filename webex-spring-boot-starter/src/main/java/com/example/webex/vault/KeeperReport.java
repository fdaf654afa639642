package com.example.webex.vault;

/**
 * What one keeper run did.
 *
 * @param checked grants that were due for keeping when the run started
 * @param refreshed grants the keeper refreshed
 * @param skipped due grants another thread or instance had already refreshed
 * @param rejected grants Webex refused to refresh (now waiting for the user to reconnect)
 * @param failed grants whose refresh failed for another reason (kept unchanged, retried
 * next run)
 * @param stopped whether the run stopped early after too many failures in a row, leaving
 * the grants it did not try for the next run
 */
public record KeeperReport(int checked, int refreshed, int skipped, int rejected, int failed, boolean stopped) {
}
