package io.shapesync.shapes.where;

import java.util.List;

/** Derives the routing-index hint of a clause (see {@link IndexHint}). */
final class HintBuilder {
    private HintBuilder() {
    }

    static IndexHint hint(Expr e, List<SqlType> slotTypes) {
        return IndexHint.NONE;
    }
}
