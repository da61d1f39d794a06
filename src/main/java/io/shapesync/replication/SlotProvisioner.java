package io.shapesync.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * Creates, when missing, the publication (empty: shapes add their tables) and the logical slot, on an ordinary
 * connection. Checks the prerequisites first so a misconfigured server gets a clear message.
 */
final class SlotProvisioner {
    private static final Logger LOG = Logger.getLogger(SlotProvisioner.class.getName());
    private final String publication;
    private final String slot;

    SlotProvisioner(String publication, String slot) {
        this.publication = publication;
        this.slot = slot;
    }

    /** Ensures publication and slot exist; true when the slot was created by this call. */
    boolean provision(Connection c) throws SQLException {
        String walLevel = single(c, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            throw new ReplicationException("Postgres has wal_level=" + walLevel
                    + "; ShapeSync needs wal_level=logical (ALTER SYSTEM SET wal_level = logical, then restart Postgres)", true, null);
        }
        boolean created = false;
        if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE PUBLICATION " + quote(publication));
                created = true;
                LOG.info(() -> "Created publication " + publication);
            } catch (SQLException e) {
                if (!"42710".equals(e.getSQLState())) throw e;  // created concurrently
            }
        }
        boolean slotExists = exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot);
        if (slotExists && created) {
            // a slot without its publication has streamed nothing for our tables: start it afresh
            LOG.warning(() -> "Publication " + publication + " was missing: recreating replication slot " + slot);
            execute(c, "SELECT pg_drop_replication_slot(?)", slot);
            slotExists = false;
        }
        if (slotExists && exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND wal_status = 'lost'", slot)) {
            // invalidated (max_slot_wal_keep_size exceeded): changes are gone from the stream for good
            LOG.severe(() -> "Replication slot " + slot + " lost the WAL it needed (max_slot_wal_keep_size exceeded): "
                    + "recreating it; every shape will be invalidated and its clients will refetch");
            execute(c, "SELECT pg_drop_replication_slot(?)", slot);
            slotExists = false;
        }
        if (!slotExists) {
            try {
                execute(c, "SELECT pg_create_logical_replication_slot(?, 'pgoutput')", slot);
                LOG.info(() -> "Created replication slot " + slot);
                return true;
            } catch (SQLException e) {
                if (!"42710".equals(e.getSQLState())) throw e;
            }
        }
        return false;
    }

    /** The slot's confirmed_flush_lsn (0 if Postgres reports none). */
    long confirmedFlush(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) return 0;
                return new java.math.BigDecimal(rs.getString(1)).longValue();
            }
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            ps.execute();
        }
    }
}
