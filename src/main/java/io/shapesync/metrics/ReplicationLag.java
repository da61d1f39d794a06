package io.shapesync.metrics;

/**
 * Lag arithmetic. WAL distances are unsigned LSN differences, never negative (a sample taken while the slot moves
 * may see the older position ahead of the newer one by a few bytes: that is 0). Time lag: see {@link #millis}.
 */
final class ReplicationLag {
    /** Milliseconds from the Unix epoch to the Postgres epoch (2000-01-01 00:00 UTC). */
    static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;

    private ReplicationLag() {
    }

    /** Bytes of WAL from {@code older} to {@code newer} (LSNs as unsigned longs); 0 when {@code older} is ahead. */
    static long walBytes(long newer, long older) {
        return Long.compareUnsigned(newer, older) > 0 ? newer - older : 0;
    }

    /**
     * Replication lag in ms: 0 while the replication thread is caught up (it has handed every change Postgres sent to
     * the shapes and sits between transactions) or stands by. Otherwise, since it last was caught up: now minus the
     * commit time of the newest transaction it processed since then, or, before it processed one, the time since it
     * was caught up. So a backlog shows its age, a transaction still being received counts from when it began to
     * arrive, and an outage counts from when the data was last known to be current.
     *
     * @param busyCommitMicros commit time (µs since 2000-01-01 UTC) of the newest transaction processed since the
     *                         thread was last caught up; 0 if none
     */
    static long millis(boolean caughtUp, boolean standby, long nowMillis, long caughtUpAtMillis, long busyCommitMicros) {
        if (caughtUp || standby) return 0;
        long since = busyCommitMicros == 0 ? caughtUpAtMillis : POSTGRES_EPOCH_MILLIS + Math.floorDiv(busyCommitMicros, 1_000L);
        return Math.max(0, nowMillis - since);
    }
}
