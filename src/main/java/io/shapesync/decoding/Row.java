package io.shapesync.decoding;

import java.util.Arrays;

/**
 * A row's column values as text, in relation column order: {@code null} for SQL NULL (and, in a key-only old
 * row, for the columns that were not sent); unchanged out-of-line TOAST columns have no value and report
 * {@link #isUnchangedToast(int)}. Immutable.
 */
public final class Row {
    private final byte[] kinds;   // TupleData kinds, never binary; never mutated
    private final String[] values; // never mutated

    private Row(byte[] kinds, String[] values) {
        this.kinds = kinds;
        this.values = values;
    }

    /**
     * The text values of {@code tuple}, sharing its arrays. Binary ({@code 'b'}) columns are not supported (the
     * stream is read in text mode) and throw {@link ProtocolException}.
     */
    public static Row of(TupleData tuple) {
        if (tuple.hasBinary()) {
            throw new ProtocolException("binary tuple values are not supported, read the stream without binary=true");
        }
        return new Row(tuple.kinds, tuple.texts);
    }

    public int size() {
        return values.length;
    }

    /** The text value of column {@code i}; null for SQL NULL and for an unchanged TOAST column. */
    public String get(int i) {
        return values[i];
    }

    public boolean isNull(int i) {
        return kinds[i] == TupleData.NULL;
    }

    public boolean isUnchangedToast(int i) {
        return kinds[i] == TupleData.UNCHANGED_TOAST;
    }

    public boolean hasUnchangedToast() {
        for (byte kind : kinds) {
            if (kind == TupleData.UNCHANGED_TOAST) {
                return true;
            }
        }
        return false;
    }

    /**
     * This row with each unchanged-TOAST column taken from {@code full}, a complete old row of the same relation
     * (REPLICA IDENTITY FULL), where it has a value; returns {@code this} when there is nothing to fill.
     */
    public Row withUnchangedFrom(Row full) {
        if (full.size() != size() || !hasUnchangedToast()) {
            return this;
        }
        byte[] k = kinds.clone();
        String[] v = values.clone();
        for (int i = 0; i < k.length; i++) {
            if (k[i] == TupleData.UNCHANGED_TOAST && full.kinds[i] == TupleData.TEXT) {
                k[i] = TupleData.TEXT;
                v[i] = full.values[i];
            }
        }
        return new Row(k, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.equals(kinds, r.kinds) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kinds) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Row[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ");
            if (kinds[i] == TupleData.TEXT) {
                sb.append('\'').append(values[i]).append('\'');
            } else {
                sb.append(kinds[i] == TupleData.NULL ? "null" : "unchanged-toast");
            }
        }
        return sb.append(']').toString();
    }
}
