package io.shapesync.shapes.where;

import java.util.regex.Pattern;

/** int2/int4/int8 values as long, with Postgres' range errors. */
final class Ints {
    private static final Pattern INT = Pattern.compile("[+-]?\\d+");

    private Ints() {
    }

    private static final long NOT_DIGITS = Long.MIN_VALUE;

    /** The hot path (Postgres' own output: {@code -?[0-9]{1,18}}) without regex or allocation; else NOT_DIGITS. */
    private static long parseDigits(String text) {
        int n = text.length();
        int start = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (n - start < 1 || n - start > 18) {
            return NOT_DIGITS;
        }
        long v = 0;
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_DIGITS;
            }
            v = v * 10 + (c - '0');
        }
        return start == 1 ? -v : v;
    }

    static EvaluationException outOfRange(SqlType t) {
        return new EvaluationException(switch (t.name()) {
            case "int2" -> "smallint out of range";
            case "int4" -> "integer out of range";
            default -> "bigint out of range";
        });
    }

    static long check(long v, SqlType t) {
        if (v < min(t) || v > max(t)) {
            throw outOfRange(t);
        }
        return v;
    }

    /** The smallest value of {@code t} (int2, int4, else int8). */
    static long min(SqlType t) {
        return switch (t.name()) {
            case "int2" -> Short.MIN_VALUE;
            case "int4" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    /** The largest value of {@code t} (int2, int4, else int8). */
    static long max(SqlType t) {
        return switch (t.name()) {
            case "int2" -> Short.MAX_VALUE;
            case "int4" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /**
     * {@link #parse(String, SqlType)} with the type's bounds given ({@link #min}, {@link #max}): the hot path reads
     * neither {@code t} nor its name, which matters when every shape has its own type object.
     */
    static long parse(String text, SqlType t, long min, long max) {
        long fast = parseDigits(text);
        if (fast != NOT_DIGITS && fast >= min && fast <= max) {
            return fast;
        }
        return parse(text, t);
    }

    static long parse(String text, SqlType t) {
        long fast = parseDigits(text);
        if (fast != NOT_DIGITS) {
            try {
                return check(fast, t);
            } catch (EvaluationException e) {
                throw new IllegalArgumentException("value \"" + text + "\" is out of range for type " + t.display());
            }
        }
        String s = text.strip();
        if (!INT.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid input syntax for type " + t.display() + ": \"" + text + "\"");
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value \"" + text + "\" is out of range for type " + t.display());
        }
        try {
            return check(v, t);
        } catch (EvaluationException e) {
            throw new IllegalArgumentException("value \"" + text + "\" is out of range for type " + t.display());
        }
    }

    static long add(long a, long b, SqlType t) {
        long r;
        try {
            r = Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw outOfRange(t);
        }
        return check(r, t);
    }

    static long sub(long a, long b, SqlType t) {
        long r;
        try {
            r = Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw outOfRange(t);
        }
        return check(r, t);
    }

    static long mul(long a, long b, SqlType t) {
        long r;
        try {
            r = Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw outOfRange(t);
        }
        return check(r, t);
    }

    static long div(long a, long b, SqlType t) {
        if (b == 0) {
            throw new EvaluationException("division by zero");
        }
        if (b == -1) {
            return neg(a, t);
        }
        return a / b;
    }

    static long mod(long a, long b) {
        if (b == 0) {
            throw new EvaluationException("division by zero");
        }
        return b == -1 ? 0 : a % b;
    }

    static long neg(long a, SqlType t) {
        if (a == Long.MIN_VALUE) {
            throw outOfRange(t);
        }
        return check(-a, t);
    }

    static long abs(long a, SqlType t) {
        return a < 0 ? neg(a, t) : a;
    }

    static long shiftLeft(long a, long n, SqlType t) {
        return switch (t.name()) {
            case "int2" -> (short) ((int) a << (int) n);
            case "int4" -> (int) a << (int) n;
            default -> a << n;
        };
    }

    static long shiftRight(long a, long n, SqlType t) {
        return switch (t.name()) {
            case "int2", "int4" -> (int) a >> (int) n;
            default -> a >> n;
        };
    }

    static long not(long a, SqlType t) {
        return switch (t.name()) {
            case "int2" -> (short) ~a;
            case "int4" -> (int) ~a;
            default -> ~a;
        };
    }
}
