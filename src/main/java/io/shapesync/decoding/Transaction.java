package io.shapesync.decoding;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A committed transaction: {@code commitLsn} is the commit record's LSN (Begin's final LSN), {@code endLsn} the
 * position after it, which is what to acknowledge once the transaction is durable. Changes are in stream order.
 */
public record Transaction(int xid, Lsn commitLsn, Lsn endLsn, long commitTimeMicros, List<Change> changes) {
    public Transaction {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(endLsn, "endLsn");
        changes = List.copyOf(changes);
    }

    /** {@link #commitTimeMicros()} (µs since 2000-01-01 UTC) as an instant. */
    public Instant commitTime() {
        return PgTime.toInstant(commitTimeMicros);
    }
}
