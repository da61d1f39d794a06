package io.shapesync.decoding;

import java.util.Objects;

/**
 * A row was updated. {@code oldRow} is null when Postgres sent no old tuple (identity DEFAULT and key unchanged);
 * otherwise it holds the key columns only ({@code oldIsFull} false, other columns null) or the whole old row
 * ({@code oldIsFull}, REPLICA IDENTITY FULL). {@code newRow}'s unchanged-TOAST columns were filled from a full
 * old row; without one they remain {@link Row#isUnchangedToast(int) unchanged}: keep the prior value.
 */
public record RowUpdated(Relation relation, Row oldRow, boolean oldIsFull, Row newRow) implements Change {
    public RowUpdated {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(newRow, "newRow");
        if (oldRow == null && oldIsFull) {
            throw new IllegalArgumentException("oldIsFull without an old row");
        }
    }

    /** True when the replica identity (key) changed, i.e. Postgres sent the old key. */
    public boolean hasOldRow() {
        return oldRow != null;
    }
}
