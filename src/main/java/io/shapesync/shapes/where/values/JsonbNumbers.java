package io.shapesync.shapes.where.values;

import java.math.BigDecimal;
import java.math.BigInteger;

/** jsonb numbers as Postgres' {@code numeric}: scale as written (never negative), range limits, text output. */
final class JsonbNumbers {
    private static final int DSCALE_MAX = 16383;
    private static final int WEIGHT_MAX = 32767;

    private JsonbNumbers() {
    }

    /** numeric_in of JSON number text. */
    static BigDecimal fromText(String text) {
        BigDecimal bd;
        try {
            bd = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw overflow();
        }
        if (bd.scale() > DSCALE_MAX) {
            throw overflow();
        }
        if (bd.signum() != 0) {
            long e = (long) bd.precision() - bd.scale() - 1;
            if (Math.floorDiv(e, 4) > WEIGHT_MAX) {
                throw overflow();
            }
        }
        return bd.scale() < 0 ? bd.setScale(0) : bd;
    }

    private static IllegalArgumentException overflow() {
        return new IllegalArgumentException("value overflows numeric format");
    }

    /** Any Java number as numeric (BigDecimal kept, integers exact, doubles via their shortest text). */
    static BigDecimal of(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd.scale() < 0 ? bd.setScale(0) : bd;
        }
        if (n instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (n instanceof Double || n instanceof Float) {
            return fromText(n.toString().replace("Infinity", "x"));
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** numeric_out. */
    static String text(Number n) {
        return of(n).toPlainString();
    }
}
