package io.shapesync.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Progress of one initial snapshot. The snapshot thread counts rows ({@link #row()}: an increment, and a clock read
 * every {@value #CHECK_EVERY} rows); every {@link #LOG_EVERY_NANOS} it logs rows, rows/s and the ETA. The counts are
 * published for other threads (metrics) at the same points. The ETA needs an estimate of the total, taken from
 * {@code pg_class.reltuples} for snapshots of a whole table; a where clause leaves it unknown.
 */
public final class SnapshotProgress implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SnapshotProgress.class.getName());
    static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final int CHECK_EVERY = 256;

    /** Told once when the snapshot ends: completed or not, and how long it ran. */
    public interface Listener {
        void finished(SnapshotProgress progress, boolean completed, long nanos);
    }

    /** Sums over running snapshots; {@code etaSeconds}: the longest known ETA, -1 if none is known, 0 if none runs. */
    record Totals(int running, long rows, long estimatedRows, double rowsPerSecond, long etaSeconds) {
    }

    private final String table;
    private final String handle;
    private final LongSupplier nanoClock;
    private final Listener listener;
    private final long startNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long rows;  // snapshot thread only
    private long nextLogNanos;
    private boolean completed;
    private volatile long publishedRows;
    private volatile long estimatedRows = -1;

    public SnapshotProgress(String table, String handle, LongSupplier nanoClock, Listener listener) {
        this.table = table;
        this.handle = handle;
        this.nanoClock = nanoClock;
        this.listener = listener;
        this.startNanos = nanoClock.getAsLong();
        this.nextLogNanos = startNanos + LOG_EVERY_NANOS;
    }

    /** Sets the estimated number of rows; 0 or less means unknown. */
    public void estimate(long total) {
        estimatedRows = total > 0 ? total : -1;
    }

    /** One row was written to the shape's log. */
    public void row() {
        if (++rows % CHECK_EVERY == 0) check(nanoClock.getAsLong());
    }

    void check(long now) {
        publishedRows = rows;
        if (now - nextLogNanos >= 0) {
            LOG.info(line(now));
            nextLogNanos = now + LOG_EVERY_NANOS;
        }
    }

    /** Every row is written: {@link #close()} reports a completed snapshot. */
    public void completed() {
        publishedRows = rows;
        completed = true;
    }

    /** Ends tracking (once); a snapshot that did not reach {@link #completed()} counts as failed. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) listener.finished(this, completed, nanoClock.getAsLong() - startNanos);
    }

    /** Rows written so far, as last published (at most {@value #CHECK_EVERY} behind). */
    public long rows() { return publishedRows; }

    /** The estimated total, -1 when unknown. */
    public long estimatedRows() { return estimatedRows; }

    /** Average rows per second since the start. */
    double rowsPerSecond(long now) {
        long elapsed = now - startNanos;
        return elapsed <= 0 ? 0 : publishedRows * 1e9 / elapsed;
    }

    /** Seconds left at the average rate; -1 when unknown (no estimate, no rate yet, or the estimate is passed). */
    long etaSeconds(long now) {
        long total = estimatedRows;
        long done = publishedRows;
        double rate = rowsPerSecond(now);
        if (total <= 0 || done >= total || rate <= 0) return -1;
        return (long) Math.ceil((total - done) / rate);
    }

    String line(long now) {
        long eta = etaSeconds(now);
        return "snapshot of " + table + " for shape " + handle + ": " + publishedRows + " rows, "
                + Math.round(rowsPerSecond(now)) + " rows/s, " + (eta < 0 ? "ETA unknown" : "ETA " + duration(eta));
    }

    /** {@code 42 s}, {@code 3 min 05 s}, {@code 2 h 03 min}. */
    static String duration(long seconds) {
        if (seconds < 60) return seconds + " s";
        if (seconds < 3600) return String.format("%d min %02d s", seconds / 60, seconds % 60);
        return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    static Totals totals(Collection<SnapshotProgress> running, long now) {
        long rows = 0;
        long estimated = 0;
        double rate = 0;
        long eta = running.isEmpty() ? 0 : -1;
        int n = 0;
        for (SnapshotProgress p : running) {
            n++;
            rows += p.rows();
            if (p.estimatedRows() > 0) estimated += p.estimatedRows();
            rate += p.rowsPerSecond(now);
            eta = Math.max(eta, p.etaSeconds(now));
        }
        return new Totals(n, rows, estimated, rate, eta);
    }

    /** Postgres' estimate of a table's rows ({@code pg_class.reltuples}); -1 when unknown (never analyzed, or 0). */
    public static long estimateRows(Connection c, int tableOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = ?")) {
            ps.setInt(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                long n = rs.next() ? rs.getLong(1) : -1;
                return n > 0 ? n : -1;
            }
        }
    }
}
