package com.example.webex.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.example.webex.vault.TokenCipher.Column;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The {@code webex_grant} table: Spring Security saves logins here (as the
 * {@link OAuth2AuthorizedClientService}), the vault reads and refreshes grants here. Token
 * columns are encrypted by {@link TokenCipher}; timestamps are stored with time zone, in UTC.
 * <p>
 * <b>Bound to one issuer.</b> A grant's key includes the Webex that issued it
 * ({@link GrantIssuer}), and every read and write by user goes to the grants of the configured
 * issuer only: a grant from another base URL is not found, so it is never sent, refreshed, marked,
 * deleted or overwritten, and connecting under this base URL stores a row of its own beside it.
 * Only key rotation ({@link #reencryptBatch}) and the start-up key check touch every row, without
 * sending anything. The issuer is not part of the tokens' associated data: rows written before it
 * existed keep decrypting, and a ciphertext moved to another issuer's row could only reach the
 * Webex the operator configured.
 */
class JdbcGrantStore implements OAuth2AuthorizedClientService {

	private static final String COLUMNS = "registration_id, principal_name, access_token, access_token_issued_at,"
			+ " access_token_expires_at, refresh_token, refresh_token_expires_at, scopes, key_id, status, created_at,"
			+ " refreshed_at, kept_at, version";

	// Every statement with BY_ID binds :issuer too (this.issuer, or the row's own in update).
	private static final String BY_ID = " WHERE registration_id = :registrationId AND issuer = :issuer"
			+ " AND principal_name = :principalName";

	private static final String INSERT_COLUMNS = COLUMNS + ", issuer, org_id, email_domains";

	private static final String LEASE_RELEASED = "refresh_lease_owner = NULL, refresh_lease_until = NULL";

	private static final String NO_LIVE_LEASE = "(refresh_lease_until IS NULL"
			+ " OR refresh_lease_until < CURRENT_TIMESTAMP)";

	private static final String INSERT_VALUES = "(:registrationId, :principalName, :accessToken, :accessTokenIssuedAt,"
			+ " :accessTokenExpiresAt, :refreshToken, :refreshTokenExpiresAt, :scopes, :keyId, 'ACTIVE', :createdAt,"
			+ " NULL, NULL, 0, :issuer, :orgId, :emailDomains)";

	private static final String NEW_LOGIN_ASSIGNMENTS = "access_token = :accessToken,"
			+ " access_token_issued_at = :accessTokenIssuedAt, access_token_expires_at = :accessTokenExpiresAt,"
			+ " refresh_token = :refreshToken, refresh_token_expires_at = :refreshTokenExpiresAt, scopes = :scopes,"
			+ " key_id = :keyId, status = 'ACTIVE', created_at = :createdAt, refreshed_at = NULL, kept_at = NULL,"
			+ " org_id = :orgId, email_domains = :emailDomains,";

	// One statement each, so a crash cannot leave half a login; PostgreSQL's is atomic under
	// concurrency, H2's needs the retry in saveAuthorizedClient.
	private static final String UPSERT_POSTGRESQL = "INSERT INTO webex_grant (" + INSERT_COLUMNS + ") VALUES "
			+ INSERT_VALUES + " ON CONFLICT (registration_id, issuer, principal_name) DO UPDATE SET "
			+ NEW_LOGIN_ASSIGNMENTS + " version = webex_grant.version + 1";

	private static final String UPSERT_H2 = "MERGE INTO webex_grant g USING (VALUES (CAST(:registrationId AS VARCHAR(100)),"
			+ " CAST(:issuer AS VARCHAR(1000)), CAST(:principalName AS VARCHAR(200))))"
			+ " s (registration_id, issuer, principal_name)"
			+ " ON g.registration_id = s.registration_id AND g.issuer = s.issuer"
			+ " AND g.principal_name = s.principal_name"
			+ " WHEN MATCHED THEN UPDATE SET " + NEW_LOGIN_ASSIGNMENTS + " version = g.version + 1"
			+ " WHEN NOT MATCHED THEN INSERT (" + INSERT_COLUMNS + ") VALUES " + INSERT_VALUES;

	private static final int UPSERT_ATTEMPTS = 3;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final Dialect dialect;

	private final TokenCipher cipher;

	private final ClientRegistrationRepository registrations;

	private final Clock clock;

	private final String issuer;

	private final AllowList allowList;

	/**
	 * @param issuer the configured Webex ({@link GrantIssuer}): the only one whose grants this
	 * store reads and writes by user
	 * @param allowList which stored grants the keeper may refresh
	 */
	JdbcGrantStore(JdbcClient jdbc, Dialect dialect, TokenCipher cipher, ClientRegistrationRepository registrations,
			Clock clock, String issuer, AllowList allowList, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.cipher = cipher;
		this.registrations = registrations;
		this.clock = clock;
		this.issuer = issuer;
		this.allowList = allowList;
	}

	// OAuth2AuthorizedClientService: Spring Security's view of the table

	/** Only usable ({@code ACTIVE}) grants are returned. */
	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		ClientRegistration registration = this.registrations.findByRegistrationId(clientRegistrationId);
		if (registration == null) {
			return null;
		}
		return (T) find(clientRegistrationId, principalName).filter(Grant::isActive)
			.map((grant) -> toAuthorizedClient(registration, grant))
			.orElse(null);
	}

	/**
	 * Store the grant of a new login under the configured issuer, replacing any previous one for
	 * the same user and issuer and making it {@code ACTIVE}. The refresh-token expiry and the user's
	 * identity come from the attributes {@link GrantAdmission} gave the principal (none recorded
	 * for a principal without them).
	 */
	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		String registrationId = authorizedClient.getClientRegistration().getRegistrationId();
		String principalName = principal.getName();
		OAuth2AccessToken accessToken = authorizedClient.getAccessToken();
		OAuth2RefreshToken refreshToken = authorizedClient.getRefreshToken();
		Instant now = now();
		Instant issuedAt = (accessToken.getIssuedAt() != null) ? accessToken.getIssuedAt() : now;
		// Like Spring without expires_in: expired at once, so the first use refreshes it.
		Instant expiresAt = (accessToken.getExpiresAt() != null) ? accessToken.getExpiresAt() : issuedAt.plusSeconds(1);
		Map<String, Object> admitted = GrantAdmission.attributesOf(principal);
		Instant refreshExpiresAt = (refreshToken != null)
				? GrantAdmission.refreshTokenExpiresAt(admitted).orElse(refreshToken.getExpiresAt()) : null;
		byte[] accessTokenCiphertext = this.cipher.encrypt(accessToken.getTokenValue(), Column.ACCESS_TOKEN,
				registrationId, principalName);
		byte[] refreshTokenCiphertext = (refreshToken != null) ? this.cipher.encrypt(refreshToken.getTokenValue(),
				Column.REFRESH_TOKEN, registrationId, principalName) : null;
		WebexIdentity identity = GrantAdmission.identity(admitted);
		Supplier<StatementSpec> upsert = () -> this.jdbc
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
			.param("refreshTokenExpiresAt", timestamp(refreshExpiresAt), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("scopes", String.join(" ", accessToken.getScopes()))
			.param("keyId", this.cipher.primaryKeyId())
			.param("createdAt", timestamp(now), Types.TIMESTAMP_WITH_TIMEZONE);
		for (int attempt = 1;; attempt++) {
			try {
				upsert.get().update();
				this.events.publishEvent(new GrantConnected(principalName));
				return;
			}
			catch (DuplicateKeyException ex) {
				// H2's MERGE looks for the row, then inserts: two first logins at once can both miss
				// it. The loser's retry finds the winner's committed row and updates it (H2 undoes only
				// the failed statement, not a surrounding transaction). PostgreSQL's ON CONFLICT never
				// gets here.
				if (attempt == UPSERT_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
		this.jdbc.sql("DELETE FROM webex_grant" + BY_ID)
			.param("registrationId", clientRegistrationId)
			.param("issuer", this.issuer)
			.param("principalName", principalName)
			.update();
	}

	// The vault's view

	/** The grant in any status, decrypted. */
	Optional<Grant> find(String registrationId, String principalName) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM webex_grant" + BY_ID)
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.param("principalName", principalName)
			.query(this::grant)
			.optional();
	}

	/**
	 * The grant's access token and what decides whether to refresh it first, for every Webex
	 * call: one decryption, where {@link #find} needs two and reads every column.
	 */
	Optional<CurrentAccessToken> findAccessToken(String registrationId, String principalName) {
		return this.jdbc
			.sql("SELECT access_token, access_token_expires_at, refresh_token IS NOT NULL AS refreshable, key_id,"
					+ " status, org_id, email_domains FROM webex_grant" + BY_ID)
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.param("principalName", principalName)
			// by position: H2 looks labels up in a map it builds per result set
			.query((rs, row) -> new CurrentAccessToken(
					this.cipher.decrypt(rs.getBytes(1), rs.getString(4), Column.ACCESS_TOKEN, registrationId,
							principalName),
					rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBoolean(3),
					GrantStatus.valueOf(rs.getString(5)), WebexIdentity.fromColumns(rs.getString(6), rs.getString(7))))
			.optional();
	}

	/** What the profile page shows; reads no token column. */
	Optional<GrantSummary> summary(String registrationId, String principalName) {
		return this.jdbc
			.sql("SELECT access_token_expires_at, refresh_token_expires_at, created_at, refreshed_at, kept_at, scopes,"
					+ " status FROM webex_grant" + BY_ID)
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.param("principalName", principalName)
			.query((rs, row) -> new GrantSummary(instant(rs, "access_token_expires_at"),
					instant(rs, "refresh_token_expires_at"), instant(rs, "created_at"), instant(rs, "refreshed_at"),
					instant(rs, "kept_at"), scopes(rs.getString("scopes")), GrantStatus.valueOf(rs.getString("status"))))
			.optional();
	}

	/**
	 * Write refreshed tokens over the version that was read, re-encrypting both tokens under the
	 * primary key.
	 * @throws IllegalStateException if the row changed since it was read (callers hold its lock,
	 * so this means a bug)
	 */
	void update(Grant read, Grant refreshed) {
		Assert.state(writeTokens(this.issuer, read, refreshed, "") == 1, "The grant changed while its row was locked");
	}

	/**
	 * Write refreshed tokens and give the refresh lease back, in one statement, if the row is
	 * still the version that was read (compare-and-set): a new login or another instance's
	 * refresh in between wins, and these tokens are dropped.
	 * @return whether the tokens were written
	 */
	boolean saveRefreshed(Grant read, Grant refreshed) {
		return writeTokens(this.issuer, read, refreshed, LEASE_RELEASED + ", ") == 1;
	}

	// The row's own issuer: key rotation re-encrypts the grants of every issuer.
	private int writeTokens(String rowIssuer, Grant read, Grant refreshed, String moreAssignments) {
		String registrationId = refreshed.registrationId();
		String principalName = refreshed.principalName();
		return this.jdbc
			.sql("UPDATE webex_grant SET access_token = :accessToken, access_token_issued_at = :accessTokenIssuedAt,"
					+ " access_token_expires_at = :accessTokenExpiresAt, refresh_token = :refreshToken,"
					+ " refresh_token_expires_at = :refreshTokenExpiresAt, scopes = :scopes, key_id = :keyId,"
					+ " refreshed_at = :refreshedAt, kept_at = :keptAt, " + moreAssignments + "version = version + 1"
					+ BY_ID + " AND version = :version")
			.param("accessToken",
					this.cipher.encrypt(refreshed.accessToken(), Column.ACCESS_TOKEN, registrationId, principalName),
					Types.VARBINARY)
			.param("accessTokenIssuedAt", timestamp(refreshed.accessTokenIssuedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("accessTokenExpiresAt", timestamp(refreshed.accessTokenExpiresAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("refreshToken",
					(refreshed.refreshToken() != null) ? this.cipher.encrypt(refreshed.refreshToken(),
							Column.REFRESH_TOKEN, registrationId, principalName) : null,
					Types.VARBINARY)
			.param("refreshTokenExpiresAt", timestamp(refreshed.refreshTokenExpiresAt()),
					Types.TIMESTAMP_WITH_TIMEZONE)
			.param("scopes", String.join(" ", refreshed.scopes()))
			.param("keyId", this.cipher.primaryKeyId())
			.param("refreshedAt", timestamp(refreshed.refreshedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("keptAt", timestamp(refreshed.keptAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("registrationId", registrationId)
			.param("issuer", rowIssuer)
			.param("principalName", principalName)
			.param("version", read.version())
			.update();
	}

	// The refresh lease: which refresh may call Webex for a grant right now, across instances.
	// Each statement is one auto-committed UPDATE, so no row lock outlives it; the lease's end
	// is judged by the database's clock, so the instances' clocks need not agree.

	/**
	 * Take the grant's refresh lease for {@code owner} if the row is still the version that was
	 * read, still active, and nobody holds an unexpired lease on it.
	 * @param lease how long the lease lasts if its owner never gives it back (a crash)
	 * @return whether {@code owner} now holds the lease
	 */
	boolean claimRefreshLease(Grant read, String owner, Duration lease) {
		boolean postgresql = this.dialect == Dialect.POSTGRESQL;
		String until = postgresql ? "CURRENT_TIMESTAMP + make_interval(secs => :lease)"
				: "DATEADD(MILLISECOND, :lease, CURRENT_TIMESTAMP)";
		return this.jdbc
			.sql("UPDATE webex_grant SET refresh_lease_owner = :owner, refresh_lease_until = " + until + BY_ID
					+ " AND version = :version AND status = 'ACTIVE' AND " + NO_LIVE_LEASE)
			.param("owner", owner)
			.param("lease", postgresql ? (Object) (lease.toMillis() / 1000.0) : (Object) lease.toMillis())
			.param("registrationId", read.registrationId())
			.param("issuer", this.issuer)
			.param("principalName", read.principalName())
			.param("version", read.version())
			.update() == 1;
	}

	/** Give the lease back without changing the grant (the refresh failed). */
	void releaseRefreshLease(Grant read, String owner) {
		this.jdbc.sql("UPDATE webex_grant SET " + LEASE_RELEASED + BY_ID + " AND refresh_lease_owner = :owner")
			.param("owner", owner)
			.param("registrationId", read.registrationId())
			.param("issuer", this.issuer)
			.param("principalName", read.principalName())
			.update();
	}

	/**
	 * Mark the grant {@link GrantStatus#CONSENT_REQUIRED} and give any lease back, if the row is
	 * still the version that was read (compare-and-set).
	 * @return whether it was marked
	 */
	boolean markConsentRequired(Grant read) {
		boolean marked = this.jdbc
			.sql("UPDATE webex_grant SET status = 'CONSENT_REQUIRED', " + LEASE_RELEASED + ", version = version + 1"
					+ BY_ID + " AND version = :version AND status = 'ACTIVE'")
			.param("registrationId", read.registrationId())
			.param("issuer", this.issuer)
			.param("principalName", read.principalName())
			.param("version", read.version())
			.update() == 1;
		if (marked) {
			this.events.publishEvent(new ConsentRequired(read.principalName()));
		}
		return marked;
	}

	/** Mark the grant unusable; the row stays so the app can explain why. */
	void markConsentRequired(String registrationId, String principalName) {
		int marked = this.jdbc
			.sql("UPDATE webex_grant SET status = 'CONSENT_REQUIRED', version = version + 1" + BY_ID
					+ " AND status = 'ACTIVE'")
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.param("principalName", principalName)
			.update();
		if (marked == 1) {
			this.events.publishEvent(new ConsentRequired(principalName));
		}
	}

	/**
	 * Principals of the usable grants of the configured issuer whose recorded identity the
	 * allow-list admits: the users background work may act for.
	 */
	List<String> connectedPrincipals(String registrationId) {
		return this.jdbc
			.sql("SELECT principal_name, org_id, email_domains FROM webex_grant WHERE registration_id = :registrationId"
					+ " AND issuer = :issuer AND status = 'ACTIVE' ORDER BY principal_name")
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.query((rs, row) -> new KeepingCandidate(rs.getString(1),
					WebexIdentity.fromColumns(rs.getString(2), rs.getString(3))))
			.list()
			.stream()
			.filter((candidate) -> this.allowList.admitsStored(candidate.identity()))
			.map(KeepingCandidate::principalName)
			.toList();
	}

	/**
	 * Principals of active grants whose refresh token expires before {@code refreshExpiresBefore}
	 * and that nobody created, refreshed or kept since {@code untouchedSince}, soonest first; only
	 * grants of the configured issuer whose recorded identity the allow-list admits (the keeper
	 * leaves the others as they are).
	 */
	List<String> dueForKeeping(String registrationId, Instant refreshExpiresBefore, Instant untouchedSince) {
		return this.jdbc
			.sql("SELECT principal_name, org_id, email_domains FROM webex_grant WHERE registration_id = :registrationId"
					+ " AND issuer = :issuer AND status = 'ACTIVE' AND refresh_token IS NOT NULL"
					+ " AND refresh_token_expires_at < :refreshExpiresBefore AND created_at < :untouchedSince"
					+ " AND (refreshed_at IS NULL OR refreshed_at < :untouchedSince)"
					+ " AND (kept_at IS NULL OR kept_at < :untouchedSince) ORDER BY refresh_token_expires_at")
			.param("registrationId", registrationId)
			.param("issuer", this.issuer)
			.param("refreshExpiresBefore", timestamp(refreshExpiresBefore), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("untouchedSince", timestamp(untouchedSince), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs, row) -> new KeepingCandidate(rs.getString(1),
					WebexIdentity.fromColumns(rs.getString(2), rs.getString(3))))
			.list()
			.stream()
			.filter((candidate) -> this.allowList.admitsStored(candidate.identity()))
			.map(KeepingCandidate::principalName)
			.toList();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM webex_grant").query(Long.class).single();
	}

	// Keys: start-up check and rotation

	/** How many grants each key id encrypted. */
	Map<String, Long> countByKeyId() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("SELECT key_id, COUNT(*) AS grants FROM webex_grant GROUP BY key_id ORDER BY key_id")
			.query((ResultSet rs) -> {
				counts.put(rs.getString("key_id"), rs.getLong("grants"));
			});
		return counts;
	}

	/**
	 * Decrypt one grant encrypted with {@code keyId}, if there is one.
	 * @throws GrantDecryptionException if it does not decrypt
	 */
	void decryptOneEncryptedWith(String keyId) {
		this.jdbc
			.sql("SELECT " + COLUMNS + " FROM webex_grant WHERE key_id = :keyId"
					+ " ORDER BY registration_id, principal_name FETCH FIRST 1 ROWS ONLY")
			.param("keyId", keyId)
			.query(this::grant)
			.optional();
	}

	/**
	 * Re-encrypt up to {@code limit} grants that are not under the primary key, whichever issuer
	 * they belong to. Rows another transaction has locked (another instance's rotation) are
	 * skipped, not waited for, and so are rows under a refresh lease: that refresh writes them
	 * under the primary key itself, and re-encrypting them first would make it drop the tokens
	 * Webex just issued.
	 * @return how many grants were re-encrypted
	 */
	int reencryptBatch(int limit) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"Re-encryption needs a surrounding transaction");
		String primary = this.cipher.primaryKeyId();
		List<Map.Entry<String, Grant>> batch = this.jdbc
			.sql("SELECT issuer, " + COLUMNS + " FROM webex_grant WHERE key_id <> :primary AND " + NO_LIVE_LEASE
					+ " ORDER BY registration_id, issuer, principal_name FETCH FIRST " + limit
					+ " ROWS ONLY FOR UPDATE SKIP LOCKED")
			.param("primary", primary)
			.query((rs, row) -> Map.entry(rs.getString("issuer"), grant(rs, row)))
			.list();
		for (Map.Entry<String, Grant> row : batch) {
			Assert.state(writeTokens(row.getKey(), row.getValue(), row.getValue(), "") == 1,
					"A grant changed while its row was locked");
		}
		return batch.size();
	}

	private Grant grant(ResultSet rs, int row) throws SQLException {
		String registrationId = rs.getString("registration_id");
		String principalName = rs.getString("principal_name");
		String keyId = rs.getString("key_id");
		byte[] refreshToken = rs.getBytes("refresh_token");
		return new Grant(registrationId, principalName,
				this.cipher.decrypt(rs.getBytes("access_token"), keyId, Column.ACCESS_TOKEN, registrationId,
						principalName),
				instant(rs, "access_token_issued_at"), instant(rs, "access_token_expires_at"),
				(refreshToken != null)
						? this.cipher.decrypt(refreshToken, keyId, Column.REFRESH_TOKEN, registrationId, principalName)
						: null,
				instant(rs, "refresh_token_expires_at"), scopes(rs.getString("scopes")),
				GrantStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "refreshed_at"),
				instant(rs, "kept_at"), rs.getLong("version"));
	}

	private static OAuth2AuthorizedClient toAuthorizedClient(ClientRegistration registration, Grant grant) {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, grant.accessToken(),
				grant.accessTokenIssuedAt(), grant.accessTokenExpiresAt(), grant.scopes());
		OAuth2RefreshToken refreshToken = (grant.refreshToken() != null)
				? new OAuth2RefreshToken(grant.refreshToken(), null, grant.refreshTokenExpiresAt()) : null;
		return new OAuth2AuthorizedClient(registration, grant.principalName(), accessToken, refreshToken);
	}

	/** Now, at the precision both databases keep, so what is written reads back equal. */
	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)
				: null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Set<String> scopes(String scopes) {
		return StringUtils.hasText(scopes) ? new LinkedHashSet<>(Arrays.asList(scopes.trim().split("\\s+"))) : Set.of();
	}

	private record KeepingCandidate(String principalName, WebexIdentity identity) {
	}

}
