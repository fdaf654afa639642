package com.example.webex.vault.store;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.webex.vault.access.AllowList;
import com.example.webex.vault.access.WebexIdentity;
import com.example.webex.vault.crypto.GrantDecryptionException;
import com.example.webex.vault.crypto.TokenCipher;
import com.example.webex.vault.crypto.TokenCipher.Column;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static com.example.webex.vault.store.GrantTable.COLUMNS;
import static com.example.webex.vault.store.GrantTable.LEASE_RELEASED;
import static com.example.webex.vault.store.GrantTable.NO_LIVE_LEASE;
import static com.example.webex.vault.store.GrantTable.instant;
import static com.example.webex.vault.store.GrantTable.scopes;
import static com.example.webex.vault.store.GrantTable.timestamp;

/**
 * The grants in {@code webex_grant}, as the vault reads and writes them: a new login's
 * upsert, decrypted reads, refreshed tokens written by compare-and-set, the refresh
 * lease, the status, and the keeper's query. Token columns are encrypted by
 * {@link TokenCipher}.
 * <p>
 * <b>Bound to one issuer.</b> A grant's key includes the Webex that issued it
 * ({@link GrantIssuer}), and every read and write goes to the grants of the configured
 * issuer only: a grant from another base URL is not found, so it is never sent,
 * refreshed, marked, deleted or overwritten, and connecting under this base URL stores a
 * row of its own beside it. Only {@link KeyRotation} touches every row, without sending
 * anything. The issuer is not part of the tokens' associated data: rows written before it
 * existed keep decrypting, and a ciphertext moved to another issuer's row could only
 * reach the Webex the operator configured.
 */
public class JdbcGrantStore {

	private static final String INSERT_COLUMNS = COLUMNS + ", issuer, org_id, email_domains";

	private static final String INSERT_VALUES = "(:registrationId, :principalName, :accessToken, :accessTokenIssuedAt,"
			+ " :accessTokenExpiresAt, :refreshToken, :refreshTokenExpiresAt, :scopes, :keyId, 'ACTIVE', :createdAt,"
			+ " NULL, NULL, 0, :issuer, :orgId, :emailDomains)";

	private static final String NEW_LOGIN_ASSIGNMENTS = "access_token = :accessToken,"
			+ " access_token_issued_at = :accessTokenIssuedAt, access_token_expires_at = :accessTokenExpiresAt,"
			+ " refresh_token = :refreshToken, refresh_token_expires_at = :refreshTokenExpiresAt, scopes = :scopes,"
			+ " key_id = :keyId, status = 'ACTIVE', created_at = :createdAt, refreshed_at = NULL, kept_at = NULL,"
			+ " org_id = :orgId, email_domains = :emailDomains,";

	// One statement each, so a crash cannot leave half a login; PostgreSQL's is atomic
	// under concurrency, H2's needs the retry in saveLogin.
	private static final String UPSERT_POSTGRESQL = "INSERT INTO webex_grant (" + INSERT_COLUMNS + ") VALUES "
			+ INSERT_VALUES + " ON CONFLICT (registration_id, issuer, principal_name) DO UPDATE SET "
			+ NEW_LOGIN_ASSIGNMENTS + " version = webex_grant.version + 1";

	private static final String UPSERT_H2 = "MERGE INTO webex_grant g USING (VALUES (CAST(:registrationId AS VARCHAR(100)),"
			+ " CAST(:issuer AS VARCHAR(1000)), CAST(:principalName AS VARCHAR(200))))"
			+ " s (registration_id, issuer, principal_name)"
			+ " ON g.registration_id = s.registration_id AND g.issuer = s.issuer"
			+ " AND g.principal_name = s.principal_name" + " WHEN MATCHED THEN UPDATE SET " + NEW_LOGIN_ASSIGNMENTS
			+ " version = g.version + 1" + " WHEN NOT MATCHED THEN INSERT (" + INSERT_COLUMNS + ") VALUES "
			+ INSERT_VALUES;

	private static final int UPSERT_ATTEMPTS = 3;

	private final GrantTable table;

	private final Dialect dialect;

	private final TokenCipher cipher;

	private final Clock clock;

	private final String issuer;

	private final AllowList allowList;

	/**
	 * @param issuer the configured Webex ({@link GrantIssuer}): the only one whose grants
	 * this store reads and writes
	 * @param allowList which stored grants the keeper and background work may use
	 */
	public JdbcGrantStore(JdbcClient jdbc, Dialect dialect, TokenCipher cipher, Clock clock, String issuer,
			AllowList allowList) {
		this.table = new GrantTable(jdbc, cipher);
		this.dialect = dialect;
		this.cipher = cipher;
		this.clock = clock;
		this.issuer = issuer;
		this.allowList = allowList;
	}

	/**
	 * Store the grant of a new login under the configured issuer, replacing any previous
	 * one for the same user and issuer and making it {@code ACTIVE}.
	 * @param refreshExpiresAt when the refresh token expires, or {@code null} if unknown
	 * @param identity whom the allow-list admitted, or {@code null} if it did not look
	 */
	public void saveLogin(String registrationId, String principalName, OAuth2AccessToken accessToken,
			OAuth2RefreshToken refreshToken, Instant refreshExpiresAt, WebexIdentity identity) {
		Instant now = now();
		Instant issuedAt = (accessToken.getIssuedAt() != null) ? accessToken.getIssuedAt() : now;
		// Like Spring without expires_in: expired at once, so the first use refreshes it.
		Instant expiresAt = (accessToken.getExpiresAt() != null) ? accessToken.getExpiresAt() : issuedAt.plusSeconds(1);
		byte[] accessTokenCiphertext = this.cipher.encrypt(accessToken.getTokenValue(), Column.ACCESS_TOKEN,
				registrationId, principalName);
		byte[] refreshTokenCiphertext = (refreshToken != null)
				? this.cipher.encrypt(refreshToken.getTokenValue(), Column.REFRESH_TOKEN, registrationId, principalName)
				: null;
		Supplier<StatementSpec> upsert = () -> this.table.jdbc()
			.sql((this.dialect == Dialect.POSTGRESQL) ? UPSERT_POSTGRESQL : UPSERT_H2)
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.param("principalName", principalName)
			.param("orgId", (identity != null) ? identity.orgId() : null, Types.VARCHAR)
			.param("emailDomains", (identity != null) ? identity.emailDomainsColumn() : null, Types.VARCHAR)
			.param("accessToken", accessTokenCiphertext, Types.VARBINARY)
			.param("accessTokenIssuedAt", timestamp(issuedAt), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("accessTokenExpiresAt", timestamp(expiresAt), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("refreshToken", refreshTokenCiphertext, Types.VARBINARY)
			.param("refreshTokenExpiresAt", timestamp((refreshToken != null) ? refreshExpiresAt : null),
					Types.TIMESTAMP_WITH_TIMEZONE)
			.param("scopes", String.join(" ", accessToken.getScopes()))
			.param("keyId", this.cipher.primaryKeyId())
			.param("createdAt", timestamp(now), Types.TIMESTAMP_WITH_TIMEZONE);
		for (int attempt = 1;; attempt++) {
			try {
				upsert.get().update();
				return;
			}
			catch (DuplicateKeyException ex) {
				// H2's MERGE looks for the row, then inserts: two first logins at once
				// can both miss it. The loser's retry finds the winner's committed row
				// and updates it (H2 undoes only the failed statement, not a surrounding
				// transaction). PostgreSQL's ON CONFLICT never gets here.
				if (attempt == UPSERT_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** Forget the user's grant (of the configured issuer). */
	public void remove(String registrationId, String principalName) {
		this.table.byId("DELETE FROM webex_grant", "", registrationId, this.issuer, principalName).update();
	}

	/**
	 * The grant in any status, decrypted.
	 * @throws GrantDecryptionException if a token does not decrypt
	 */
	public Optional<Grant> find(String registrationId, String principalName) {
		return this.table
			.byId("SELECT " + COLUMNS + " FROM webex_grant", "", registrationId, this.issuer, principalName)
			.query(this.table::grant)
			.optional();
	}

	/**
	 * The grant's access token and what decides whether to refresh it first, for every
	 * Webex call: one decryption, where {@link #find} needs two and reads every column.
	 */
	public Optional<CurrentAccessToken> findAccessToken(String registrationId, String principalName) {
		return this.table
			.byId("SELECT access_token, access_token_expires_at, refresh_token IS NOT NULL AS refreshable, key_id,"
					+ " status, org_id, email_domains FROM webex_grant", "", registrationId, this.issuer, principalName)
			// by position: H2 looks labels up in a map it builds per result set
			.query((rs, row) -> new CurrentAccessToken(
					this.cipher.decrypt(rs.getBytes(1), rs.getString(4), Column.ACCESS_TOKEN, registrationId,
							principalName),
					rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBoolean(3),
					GrantStatus.valueOf(rs.getString(5)), WebexIdentity.fromColumns(rs.getString(6), rs.getString(7))))
			.optional();
	}

	/** What the profile page shows; reads no token column. */
	public Optional<GrantSummary> summary(String registrationId, String principalName) {
		return this.table
			.byId("SELECT access_token_expires_at, refresh_token_expires_at, created_at, refreshed_at, kept_at, scopes,"
					+ " status FROM webex_grant", "", registrationId, this.issuer, principalName)
			.query((rs, row) -> new GrantSummary(instant(rs, "access_token_expires_at"),
					instant(rs, "refresh_token_expires_at"), instant(rs, "created_at"), instant(rs, "refreshed_at"),
					instant(rs, "kept_at"), scopes(rs.getString("scopes")),
					GrantStatus.valueOf(rs.getString("status"))))
			.optional();
	}

	/**
	 * Write refreshed tokens and give the refresh lease back, in one statement, if the
	 * row is still the version that was read (compare-and-set): a new login or another
	 * instance's refresh in between wins, and these tokens are dropped.
	 * @return whether the tokens were written
	 */
	public boolean saveRefreshed(Grant read, Grant refreshed) {
		return this.table.writeTokens(this.issuer, read, refreshed, LEASE_RELEASED + ", ") == 1;
	}

	// The refresh lease: which refresh may call Webex for a grant right now, across
	// instances. Each statement is one auto-committed UPDATE, so no row lock outlives it;
	// the lease's end is judged by the database's clock, so the instances' clocks need
	// not agree.

	/**
	 * Take the grant's refresh lease for {@code owner} if the row is still the version
	 * that was read, still active, and nobody holds an unexpired lease on it.
	 * @param lease how long the lease lasts if its owner never gives it back (a crash)
	 * @return whether {@code owner} now holds the lease
	 */
	public boolean claimRefreshLease(Grant read, String owner, Duration lease) {
		boolean postgresql = this.dialect == Dialect.POSTGRESQL;
		String until = postgresql ? "CURRENT_TIMESTAMP + make_interval(secs => :lease)"
				: "DATEADD(MILLISECOND, :lease, CURRENT_TIMESTAMP)";
		return this.table
			.byId("UPDATE webex_grant SET refresh_lease_owner = :owner, refresh_lease_until = " + until,
					" AND version = :version AND status = 'ACTIVE' AND " + NO_LIVE_LEASE, read.registrationId(),
					this.issuer, read.principalName())
			.param("owner", owner)
			.param("lease", postgresql ? (Object) (lease.toMillis() / 1000.0) : (Object) lease.toMillis())
			.param("version", read.version())
			.update() == 1;
	}

	/** Give the lease back without changing the grant (the refresh failed). */
	public void releaseRefreshLease(Grant read, String owner) {
		this.table
			.byId("UPDATE webex_grant SET " + LEASE_RELEASED, " AND refresh_lease_owner = :owner",
					read.registrationId(), this.issuer, read.principalName())
			.param("owner", owner)
			.update();
	}

	/**
	 * Mark the grant {@link GrantStatus#CONSENT_REQUIRED} and give any lease back, if the
	 * row is still the version that was read (compare-and-set).
	 * @return whether it was marked
	 */
	public boolean markConsentRequired(Grant read) {
		return this.table
			.byId("UPDATE webex_grant SET status = 'CONSENT_REQUIRED', " + LEASE_RELEASED + ", version = version + 1",
					" AND version = :version AND status = 'ACTIVE'", read.registrationId(), this.issuer,
					read.principalName())
			.param("version", read.version())
			.update() == 1;
	}

	/**
	 * Mark the grant unusable; the row stays so the app can explain why.
	 * @return whether it was marked (it was active)
	 */
	public boolean markConsentRequired(String registrationId, String principalName) {
		return this.table
			.byId("UPDATE webex_grant SET status = 'CONSENT_REQUIRED', version = version + 1", " AND status = 'ACTIVE'",
					registrationId, this.issuer, principalName)
			.update() == 1;
	}

	/**
	 * Principals of the usable grants of the configured issuer whose recorded identity
	 * the allow-list admits: the users background work may act for.
	 */
	public List<String> connectedPrincipals(String registrationId) {
		return admitted(this.table.jdbc()
			.sql("SELECT principal_name, org_id, email_domains FROM webex_grant WHERE registration_id = :registrationId"
					+ " AND issuer = :issuer AND status = 'ACTIVE' ORDER BY principal_name")
			.param("registrationId", registrationId)
			.param("issuer", this.issuer));
	}

	/**
	 * Principals of active grants whose refresh token expires before
	 * {@code refreshExpiresBefore} and that nobody created, refreshed or kept since
	 * {@code untouchedSince}, soonest first; only grants of the configured issuer whose
	 * recorded identity the allow-list admits (the keeper leaves the others as they are).
	 */
	public List<String> dueForKeeping(String registrationId, Instant refreshExpiresBefore, Instant untouchedSince) {
		return admitted(this.table.jdbc()
			.sql("SELECT principal_name, org_id, email_domains FROM webex_grant WHERE registration_id = :registrationId"
					+ " AND issuer = :issuer AND status = 'ACTIVE' AND refresh_token IS NOT NULL"
					+ " AND refresh_token_expires_at < :refreshExpiresBefore AND created_at < :untouchedSince"
					+ " AND (refreshed_at IS NULL OR refreshed_at < :untouchedSince)"
					+ " AND (kept_at IS NULL OR kept_at < :untouchedSince) ORDER BY refresh_token_expires_at")
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.param("refreshExpiresBefore", timestamp(refreshExpiresBefore), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("untouchedSince", timestamp(untouchedSince), Types.TIMESTAMP_WITH_TIMEZONE));
	}

	// The principals of a query for (principal_name, org_id, email_domains) the
	// allow-list admits.
	private List<String> admitted(StatementSpec principals) {
		return principals
			.query((rs, row) -> new Candidate(rs.getString(1),
					WebexIdentity.fromColumns(rs.getString(2), rs.getString(3))))
			.list()
			.stream()
			.filter((candidate) -> this.allowList.admitsStored(candidate.identity()))
			.map(Candidate::principalName)
			.toList();
	}

	/** How many grants the table holds, of every issuer. */
	public long count() {
		return this.table.jdbc().sql("SELECT COUNT(*) FROM webex_grant").query(Long.class).single();
	}

	/** Now, at the precision both databases keep, so what is written reads back equal. */
	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private record Candidate(String principalName, WebexIdentity identity) {
	}

}
