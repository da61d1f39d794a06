package io.shapesync.decoding;

import java.time.Instant;
import java.util.Objects;

/** {@code C}: end of a transaction; {@code endLsn} is what to acknowledge once it is durable. */
public record Commit(int flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros) implements PgOutputMessage {
    public Commit {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(endLsn, "endLsn");
    }

    /** {@link #commitTimeMicros()} (µs since 2000-01-01 UTC) as an instant. */
    public Instant commitTime() {
        return PgTime.toInstant(commitTimeMicros);
    }
}
