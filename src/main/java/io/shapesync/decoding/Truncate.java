package io.shapesync.decoding;

import java.util.List;

/** {@code T}: truncated relations; {@code options} bit 1 = CASCADE, bit 2 = RESTART IDENTITY. */
public record Truncate(int options, List<Integer> relationIds) implements PgOutputMessage {
    public static final int CASCADE = 1;
    public static final int RESTART_IDENTITY = 2;

    public Truncate {
        relationIds = List.copyOf(relationIds);
    }

    public boolean cascade() {
        return (options & CASCADE) != 0;
    }

    public boolean restartIdentity() {
        return (options & RESTART_IDENTITY) != 0;
    }
}
