package io.shapesync.decoding;

import java.time.Instant;

/** Postgres timestamps: microseconds since 2000-01-01 00:00:00 UTC. */
final class PgTime {
    /** Seconds from the Unix epoch to the Postgres epoch. */
    static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private PgTime() {
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
