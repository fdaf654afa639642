package com.example.webexoauth.system;

import com.example.webex.client.ConfigurationProblemsException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.example.webex.vault.OnEachDatabase;
import com.example.webex.vault.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DatabaseTimeoutsTests {

	@OnEachDatabase
	void connectionWhenFromThePoolThenCarriesTheConfiguredLimits(TestDatabase database) {
		runner(database).run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					Statement statement = connection.createStatement()) {
				if (database == TestDatabase.POSTGRES) {
					assertThat(show(statement, "SHOW lock_timeout")).isEqualTo("5s");
					assertThat(show(statement, "SHOW statement_timeout")).isEqualTo("15s");
				}
				else {
					assertThat(show(statement, "SELECT LOCK_TIMEOUT()")).isEqualTo("5000");
					assertThat(show(statement, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
							+ " WHERE SETTING_NAME = 'QUERY_TIMEOUT'"))
						.isEqualTo("15000");
				}
			}
		});
	}

	@OnEachDatabase
	void updateWhenRowLockedElsewhereThenFailsAfterTheLockTimeoutInsteadOfWaiting(TestDatabase database)
			throws Exception {
		JdbcTemplate setup = database.fresh().jdbc();
		setup.update("DELETE FROM SPRING_SESSION WHERE PRIMARY_ID = 'lock-test'");
		setup.update("INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,"
				+ " MAX_INACTIVE_INTERVAL, EXPIRY_TIME) VALUES ('lock-test', 'lock-test', 0, 0, 60, 0)");
		try (Connection holder = setup.getDataSource().getConnection()) {
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement
					.executeUpdate("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = 1 WHERE PRIMARY_ID = 'lock-test'");
			}
			runner(database).withPropertyValues("webex.database.lock-timeout=500ms").run((context) -> {
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				long started = System.nanoTime();
				// Without a lock timeout the UPDATE would wait for as long as the holder
				// likes.
				assertTimeoutPreemptively(Duration.ofSeconds(4),
						() -> assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> jdbc
							.update("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = 2 WHERE PRIMARY_ID = 'lock-test'")));
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.isGreaterThanOrEqualTo(Duration.ofMillis(400));
			});
			holder.rollback();
		}
		finally {
			setup.update("DELETE FROM SPRING_SESSION WHERE PRIMARY_ID = 'lock-test'");
		}
	}

	@Test
	void startWhenInitSqlSetExplicitlyThenLeftAlone() {
		runner(TestDatabase.H2).withPropertyValues("spring.datasource.hikari.connection-init-sql=SET LOCK_TIMEOUT 1234")
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).getConnectionInitSql())
				.isEqualTo("SET LOCK_TIMEOUT 1234"));
	}

	@Test
	void startWhenTimeoutIsZeroThenFailsWithOneSentence() {
		runner(TestDatabase.H2).withPropertyValues("webex.database.lock-timeout=0s").run((context) -> {
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof ConfigurationProblemsException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(ConfigurationProblemsException.class)
				.hasMessage("webex.database.lock-timeout must be at least 1 ms.");
		});
	}

	private static ApplicationContextRunner runner(TestDatabase database) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withUserConfiguration(DatabaseConfiguration.class)
			.withPropertyValues(database.properties());
	}

	private static String show(Statement statement, String sql) throws Exception {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
