package com.example.webexoauth.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void migrationContainsSpringSessionSchemaVerbatim(String vendor) throws IOException {
		String shipped = read("org/springframework/session/jdbc/schema-" + vendor + ".sql");
		assertThat(read("db/migration/" + vendor + "/V1__sessions_and_grants.sql")).contains(shipped.trim());
	}

	@OnEachDatabase
	void springSessionWhenSavingAndLoadingThenWorksOnMigratedSchema(TestDatabase database) {
		JdbcTemplate jdbc = database.fresh().jdbc();
		JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())));
		assertRoundTrip(sessions);
	}

	private static <S extends Session> void assertRoundTrip(SessionRepository<S> sessions) {
		S session = sessions.createSession();
		session.setAttribute("greeting", "hello");
		sessions.save(session);
		assertThat(sessions.findById(session.getId()).<String>getAttribute("greeting")).isEqualTo("hello");
	}

	private static String read(String path) throws IOException {
		return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
	}

}
