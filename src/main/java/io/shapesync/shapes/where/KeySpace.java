package io.shapesync.shapes.where;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the values of one column are turned into routing-index keys for one comparison type: {@code id = 5} on an
 * int4 column and {@code id IN (1, 2)} share a space; {@code id = 2.5} (compared as numeric) has another. Keys are
 * normalised so that two values are equal keys iff the comparison operator calls them equal (numeric 1.0 and 1.00,
 * float -0 and 0, bpchar padding). Equal spaces ({@link #equals}) share one index.
 */
public final class KeySpace {
    private final String column;
    private final String comparisonType;
    private final Function<String, Object> keyOf;
    private final Comparator<Object> order;

    public KeySpace(String column, String comparisonType, Function<String, Object> keyOf, Comparator<Object> order) {
        this.column = column;
        this.comparisonType = comparisonType;
        this.keyOf = keyOf;
        this.order = order;
    }

    public String column() { return column; }

    public String comparisonType() { return comparisonType; }

    /** The key of a row's column text value; null for NULL (a NULL never equals or falls in a range). */
    public Object key(String text) {
        return text == null ? null : keyOf.apply(text);
    }

    /** Total order of keys, the comparison operator's order (for range hints). */
    public Comparator<Object> order() { return order; }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySpace k && k.column.equals(column) && k.comparisonType.equals(comparisonType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(column, comparisonType);
    }

    @Override
    public String toString() {
        return column + "::" + comparisonType;
    }
}
