package com.example.webex.vault;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.transaction.support.TransactionOperations;

/**
 * At start-up, refuses keys that cannot read the stored grants, then re-encrypts grants written
 * under an older key with the primary one.
 * <p>
 * Rotating: deploy {@code WEBEX_TOKEN_KEYS=<new>,<old>}; every instance then encrypts with the
 * new key and still reads the old one, and this class moves existing grants over in batches,
 * each in its own transaction. Rows are locked while re-encrypted and rows locked elsewhere are
 * skipped, so instances starting together split the work instead of colliding. Once no grant
 * uses the old key, drop it. During a rolling deployment, add a new key as a secondary one
 * first, so that instances still running the old configuration can read what the new ones write.
 */
class KeyRotation implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(KeyRotation.class);

	private static final int BATCH_SIZE = 100;

	private final JdbcGrantStore store;

	private final TokenCipher cipher;

	private final TransactionOperations transactions;

	KeyRotation(JdbcGrantStore store, TokenCipher cipher, TransactionOperations transactions) {
		this.store = store;
		this.cipher = cipher;
		this.transactions = transactions;
	}

	@Override
	public void afterPropertiesSet() {
		verify();
		rotate();
	}

	/**
	 * Check that every stored grant's key is configured and that a grant of each key decrypts.
	 * @throws TokenKeyException otherwise; grants are never dropped to get past this
	 */
	void verify() {
		TokenKeys keys = this.cipher.keys();
		Map<String, Long> grantsByKey = this.store.countByKeyId();
		grantsByKey.forEach((keyId, grants) -> {
			if (keys.find(keyId).isEmpty()) {
				throw new TokenKeyException(grants + " grant(s) were encrypted with key " + keyId + ", which "
						+ keys.source() + " does not contain: add it back as a secondary key",
						"Set WEBEX_TOKEN_KEYS=<current key>,<the key with id " + keyId + "> (or restore the key file)."
								+ " Start-up then re-encrypts those grants under the first key, after which the old"
								+ " key can be removed. Configured key ids: " + keys.ids() + ".");
			}
		});
		for (String keyId : grantsByKey.keySet()) {
			try {
				this.store.decryptOneEncryptedWith(keyId);
			}
			catch (GrantDecryptionException ex) {
				throw new TokenKeyException("Grants encrypted with key " + keyId + " do not decrypt with the configured"
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
				done = this.transactions.execute((status) -> this.store.reencryptBatch(BATCH_SIZE));
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

}
