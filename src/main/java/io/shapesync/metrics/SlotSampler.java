package io.shapesync.metrics;

import io.shapesync.decoding.Lsn;
import io.shapesync.replication.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the server's WAL position and our slot's positions on an ordinary connection of its own (never the
 * replication connection), kept open between samples and reopened after an error. Called by one periodic task.
 */
final class SlotSampler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlotSampler.class.getName());
    private static final int TIMEOUT_SECONDS = 5;
    static final String SQL = "SELECT pg_current_wal_lsn()::text, restart_lsn::text, confirmed_flush_lsn::text "
            + "FROM pg_replication_slots WHERE slot_name = ?";

    /** One sample; a slot position is null when Postgres has none (a slot whose WAL was removed). */
    record Sample(Lsn current, Lsn restart, Lsn confirmedFlush) {
        /** WAL the slot holds on the server: current position − restart_lsn; -1 when unknown. */
        long retainedBytes() {
            return restart == null ? -1 : ReplicationLag.walBytes(current.value(), restart.value());
        }

        /** WAL written but not yet confirmed by ShapeSync: current position − confirmed_flush_lsn; -1 when unknown. */
        long lagBytes() {
            return confirmedFlush == null ? -1 : ReplicationLag.walBytes(current.value(), confirmedFlush.value());
        }

        static Sample of(String current, String restart, String confirmedFlush) {
            return new Sample(Lsn.parse(current), restart == null ? null : Lsn.parse(restart),
                    confirmedFlush == null ? null : Lsn.parse(confirmedFlush));
        }
    }

    private final Database database;
    private final String slot;
    private Connection connection;
    private boolean failing;

    SlotSampler(Database database, String slot) {
        this.database = database;
        this.slot = slot;
    }

    /** The slot's positions; empty when Postgres is not known yet, unreachable, or the slot does not exist. */
    Optional<Sample> sample() {
        if (database.current().isEmpty()) return Optional.empty();  // resolving it is the replication thread's job
        try {
            if (connection == null) {
                connection = database.openQueryConnection();
                connection.setNetworkTimeout(Runnable::run, TIMEOUT_SECONDS * 2_000);
            }
            try (PreparedStatement ps = connection.prepareStatement(SQL)) {
                ps.setQueryTimeout(TIMEOUT_SECONDS);
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    failing = false;
                    return rs.next() ? Optional.of(Sample.of(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) LOG.log(Level.WARNING, "Cannot sample replication slot {0} for metrics: {1}", new Object[] {slot, e.toString()});
            failing = true;
            close();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing the metrics connection", e);
        }
    }
}
