package io.shapesync.shapes.where;

import java.util.Arrays;
import java.util.List;

/** One evaluation of a compiled filter: the row, its lazily parsed column values, the subquery results. */
final class Frame {
    private static final Object UNSET = new Object();
    static final Frame EMPTY = new Frame(null, List.of(), null);

    private final RowValues row;
    private final List<SqlType> types;
    private final Object[] cache;
    final SubqueryValues subqueries;

    Frame(RowValues row, List<SqlType> types, SubqueryValues subqueries) {
        this.row = row;
        this.types = types;
        this.cache = new Object[types.size()];
        Arrays.fill(cache, UNSET);
        this.subqueries = subqueries;
    }

    Object column(int slot) {
        Object v = cache[slot];
        if (v == UNSET) {
            String text = row.text(slot);
            try {
                v = text == null ? null : TypeIO.parse(types.get(slot), text);
            } catch (IllegalArgumentException e) {
                throw new EvaluationException(e.getMessage());
            }
            cache[slot] = v;
        }
        return v;
    }
}
