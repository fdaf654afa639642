package com.example.webexoauth.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.example.webexoauth.system.WriteSparingSessionRepository.WriteSparingSession;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@link WriteSparingSessionRepository} in front of Spring Session's JDBC repository on
 * the migrated schema, set up as the app sets them up. Requests are simulated by passing
 * their time, as Spring Session's filter does, so no test waits.
 */
class WriteSparingSessionRepositoryTests {

	static final Duration TIMEOUT = Duration.ofHours(8);

	static final Duration MAX_WRITE_INTERVAL = Duration.ofMinutes(1);

	JdbcTemplate jdbc;

	FindByIndexNameSessionRepository<Session> jdbcSessions;

	WriteSparingSessionRepository<Session> sessions;

	/** Transactions the repository began. */
	int transactions;

	/** Sessions read from the database. */
	int loads;

	@BeforeEach
	void freshDatabase() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:write-sparing-tests;DB_CLOSE_DELAY=-1", "sa", "");
		// the app fills webex_issuer from WEBEX_API_BASE_URL
		// (token.VaultAutoConfiguration)
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/webex/common", "classpath:db/webex/h2")
			.placeholders(Map.of("webex_issuer", "https://webexapis.com/v1"))
			.load()
			.migrate();
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.update("DELETE FROM SPRING_SESSION");
		// as SessionStoreConfiguration sets it up
		JdbcIndexedSessionRepository jdbcSessions = new JdbcIndexedSessionRepository(this.jdbc,
				TransactionOperations.withoutTransaction());
		jdbcSessions.setDefaultMaxInactiveInterval(TIMEOUT);
		this.jdbcSessions = counted(sessionsOf(jdbcSessions));
		TransactionTemplate writes = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		TransactionOperations counted = new TransactionOperations() {

			@Override
			public <T> T execute(TransactionCallback<T> action) {
				WriteSparingSessionRepositoryTests.this.transactions++;
				return writes.execute(action);
			}

		};
		this.sessions = new WriteSparingSessionRepository<>(this.jdbcSessions, counted, MAX_WRITE_INTERVAL);
	}

	@Test
	void saveWhenNothingChangedAndTheAccessTimeIsNotDueThenNoTransaction() {
		String id = newSession();
		this.transactions = 0;
		Instant stored = storedAccessTime(id);
		request(id, stored.plusSeconds(20));
		assertThat(this.transactions).isZero();
		request(id, stored.plus(MAX_WRITE_INTERVAL));
		assertThat(this.transactions).isOne();
	}

	@Test
	void saveWhenAnAttributeCannotBeStoredThenNoPartOfTheSessionIs() {
		WriteSparingSession<Session> session = this.sessions.createSession();
		session.setAttribute("greeting", "hello");
		session.setAttribute("unstorable", new Object());
		assertThatException().isThrownBy(() -> this.sessions.save(session));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION", Long.class)).isZero();
	}

	@Test
	void saveWhenUsedOnlyWithinTheWriteIntervalThenExpiryStaysWhereTheLastWriteSetIt() {
		String id = newSession();
		Instant stored = storedAccessTime(id);
		request(id, stored.plusSeconds(20));
		request(id, stored.plusSeconds(59));
		assertThat(storedAccessTime(id)).isEqualTo(stored);
		assertThat(storedExpiry(id)).isEqualTo(stored.plus(TIMEOUT));
	}

	@Test
	void saveWhenUsedAcrossTheWriteIntervalThenExpiryExtended() {
		String id = newSession();
		Instant stored = storedAccessTime(id);
		request(id, stored.plusSeconds(30));
		Instant later = stored.plus(MAX_WRITE_INTERVAL).plusMillis(1);
		request(id, later);
		assertThat(storedAccessTime(id)).isEqualTo(later);
		assertThat(storedExpiry(id)).isEqualTo(later.plus(TIMEOUT));
	}

	@Test
	void saveWhenAnAttributeChangesThenTheNewestAccessTimeIsWrittenWithIt() {
		String id = newSession();
		Instant stored = storedAccessTime(id);
		WriteSparingSession<Session> session = this.sessions.findById(id);
		session.setLastAccessedTime(stored.plusSeconds(10));
		session.setAttribute("greeting", "hello");
		this.sessions.save(session);
		assertThat(storedAccessTime(id)).isEqualTo(stored.plusSeconds(10));
		assertThat(this.sessions.findById(id).<String>getAttribute("greeting")).isEqualTo("hello");
	}

	@Test
	void saveWhenAMissingAttributeIsRemovedThenNothingIsWritten() {
		String id = newSession();
		Instant stored = storedAccessTime(id);
		WriteSparingSession<Session> session = this.sessions.findById(id);
		session.setLastAccessedTime(stored.plusSeconds(10));
		session.removeAttribute("never-set");
		this.sessions.save(session);
		assertThat(storedAccessTime(id)).isEqualTo(stored);
	}

	@Test
	void setLastAccessedTimeWhenOlderThanTheStoredOneThenIgnored() {
		String id = newSession();
		Instant stored = storedAccessTime(id);
		request(id, stored.plus(Duration.ofMinutes(5)));
		// a slow request that began before the one above ends after it
		WriteSparingSession<Session> slow = this.sessions.findById(id);
		slow.setLastAccessedTime(stored.plus(Duration.ofMinutes(2)));
		slow.setAttribute("greeting", "hello");
		this.sessions.save(slow);
		assertThat(storedAccessTime(id)).isEqualTo(stored.plus(Duration.ofMinutes(5)));
	}

	@Test
	void getLastAccessedTimeWhenNotWrittenYetThenTheLatestRequest() {
		String id = newSession();
		Instant stored = storedAccessTime(id);
		WriteSparingSession<Session> session = this.sessions.findById(id);
		session.setLastAccessedTime(stored.plusSeconds(10));
		assertThat(session.getLastAccessedTime()).isEqualTo(stored.plusSeconds(10));
	}

	@Test
	void findByIdWhenTheLastWriteIsOlderThanTheTimeoutThenExpired() {
		Session old = this.jdbcSessions.createSession();
		old.setLastAccessedTime(Instant.now().minus(TIMEOUT).minusSeconds(1));
		this.jdbcSessions.save(old);
		assertThat(this.sessions.findById(old.getId())).isNull();
	}

	@Test
	void saveWhenTheTimeoutIsShortThenTheWriteIntervalIsAHundredthOfIt() {
		String id = newSession();
		WriteSparingSession<Session> session = this.sessions.findById(id);
		session.setMaxInactiveInterval(Duration.ofMinutes(10));
		this.sessions.save(session);
		Instant stored = storedAccessTime(id);
		request(id, stored.plusSeconds(5));
		assertThat(storedAccessTime(id)).isEqualTo(stored);
		request(id, stored.plusSeconds(6));
		assertThat(storedAccessTime(id)).isEqualTo(stored.plusSeconds(6));
		assertThat(storedExpiry(id)).isEqualTo(stored.plusSeconds(6).plus(Duration.ofMinutes(10)));
	}

	@Test
	void writeIntervalWhenTimeoutIsLongOrNeverThenTheMaximum() {
		assertThat(WriteSparingSessionRepository.writeInterval(TIMEOUT, MAX_WRITE_INTERVAL))
			.isEqualTo(MAX_WRITE_INTERVAL);
		assertThat(WriteSparingSessionRepository.writeInterval(Duration.ofSeconds(-1), MAX_WRITE_INTERVAL))
			.isEqualTo(MAX_WRITE_INTERVAL);
		assertThat(WriteSparingSessionRepository.writeInterval(Duration.ofSeconds(30), MAX_WRITE_INTERVAL))
			.isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void findByPrincipalNameWhenSignedInThenFindsTheSession() {
		WriteSparingSession<Session> session = this.sessions.createSession();
		session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "zoe");
		this.sessions.save(session);
		Map<String, WriteSparingSession<Session>> found = this.sessions.findByPrincipalName("zoe");
		assertThat(found).containsOnlyKeys(session.getId());
		this.sessions.deleteById(session.getId());
		assertThat(this.sessions.findById(session.getId())).isNull();
	}

	@Test
	void findByIdWhenAskedTwiceInOneRequestThenReadOnceAndTheRequestsChangesKept() throws Exception {
		String id = newSession();
		this.loads = 0;
		withinRequest(() -> {
			WriteSparingSession<Session> first = this.sessions.findById(id);
			first.setAttribute("greeting", "hello");
			this.sessions.save(first);
			// Spring Session's second commit looks the session up again
			WriteSparingSession<Session> again = this.sessions.findById(id);
			assertThat(again).isSameAs(first);
			assertThat(again.<String>getAttribute("greeting")).isEqualTo("hello");
		});
		assertThat(this.loads).isOne();
		withinRequest(() -> assertThat(this.sessions.findById(id).<String>getAttribute("greeting")).isEqualTo("hello"));
		assertThat(this.loads).isEqualTo(2);
	}

	@Test
	void findByIdWhenOutsideARequestThenReadEachTime() {
		String id = newSession();
		this.loads = 0;
		this.sessions.findById(id);
		this.sessions.findById(id);
		assertThat(this.loads).isEqualTo(2);
	}

	@Test
	void findByIdWhenDeletedEarlierInTheRequestThenNone() throws Exception {
		String id = newSession();
		withinRequest(() -> {
			assertThat(this.sessions.findById(id)).isNotNull();
			this.sessions.deleteById(id);
			assertThat(this.sessions.findById(id)).isNull();
		});
	}

	@Test
	void findByIdWhenTheIdChangedEarlierInTheRequestThenNoneUnderTheOldId() throws Exception {
		String id = newSession();
		withinRequest(() -> {
			WriteSparingSession<Session> session = this.sessions.findById(id);
			String newId = session.changeSessionId();
			this.sessions.save(session);
			assertThat(this.sessions.findById(id)).isNull();
			assertThat(this.sessions.findById(newId).getId()).isEqualTo(newId);
		});
	}

	/** Runs {@code request} inside {@link SessionLoadedOncePerRequest}, as a request. */
	private static void withinRequest(Runnable request) throws Exception {
		new SessionLoadedOncePerRequest().doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
				(servletRequest, servletResponse) -> request.run());
	}

	// Its session type is not public: the sessions it hands out are the ones it takes
	// back.
	@SuppressWarnings("unchecked")
	private static FindByIndexNameSessionRepository<Session> sessionsOf(JdbcIndexedSessionRepository repository) {
		return (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) repository;
	}

	/** {@code sessions} counting the sessions it reads into {@link #loads}. */
	private FindByIndexNameSessionRepository<Session> counted(FindByIndexNameSessionRepository<Session> sessions) {
		return new FindByIndexNameSessionRepository<>() {

			@Override
			public Session findById(String id) {
				WriteSparingSessionRepositoryTests.this.loads++;
				return sessions.findById(id);
			}

			@Override
			public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
				return sessions.findByIndexNameAndIndexValue(indexName, indexValue);
			}

			@Override
			public Session createSession() {
				return sessions.createSession();
			}

			@Override
			public void save(Session session) {
				sessions.save(session);
			}

			@Override
			public void deleteById(String id) {
				sessions.deleteById(id);
			}

		};
	}

	private String newSession() {
		WriteSparingSession<Session> session = this.sessions.createSession();
		this.sessions.save(session);
		return session.getId();
	}

	/**
	 * One request of the session at {@code time}, as Spring Session's filter makes it.
	 */
	private void request(String id, Instant time) {
		WriteSparingSession<Session> session = this.sessions.findById(id);
		session.setLastAccessedTime(time);
		session.getAttribute("greeting");
		this.sessions.save(session);
	}

	private Instant storedAccessTime(String id) {
		return Instant.ofEpochMilli(this.jdbc
			.queryForObject("SELECT LAST_ACCESS_TIME FROM SPRING_SESSION WHERE SESSION_ID = ?", Long.class, id));
	}

	private Instant storedExpiry(String id) {
		return Instant.ofEpochMilli(this.jdbc
			.queryForObject("SELECT EXPIRY_TIME FROM SPRING_SESSION WHERE SESSION_ID = ?", Long.class, id));
	}

}
