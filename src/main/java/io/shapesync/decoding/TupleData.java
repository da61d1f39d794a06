package io.shapesync.decoding;

import java.util.Arrays;

/**
 * The column values of one tuple as sent: per column a kind, {@code 'n'} null, {@code 'u'} unchanged TOAST (no
 * value), {@code 't'} text or {@code 'b'} binary. Immutable.
 */
public final class TupleData {
    public static final char NULL = 'n';
    public static final char UNCHANGED_TOAST = 'u';
    public static final char TEXT = 't';
    public static final char BINARY = 'b';

    // Never mutated after construction; shared with Row.
    final byte[] kinds;
    final String[] texts;
    private final byte[][] binaries; // null unless a column is binary

    TupleData(byte[] kinds, String[] texts, byte[][] binaries) {
        this.kinds = kinds;
        this.texts = texts;
        this.binaries = binaries;
    }

    /** Builds a tuple from kinds and values: a text {@code String} for 't', {@code byte[]} for 'b', else null. */
    public static TupleData of(char[] kinds, Object... values) {
        if (kinds.length != values.length) {
            throw new IllegalArgumentException(kinds.length + " kinds but " + values.length + " values");
        }
        byte[] k = new byte[kinds.length];
        String[] t = new String[kinds.length];
        byte[][] b = null;
        for (int i = 0; i < kinds.length; i++) {
            k[i] = (byte) kinds[i];
            switch (kinds[i]) {
                case TEXT -> t[i] = (String) requireValue(values[i], i);
                case BINARY -> {
                    b = b == null ? new byte[kinds.length][] : b;
                    b[i] = ((byte[]) requireValue(values[i], i)).clone();
                }
                case NULL, UNCHANGED_TOAST -> {
                    if (values[i] != null) {
                        throw new IllegalArgumentException("column " + i + " of kind " + kinds[i] + " has a value");
                    }
                }
                default -> throw new IllegalArgumentException("unknown column kind " + kinds[i] + " at " + i);
            }
        }
        return new TupleData(k, t, b);
    }

    private static Object requireValue(Object value, int i) {
        if (value == null) {
            throw new IllegalArgumentException("column " + i + " needs a value");
        }
        return value;
    }

    public int size() {
        return kinds.length;
    }

    public char kind(int i) {
        return (char) kinds[i];
    }

    public boolean isNull(int i) {
        return kinds[i] == NULL;
    }

    public boolean isUnchangedToast(int i) {
        return kinds[i] == UNCHANGED_TOAST;
    }

    /** The text value of column {@code i}; null for 'n', 'u' and 'b' columns. */
    public String text(int i) {
        return texts[i];
    }

    /** A copy of the binary value of column {@code i}; null unless its kind is 'b'. */
    public byte[] binary(int i) {
        return binaries == null || binaries[i] == null ? null : binaries[i].clone();
    }

    boolean hasBinary() {
        return binaries != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleData t && Arrays.equals(kinds, t.kinds) && Arrays.equals(texts, t.texts)
                && Arrays.deepEquals(binaries, t.binaries);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kinds) + Arrays.hashCode(texts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TupleData[");
        for (int i = 0; i < kinds.length; i++) {
            sb.append(i == 0 ? "" : ", ");
            switch (kinds[i]) {
                case TEXT -> sb.append('\'').append(texts[i]).append('\'');
                case BINARY -> sb.append("binary(").append(binaries[i].length).append(')');
                default -> sb.append((char) kinds[i]);
            }
        }
        return sb.append(']').toString();
    }
}
