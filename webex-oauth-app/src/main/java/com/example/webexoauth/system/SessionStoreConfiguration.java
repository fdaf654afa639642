package com.example.webexoauth.system;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.session.autoconfigure.SessionProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tunes the JDBC session store that all instances share: attribute writes are upserts, a
 * request whose session did not change writes nothing and opens no transaction
 * ({@link WriteSparingSessionRepository}), and a request reads its session once
 * ({@link SessionLoadedOncePerRequest}).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/** The longest a new last-access time waits for its write (at the 8 h timeout). */
	static final Duration MAX_ACCESS_TIME_WRITE_INTERVAL = Duration.ofMinutes(1);

	private static final String H2_UPSERT_ATTRIBUTE = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
			VALUES (?, ?, ?)
			""";

	/**
	 * Two concurrent requests of one session that add the same attribute must not fail on
	 * the attribute table's primary key (spring-session #1213, #2564). Spring Session
	 * ships the PostgreSQL variant; H2's {@code MERGE} does the same.
	 */
	@Bean
	@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:')")
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessionUpserts() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	@Bean
	@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:')")
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> h2SessionUpserts() {
		return (repository) -> repository.setCreateSessionAttributeQuery(H2_UPSERT_ATTRIBUTE);
	}

	/**
	 * Spring Session's JDBC repository runs without transactions of its own (it takes
	 * this bean by name); {@link WriteSparingSessionRepository} runs its writes in one.
	 * Not a candidate for plain injection, so that Spring Boot's
	 * {@code TransactionTemplate} stays.
	 */
	@Bean(defaultCandidate = false)
	TransactionOperations springSessionTransactionOperations() {
		return TransactionOperations.withoutTransaction();
	}

	/**
	 * Runs just before Spring Session's filter (wherever
	 * {@code spring.session.servlet.filter-order} puts it), so that a request reads its
	 * session once.
	 */
	@Bean
	FilterRegistrationBean<SessionLoadedOncePerRequest> sessionLoadedOncePerRequest(SessionProperties session) {
		FilterRegistrationBean<SessionLoadedOncePerRequest> registration = new FilterRegistrationBean<>(
				new SessionLoadedOncePerRequest());
		registration.setOrder(session.getServlet().getFilterOrder() - 1);
		return registration;
	}

	/**
	 * Puts {@link WriteSparingSessionRepository} in front of the repository that Spring
	 * Boot configures (a repository bean of our own would turn Boot's session
	 * configuration off). Writes run in a transaction of their own, as Spring Session's
	 * would.
	 */
	@Bean
	static BeanPostProcessor writeSparingSessionRepository(ObjectProvider<PlatformTransactionManager> transactions) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof JdbcIndexedSessionRepository repository)) {
					return bean;
				}
				TransactionTemplate writes = new TransactionTemplate(transactions.getObject());
				writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
				return new WriteSparingSessionRepository<>(repository, writes, MAX_ACCESS_TIME_WRITE_INTERVAL);
			}

		};
	}

}
