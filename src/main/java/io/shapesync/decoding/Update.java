package io.shapesync.decoding;

import java.util.Objects;

/**
 * {@code U}: a changed row. {@code oldTupleKind} is {@code 'K'} (key columns only, others null), {@code 'O'} (the
 * whole old row, REPLICA IDENTITY FULL) or {@code 0} when no old tuple was sent ({@code oldTuple} is then null).
 */
public record Update(int relationId, char oldTupleKind, TupleData oldTuple, TupleData newTuple)
        implements PgOutputMessage {
    public Update {
        Objects.requireNonNull(newTuple, "newTuple");
        if (oldTupleKind == 0 ? oldTuple != null : (oldTupleKind != 'K' && oldTupleKind != 'O') || oldTuple == null) {
            throw new IllegalArgumentException(
                    "old tuple kind " + (int) oldTupleKind + " does not match old tuple " + oldTuple);
        }
    }

    public boolean hasOldTuple() {
        return oldTuple != null;
    }
}
