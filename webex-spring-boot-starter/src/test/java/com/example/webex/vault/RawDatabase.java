package com.example.webex.vault;

import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Every value of every table as an attacker with a copy of the database would see it: as
 * text and as bytes, for looking for secrets in any of their usual encodings.
 */
public final class RawDatabase {

	private RawDatabase() {
	}

	/** Every column of every row of every table of the connection's schema. */
	public static List<Cell> cells(DataSource dataSource) throws SQLException {
		List<Cell> cells = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			for (String table : tables(connection)) {
				try (Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
					ResultSetMetaData columns = rows.getMetaData();
					while (rows.next()) {
						for (int i = 1; i <= columns.getColumnCount(); i++) {
							cells.add(cell(table, columns.getColumnName(i), rows, i));
						}
					}
				}
			}
		}
		return cells;
	}

	private static List<String> tables(Connection connection) throws SQLException {
		List<String> tables = new ArrayList<>();
		DatabaseMetaData metaData = connection.getMetaData();
		try (ResultSet result = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%",
				new String[] { "TABLE" })) {
			while (result.next()) {
				tables.add(result.getString("TABLE_NAME"));
			}
		}
		return tables;
	}

	private static Cell cell(String table, String column, ResultSet rows, int index) throws SQLException {
		Object value = rows.getObject(index);
		byte[] bytes;
		if (value == null) {
			bytes = new byte[0];
		}
		else if (value instanceof byte[] binary) {
			bytes = binary;
		}
		else if (value instanceof Blob blob) {
			bytes = blob.getBytes(1, Math.toIntExact(blob.length()));
		}
		else if (value instanceof Clob clob) {
			bytes = clob.getSubString(1, Math.toIntExact(clob.length())).getBytes(StandardCharsets.UTF_8);
		}
		else {
			bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
		}
		String text = rows.getString(index);
		return new Cell(table, column, (text != null) ? text : "", bytes);
	}

	/**
	 * Where any of the secrets is found in any of its {@link #forms}: names of the
	 * secret, form and place, never the secret itself.
	 */
	public static List<String> leaks(List<Cell> cells, Map<String, String> secrets) {
		List<String> leaks = new ArrayList<>();
		secrets.forEach((name, secret) -> forms(secret).forEach((form, value) -> {
			for (Cell cell : cells) {
				if (cell.holds(value)) {
					leaks.add(cell.table() + "." + cell.column() + " holds the " + name + " (" + form + ")");
				}
			}
		}));
		return leaks;
	}

	/**
	 * A secret's forms worth looking for: as is, base64 and base64url (with and without
	 * padding) of its UTF-8 bytes, and hex.
	 */
	public static Map<String, String> forms(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		Map<String, String> forms = new LinkedHashMap<>();
		forms.put("plain", secret);
		forms.put("base64", Base64.getEncoder().encodeToString(bytes));
		forms.put("base64 unpadded", Base64.getEncoder().withoutPadding().encodeToString(bytes));
		forms.put("base64url", Base64.getUrlEncoder().encodeToString(bytes));
		forms.put("base64url unpadded", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
		forms.put("hex", HexFormat.of().formatHex(bytes));
		forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
		return forms;
	}

	/** Whether {@code haystack} contains {@code needle} as a byte sequence. */
	public static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	/**
	 * One value.
	 *
	 * @param table the table
	 * @param column the column
	 * @param text the value as the driver renders it as text
	 * @param bytes the value's bytes (binary columns as stored, others as UTF-8 text)
	 */
	public record Cell(String table, String column, String text, byte[] bytes) {

		/**
		 * Whether the value holds {@code form} in its text, its bytes, or its bytes read
		 * as UTF-8.
		 */
		public boolean holds(String form) {
			byte[] needle = form.getBytes(StandardCharsets.UTF_8);
			return this.text.contains(form) || RawDatabase.contains(this.bytes, needle)
					|| new String(this.bytes, StandardCharsets.UTF_8).contains(form);
		}

	}

}
