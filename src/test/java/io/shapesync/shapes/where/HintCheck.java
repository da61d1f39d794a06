package io.shapesync.shapes.where;

/** Evaluates an {@link IndexHint} on a row, as a routing index would: it must hold for every matching row. */
final class HintCheck {
    private HintCheck() {
    }

    static boolean satisfies(IndexHint hint, DiffTable table, DiffTable.Row row) {
        if (hint instanceof IndexHint.None) return true;
        if (hint instanceof IndexHint.AnyOf any) {
            return any.alternatives().stream().anyMatch(h -> satisfies(h, table, row));
        }
        if (hint instanceof IndexHint.Equality eq) {
            Object key = eq.space().key(table.text(row, eq.space().column()));
            return key != null && eq.keys().contains(key);
        }
        IndexHint.Range range = (IndexHint.Range) hint;
        Object key = range.space().key(table.text(row, range.space().column()));
        if (key == null) return false;
        var order = range.space().order();
        if (range.lower() != null) {
            int c = order.compare(key, range.lower());
            if (c < 0 || c == 0 && !range.lowerInclusive()) return false;
        }
        if (range.upper() != null) {
            int c = order.compare(key, range.upper());
            if (c > 0 || c == 0 && !range.upperInclusive()) return false;
        }
        return true;
    }
}
