package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;

/**
 * A row's key per key space of the index (by ordinal), computed once per lookup. {@code null} is SQL NULL or a space
 * the lookup skipped (matches nothing); {@link #UNKNOWN} is a value the space could not turn into a key, which may
 * match anything (the caller's filter decides).
 */
final class RowKeys {
    /** The key of a value that {@code KeySpace.key} rejected. */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "UNKNOWN";
        }
    };

    private final Object[] keys;

    RowKeys(int spaces) {
        this.keys = new Object[spaces];
    }

    void set(int ordinal, Object key) {
        keys[ordinal] = key;
    }

    Object get(int ordinal) {
        return ordinal < keys.length ? keys[ordinal] : null;
    }

    /** Whether the index reports {@code hint} (an Equality or Range alternative in space {@code ordinal}) for this row. */
    boolean matches(int ordinal, IndexHint hint) {
        Object key = get(ordinal);
        if (key == null) {
            return false;
        }
        if (key == UNKNOWN) {
            return true;
        }
        if (hint instanceof IndexHint.Equality equality) {
            return equality.keys().contains(key);
        }
        return Bounds.contains((IndexHint.Range) hint, key);
    }
}
