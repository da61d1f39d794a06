package io.shapesync.decoding;

import java.util.Objects;

/** {@code I}: a new row. */
public record Insert(int relationId, TupleData newTuple) implements PgOutputMessage {
    public Insert {
        Objects.requireNonNull(newTuple, "newTuple");
    }
}
