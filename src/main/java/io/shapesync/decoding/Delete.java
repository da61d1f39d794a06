package io.shapesync.decoding;

import java.util.Objects;

/** {@code D}: a deleted row; {@code oldTupleKind} {@code 'K'} (key columns only) or {@code 'O'} (whole row). */
public record Delete(int relationId, char oldTupleKind, TupleData oldTuple) implements PgOutputMessage {
    public Delete {
        Objects.requireNonNull(oldTuple, "oldTuple");
        if (oldTupleKind != 'K' && oldTupleKind != 'O') {
            throw new IllegalArgumentException("old tuple kind must be 'K' or 'O', was " + (int) oldTupleKind);
        }
    }
}
