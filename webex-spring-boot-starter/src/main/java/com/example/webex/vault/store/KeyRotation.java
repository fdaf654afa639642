package com.example.webex.vault.store;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.webex.vault.crypto.GrantDecryptionException;
import com.example.webex.vault.crypto.TokenCipher;
import com.example.webex.vault.crypto.TokenKeyException;
import com.example.webex.vault.crypto.TokenKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import static com.example.webex.vault.store.GrantTable.COLUMNS;
import static com.example.webex.vault.store.GrantTable.NO_LIVE_LEASE;

/**
 * At start-up, refuses keys that cannot read the stored grants, then re-encrypts grants
 * written under an older key with the primary one.
 * <p>
 * Rotating: deploy {@code WEBEX_TOKEN_KEYS=<new>,<old>}; every instance then encrypts
 * with the new key and still reads the old one, and this class moves existing grants over
 * in batches, each in its own transaction. Rows are locked while re-encrypted and rows
 * locked elsewhere are skipped, so instances starting together split the work instead of
 * colliding. Once no grant uses the old key, drop it. During a rolling deployment, add a
 * new key as a secondary one first, so that instances still running the old configuration
 * can read what the new ones write.
 * <p>
 * Its queries are the only ones that read and write the grants of every issuer, not just
 * the configured one's: re-encrypting sends nothing anywhere.
 */
public class KeyRotation implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(KeyRotation.class);

	private static final int BATCH_SIZE = 100;

	private final GrantTable table;

	private final TokenCipher cipher;

	private final TransactionOperations transactions;

	public KeyRotation(JdbcClient jdbc, TokenCipher cipher, TransactionOperations transactions) {
		this.table = new GrantTable(jdbc, cipher);
		this.cipher = cipher;
		this.transactions = transactions;
	}

	@Override
	public void afterPropertiesSet() {
		verify();
		rotate();
	}

	/**
	 * Check that every stored grant's key is configured and that a grant of each key
	 * decrypts.
	 * @throws TokenKeyException otherwise; grants are never dropped to get past this
	 */
	void verify() {
		TokenKeys keys = this.cipher.keys();
		Map<String, Long> grantsByKey = countByKeyId();
		grantsByKey.forEach((keyId, grants) -> {
			if (keys.find(keyId).isEmpty()) {
				throw new TokenKeyException(
						grants + " grant(s) were encrypted with key " + keyId + ", which " + keys.source()
								+ " does not contain: add it back as a secondary key",
						"Set WEBEX_TOKEN_KEYS=<current key>,<the key with id " + keyId + "> (or restore the key file)."
								+ " Start-up then re-encrypts those grants under the first key, after which the old"
								+ " key can be removed. Configured key ids: " + keys.ids() + ".");
			}
		});
		for (String keyId : grantsByKey.keySet()) {
			try {
				decryptOneEncryptedWith(keyId);
			}
			catch (GrantDecryptionException ex) {
				throw new TokenKeyException(
						"Grants encrypted with key " + keyId + " do not decrypt with the configured"
								+ " key of that id: " + ex.getMessage(),
						"Check that " + keys.source() + " holds the keys this database was written with.", ex);
			}
		}
	}

	/**
	 * Re-encrypt every grant not under the primary key, in batches.
	 * @return how many grants were re-encrypted
	 * @throws TokenKeyException if a grant does not decrypt (the batch is rolled back)
	 */
	int rotate() {
		int total = 0;
		int batch;
		do {
			Integer done;
			try {
				done = this.transactions.execute((status) -> reencryptBatch(BATCH_SIZE));
			}
			catch (GrantDecryptionException ex) {
				throw new TokenKeyException("A grant could not be re-encrypted under the new key: " + ex.getMessage(),
						"Check that " + this.cipher.keys().source() + " holds the keys this database was written with.",
						ex);
			}
			batch = (done != null) ? done : 0;
			total += batch;
		}
		while (batch > 0);
		if (total > 0) {
			logger.info("Re-encrypted {} grant(s) under token key {}", total, this.cipher.primaryKeyId());
		}
		return total;
	}

	/** How many grants each key id encrypted. */
	private Map<String, Long> countByKeyId() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.table.jdbc()
			.sql("SELECT key_id, COUNT(*) AS grants FROM webex_grant GROUP BY key_id ORDER BY key_id")
			.query((ResultSet rs) -> {
				counts.put(rs.getString("key_id"), rs.getLong("grants"));
			});
		return counts;
	}

	/**
	 * Decrypt one grant encrypted with {@code keyId}, if there is one.
	 * @throws GrantDecryptionException if it does not decrypt
	 */
	private void decryptOneEncryptedWith(String keyId) {
		this.table.jdbc()
			.sql("SELECT " + COLUMNS + " FROM webex_grant WHERE key_id = :keyId"
					+ " ORDER BY registration_id, principal_name FETCH FIRST 1 ROWS ONLY")
			.param("keyId", keyId)
			.query(this.table::grant)
			.optional();
	}

	/**
	 * Re-encrypt up to {@code limit} grants that are not under the primary key, whichever
	 * issuer they belong to. Rows another transaction has locked (another instance's
	 * rotation) are skipped, not waited for, and so are rows under a refresh lease: that
	 * refresh writes them under the primary key itself, and re-encrypting them first
	 * would make it drop the tokens Webex just issued.
	 * @return how many grants were re-encrypted
	 */
	private int reencryptBatch(int limit) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"Re-encryption needs a surrounding transaction");
		List<Map.Entry<String, Grant>> batch = this.table.jdbc()
			.sql("SELECT issuer, " + COLUMNS + " FROM webex_grant WHERE key_id <> :primary AND " + NO_LIVE_LEASE
					+ " ORDER BY registration_id, issuer, principal_name FETCH FIRST " + limit
					+ " ROWS ONLY FOR UPDATE SKIP LOCKED")
			.param("primary", this.cipher.primaryKeyId())
			.query((rs, row) -> Map.entry(rs.getString("issuer"), this.table.grant(rs, row)))
			.list();
		for (Map.Entry<String, Grant> row : batch) {
			Assert.state(this.table.writeTokens(row.getKey(), row.getValue(), row.getValue(), "") == 1,
					"A grant changed while its row was locked");
		}
		return batch.size();
	}

}
