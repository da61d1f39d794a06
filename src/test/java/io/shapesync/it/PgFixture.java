package io.shapesync.it;

import io.shapesync.config.PgConnectionInfo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The build's test Postgres: connections and uniquely named tables. */
final class PgFixture {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private PgFixture() {
    }

    static String databaseUrl() {
        String url = System.getProperty("shapesync.it.database-url");
        if (url == null) throw new IllegalStateException("shapesync.it.database-url is not set: run the ITs with mvn verify");
        return url;
    }

    static Connection connect() throws SQLException {
        PgConnectionInfo info = PgConnectionInfo.parse(databaseUrl());
        return DriverManager.getConnection(info.jdbcUrl(), info.properties());
    }

    static String uniqueTable(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_" + COUNTER.incrementAndGet();
    }

    /**
     * The rows of {@code SELECT columns FROM table [WHERE where]} as a client of the shape holds them: by key
     * ({@code "public"."table"/"<first column>"}), every value as text (null stays null).
     */
    static java.util.Map<String, java.util.Map<String, String>> rows(String table, String where, String... columns)
            throws SQLException {
        java.util.Map<String, java.util.Map<String, String>> rows = new java.util.TreeMap<>();
        String select = String.join(", ", java.util.Arrays.stream(columns).map(c -> c + "::text").toList());
        try (Connection c = connect(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + table + (where == null ? "" : " WHERE " + where))) {
            while (rs.next()) {
                java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 0; i < columns.length; i++) row.put(columns[i], rs.getString(i + 1));
                rows.put("\"public\".\"" + table + "\"/\"" + rs.getString(1) + "\"", row);
            }
        }
        return rows;
    }

    static void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }
}
