package com.example.webex.vault.store;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.DatabaseMetaDataCallback;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The databases the vault supports; they differ in their atomic upsert and in whether a
 * generated key file is acceptable.
 */
public enum Dialect {

	H2, POSTGRESQL;

	public static Dialect of(DataSource dataSource) {
		String product = metaData(dataSource, DatabaseMetaData::getDatabaseProductName).toLowerCase(Locale.ROOT);
		if (product.contains("h2")) {
			return H2;
		}
		if (product.contains("postgres")) {
			return POSTGRESQL;
		}
		throw new IllegalStateException("The token vault supports H2 and PostgreSQL, not " + product);
	}

	/**
	 * Whether the database lives inside this JVM (H2 in memory or in a file, not an H2
	 * server), so no other instance can share its grants.
	 */
	public static boolean isEmbeddedH2(DataSource dataSource) {
		if (of(dataSource) != H2) {
			return false;
		}
		String url = metaData(dataSource, DatabaseMetaData::getURL).toLowerCase(Locale.ROOT);
		return !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
	}

	private static String metaData(DataSource dataSource, DatabaseMetaDataCallback<String> callback) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, callback);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Could not identify the database", ex);
		}
	}

}
