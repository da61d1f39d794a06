package io.shapesync.decoding;

import java.time.Instant;
import java.util.Objects;

/** {@code B}: start of a transaction; {@code finalLsn} is the LSN of its commit record. */
public record Begin(Lsn finalLsn, long commitTimeMicros, int xid) implements PgOutputMessage {
    public Begin {
        Objects.requireNonNull(finalLsn, "finalLsn");
    }

    /** {@link #commitTimeMicros()} (µs since 2000-01-01 UTC) as an instant. */
    public Instant commitTime() {
        return PgTime.toInstant(commitTimeMicros);
    }
}
