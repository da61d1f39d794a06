package io.shapesync.replication;

import io.shapesync.config.ConfigException;
import io.shapesync.config.PgConnectionInfo;
import io.shapesync.config.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Finds Postgres (DATABASE_URL, or in development the local Postgres started by the configured script) and opens
 * connections with the display settings the wire format needs (spec §7.3).
 */
@ApplicationScoped
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** Postgres text output settings shared by snapshots and the replication session. */
    public static final List<String> SESSION_SETTINGS = List.of(
            "SET bytea_output = 'hex'", "SET DateStyle = 'ISO, DMY'", "SET TimeZone = 'UTC'",
            "SET extra_float_digits = 1", "SET IntervalStyle = 'iso_8601'");

    private final SyncConfig config;
    private final Driver driver = new Driver();
    private volatile PgConnectionInfo resolved;
    private final ConnectionPool pool;

    /** How long an idle query connection is kept before it is closed (how many: sync.pg.pool-size). */
    static final long POOLED_IDLE_MILLIS = 60_000;

    @Inject
    public Database(SyncConfig config) {
        this.config = config;
        this.pool = new ConnectionPool(this::openQueryConnection, config.poolSize(), POOLED_IDLE_MILLIS);
    }

    protected Database() {
        this.config = null;
        this.pool = null;
    }

    /** Resolves where Postgres is; in development this may start (and install) the local Postgres. */
    public synchronized PgConnectionInfo resolve() {
        if (resolved == null) {
            if (config.databaseUrl().isPresent()) {
                resolved = PgConnectionInfo.parse(config.databaseUrl().get());
            } else if (config.devPostgresScript().isPresent()) {
                resolved = startDevelopmentPostgres(config.devPostgresScript().get());
            } else {
                throw new ConfigException("DATABASE_URL is not set (sync.pg.url): ShapeSync needs a Postgres to connect to");
            }
            LOG.info(() -> "Postgres: " + resolved);
        }
        return resolved;
    }

    /** The connection info if it is already known; never blocks. */
    public Optional<PgConnectionInfo> current() {
        return Optional.ofNullable(resolved);
    }

    private static PgConnectionInfo startDevelopmentPostgres(String script) {
        LOG.info(() -> "DATABASE_URL is not set: starting the local development Postgres with " + script + " start");
        try {
            Process p = new ProcessBuilder("bash", script, "start").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String url = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("DATABASE_URL=")) url = line.substring("DATABASE_URL=".length());
                }
            }
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || url == null) {
                throw new ConfigException("the local development Postgres did not start (" + script + " start failed)");
            }
            return PgConnectionInfo.parse(url);
        } catch (IOException e) {
            throw new ConfigException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while starting the local development Postgres", e);
        }
    }

    /**
     * A query connection (as {@link #openQueryConnection()}) from a small pool: closing it returns it (rolled back,
     * autocommit and isolation restored) unless it failed. For short queries and snapshots, not for connections held
     * for the life of the replication stream.
     */
    public Connection borrowQueryConnection() throws SQLException {
        return pool.borrow();
    }

    @jakarta.annotation.PreDestroy
    void closePool() {
        pool.close();
    }

    /**
     * An ordinary connection (autocommit on) with the display settings applied, for non-replication queries: to
     * sync.pg.query-url (ELECTRIC_POOLED_DATABASE_URL) when set, else to DATABASE_URL.
     */
    public Connection openQueryConnection() throws SQLException {
        resolve();
        PgConnectionInfo info = config.queryDatabaseUrl().map(PgConnectionInfo::parse).orElse(resolved);
        return open(info);
    }

    /**
     * An ordinary connection to DATABASE_URL itself, never to the query URL: for what must reach the database that
     * replicates (the instance lock, slot and publication set-up).
     */
    public Connection openDirectConnection() throws SQLException {
        return open(resolve());
    }

    private Connection open(PgConnectionInfo info) throws SQLException {
        return open(info, info.properties());
    }

    private Connection open(PgConnectionInfo info, Properties properties) throws SQLException {
        Connection c = driver.connect(info.jdbcUrl(), properties);
        if (c == null) throw new SQLException("pgjdbc refused the URL " + info.jdbcUrl());
        applySessionSettings(c);
        return c;
    }

    /** A walsender connection in logical (database) mode. */
    public Connection openReplicationConnection() throws SQLException {
        PgConnectionInfo info = resolve();
        Properties p = info.properties();
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return open(info, p);
    }

    private static void applySessionSettings(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : SESSION_SETTINGS) st.execute(sql);
        }
    }
}
