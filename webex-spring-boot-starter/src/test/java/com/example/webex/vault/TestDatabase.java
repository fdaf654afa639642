package com.example.webex.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.example.webex.vault.store.GrantIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases every storage and refresh test runs on: embedded H2, and a real
 * PostgreSQL (one embedded server per test JVM).
 */
public enum TestDatabase {

	H2 {
		@Override
		public String jdbcUrl() {
			// H2 waits 1 s for a row lock by default: too little for several instances
			// and key rotations sharing one database on two busy cores.
			return "jdbc:h2:mem:vault-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
		}

		@Override
		public String username() {
			return "sa";
		}
	},

	POSTGRES {
		@Override
		public String jdbcUrl() {
			return Postgres.INSTANCE.getJdbcUrl("postgres", "postgres");
		}

		@Override
		public String username() {
			return "postgres";
		}
	};

	/**
	 * The {@code WEBEX_API_BASE_URL} of {@link VaultContexts}, unless a test sets
	 * another.
	 */
	static final String DEFAULT_API_BASE_URL = "https://webexapis.com/v1";

	public abstract String jdbcUrl();

	public abstract String username();

	public String[] properties() {
		return new String[] { "spring.datasource.url=" + jdbcUrl(), "spring.datasource.username=" + username(),
				"spring.datasource.password=" };
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(), username(), ""));
	}

	/** Migrated, with no grants and no sessions. */
	public TestDatabase fresh() {
		flyway(GrantIssuer.of(DEFAULT_API_BASE_URL), null).migrate();
		JdbcTemplate jdbc = jdbc();
		jdbc.update("DELETE FROM webex_grant");
		jdbc.update("DELETE FROM SPRING_SESSION");
		return this;
	}

	/**
	 * Without any table, not even Flyway's: for a test that migrates from an older
	 * schema. The next {@link #fresh()} migrates it again.
	 */
	TestDatabase empty() {
		Flyway.configure()
			.dataSource(jdbc().getDataSource())
			.locations(migrations())
			.cleanDisabled(false)
			.load()
			.clean();
		return this;
	}

	/**
	 * Flyway for this database's migrations, as the app configures it.
	 * @param issuer what V2 fills into existing grants' issuer (the app passes its own)
	 * @param target the version to migrate to, {@code null} for the latest
	 */
	Flyway flyway(String issuer, String target) {
		var configuration = Flyway.configure()
			.dataSource(jdbc().getDataSource())
			.locations(migrations())
			.placeholders(Map.of(GrantIssuer.PLACEHOLDER, GrantIssuer.sqlLiteralContent(issuer)));
		if (target != null) {
			configuration.target(target);
		}
		return configuration.load();
	}

	private String[] migrations() {
		return new String[] { "classpath:db/webex/common",
				"classpath:db/webex/" + ((this == H2) ? "h2" : "postgresql") };
	}

	private static final class Postgres {

		// Started once per JVM: each start costs seconds. As root, the library runs
		// initdb through "unshare -U" because PostgreSQL refuses to run as root.
		static final EmbeddedPostgres INSTANCE = start();

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// the JVM is going away anyway
					}
				}));
				return postgres;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
