package io.shapesync.decoding;

import java.util.Objects;

/** A row was deleted; {@code oldRow} holds the key columns only unless {@code oldIsFull} (REPLICA IDENTITY FULL). */
public record RowDeleted(Relation relation, Row oldRow, boolean oldIsFull) implements Change {
    public RowDeleted {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(oldRow, "oldRow");
    }
}
