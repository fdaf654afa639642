package com.example.webexoauth.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Makes session attribute writes upserts, so two concurrent requests of one session that add
 * the same attribute do not fail on the attribute table's primary key (spring-session #1213,
 * #2564). Spring Session ships the PostgreSQL variant; H2's {@code MERGE} does the same.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	private static final String H2_UPSERT_ATTRIBUTE = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
			VALUES (?, ?, ?)
			""";

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

}
