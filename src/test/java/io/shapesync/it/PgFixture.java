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

    static void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }
}
