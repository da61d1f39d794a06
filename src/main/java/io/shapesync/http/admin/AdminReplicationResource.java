package io.shapesync.http.admin;

import io.shapesync.config.PgConnectionInfo;
import io.shapesync.config.SyncConfig;
import io.shapesync.replication.Database;
import io.shapesync.replication.ReplicationStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.Driver;

/**
 * {@code GET /v1/admin/replication}: the replication thread's state and the slot as {@code pg_replication_slots} shows
 * it, read on a short-lived ordinary connection (never the replication connection) that gives up after a few seconds.
 * Always 200: when Postgres is unreachable the slot's fields are null and {@code error} says why.
 */
@Path("/v1/admin/replication")
@RequestScoped
public class AdminReplicationResource {
    private static final Logger LOG = Logger.getLogger(AdminReplicationResource.class.getName());
    static final int CONNECT_TIMEOUT_SECONDS = 2;
    static final int SOCKET_TIMEOUT_SECONDS = 3;
    private static final Driver DRIVER = new Driver();

    private final ReplicationStatus status;
    private final Database database;
    private final SyncConfig config;

    @Inject
    public AdminReplicationResource(ReplicationStatus status, Database database, SyncConfig config) {
        this.status = status;
        this.database = database;
        this.config = config;
    }

    public AdminReplicationResource() {
        this(null, null, null);
    }

    @GET
    public Response replication() {
        SlotStatus pg = SlotStatus.UNKNOWN;
        String error = null;
        Optional<PgConnectionInfo> info = database.current();
        if (info.isEmpty()) {
            error = "Postgres is not known yet (the replication thread has not resolved it)";
        } else {
            try (Connection c = connect(info.get())) {
                pg = SlotStatus.read(c, config.slotName());
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "replication status: Postgres unreachable", e);
                error = "Postgres is unreachable: " + e.getMessage();
            }
        }
        ReplicationReport report = new ReplicationReport(status.state().name().toLowerCase(Locale.ROOT), status.detail(),
                config.slotName(), config.publicationName(), pg, error);
        return AdminResponses.json(200, report.toJson());
    }

    private static Connection connect(PgConnectionInfo info) throws SQLException {
        Properties p = info.properties();
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        p.setProperty("ApplicationName", "shapesync-admin");
        Connection c = DRIVER.connect(info.jdbcUrl(), p);
        if (c == null) throw new SQLException("pgjdbc refused the URL " + info.jdbcUrl());
        return c;
    }
}
