package io.shapesync.decoding;

import java.util.Objects;

/** A row was inserted. */
public record RowInserted(Relation relation, Row row) implements Change {
    public RowInserted {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(row, "row");
    }
}
