package com.example.webexoauth.system;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Applies {@link DatabaseProperties} to each new connection of the Hikari pool through
 * Hikari's {@code connectionInitSql}, in the dialect of the database the JDBC URL names:
 * the URL comes from the environment ({@code SPRING_DATASOURCE_URL}), so it cannot carry
 * them for every database, and PostgreSQL has neither limit by default. A
 * {@code spring.datasource.hikari.connection-init-sql} set explicitly is left alone.
 */
final class DatabaseTimeouts implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(DatabaseTimeouts.class);

	private final DatabaseProperties properties;

	DatabaseTimeouts(DatabaseProperties properties) {
		this.properties = properties;
	}

	// Before initialization: after Boot has bound spring.datasource.hikari.*, before
	// anything can have started the pool (which freezes its configuration).
	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource) {
			String initSql = initSql(dataSource.getJdbcUrl());
			if (dataSource.getConnectionInitSql() != null) {
				logger.info("spring.datasource.hikari.connection-init-sql is set; webex.database timeouts not applied");
			}
			else if (initSql != null) {
				dataSource.setConnectionInitSql(initSql);
			}
		}
		return bean;
	}

	/**
	 * The statement that sets both limits on a new connection, or null for another
	 * database.
	 */
	String initSql(String jdbcUrl) {
		long lock = this.properties.lockTimeout().toMillis();
		long statement = this.properties.statementTimeout().toMillis();
		if (jdbcUrl == null) {
			return null;
		}
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return "SELECT set_config('lock_timeout', '" + lock + "ms', false), set_config('statement_timeout', '"
					+ statement + "ms', false)";
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			return "SET LOCK_TIMEOUT " + lock + "; SET QUERY_TIMEOUT " + statement;
		}
		return null;
	}

}
