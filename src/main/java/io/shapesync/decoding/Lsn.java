package io.shapesync.decoding;

/**
 * A Postgres WAL position: an unsigned 64-bit value printed {@code X/X} (upper-case hex of the high and
 * low 32 bits, no leading zeros), as Postgres prints {@code pg_lsn}.
 */
public record Lsn(long value) implements Comparable<Lsn> {
    public static final Lsn ZERO = new Lsn(0);

    /** Parses {@code X/X}, each half 1–8 hex digits (either case). */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN must not be null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("LSN '" + text + "' is not of the form X/X");
        }
        long high = parseHalf(text, 0, slash);
        long low = parseHalf(text, slash + 1, text.length());
        return new Lsn(high << 32 | low);
    }

    private static long parseHalf(String text, int from, int to) {
        if (to - from < 1 || to - from > 8) {
            throw new IllegalArgumentException("LSN '" + text + "' is not of the form X/X (1-8 hex digits each)");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("LSN '" + text + "' has a non-hex character at " + i);
            }
            v = v << 4 | digit;
        }
        return v;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    /** The value as an unsigned decimal, e.g. for offsets. */
    public String toDecimal() {
        return Long.toUnsignedString(value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + '/' + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}
