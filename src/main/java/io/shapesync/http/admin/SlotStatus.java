package io.shapesync.http.admin;

import io.shapesync.decoding.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The replication slot as Postgres sees it: whether a walsender uses it, the LSN it confirmed, the LSN ShapeSync last
 * reported as received (pg_stat_replication's {@code write_lsn}), the server's current WAL position, and what follows
 * from them: {@code lagBytes} (server - confirmed), {@code retainedWalBytes} (server - restart_lsn, the WAL Postgres
 * keeps for the slot) and {@code lagMs} (0 when nothing is pending, else pg_stat_replication's flush lag, null when
 * Postgres has none). Every field is null when unknown (no slot, no walsender, Postgres unreachable).
 */
public record SlotStatus(Boolean exists, Boolean active, String confirmedFlushLsn, String receivedLsn,
                         String serverWalLsn, Long lagBytes, Long retainedWalBytes, Long lagMs) {

    public static final SlotStatus UNKNOWN = new SlotStatus(null, null, null, null, null, null, null, null);

    private static final String SLOT_SQL = "SELECT s.active, s.confirmed_flush_lsn::text, s.restart_lsn::text, "
            + "r.write_lsn::text, (extract(epoch FROM coalesce(r.flush_lag, r.write_lag)) * 1000)::int8 "
            + "FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid WHERE s.slot_name = ?";

    /**
     * Reads the slot, then the server's WAL position (in that order, so the position is never behind what the slot
     * confirmed).
     */
    public static SlotStatus read(Connection c, String slot) throws SQLException {
        boolean exists = false;
        Boolean active = null;
        String confirmed = null;
        String restart = null;
        String received = null;
        Long flushLagMs = null;
        try (PreparedStatement st = c.prepareStatement(SLOT_SQL)) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    exists = true;
                    active = rs.getBoolean(1);
                    confirmed = rs.getString(2);
                    restart = rs.getString(3);
                    received = rs.getString(4);
                    long lag = rs.getLong(5);
                    flushLagMs = rs.wasNull() ? null : lag;
                }
            }
        }
        String server;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text")) {
            rs.next();
            server = rs.getString(1);
        }
        return of(exists, active, confirmed, restart, received, server, flushLagMs);
    }

    /** The status from the raw readings (LSNs as Postgres prints them, {@code X/X}; null when absent). */
    static SlotStatus of(Boolean exists, Boolean active, String confirmed, String restart, String received, String server,
                         Long flushLagMs) {
        Long lagBytes = diff(server, confirmed);
        Long lagMs = lagBytes != null && lagBytes == 0 ? Long.valueOf(0) : flushLagMs;
        return new SlotStatus(exists, active, confirmed, received, server, lagBytes, diff(server, restart), lagMs);
    }

    /** {@code to - from} in bytes, 0 when {@code from} is ahead; null when either is unknown. */
    static Long diff(String to, String from) {
        if (to == null || from == null) return null;
        long t = Lsn.parse(to).value();
        long f = Lsn.parse(from).value();
        return Long.compareUnsigned(t, f) <= 0 ? 0L : t - f;
    }
}
