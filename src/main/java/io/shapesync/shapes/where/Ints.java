package io.shapesync.shapes.where;

import java.util.regex.Pattern;

/** int2/int4/int8 values as long, with Postgres' range errors. */
final class Ints {
    private static final Pattern INT = Pattern.compile("[+-]?\\d+");

    private Ints() {
    }

    static EvaluationException outOfRange(SqlType t) {
        return new EvaluationException(switch (t.name()) {
            case "int2" -> "smallint out of range";
            case "int4" -> "integer out of range";
            default -> "bigint out of range";
        });
    }

    static long check(long v, SqlType t) {
        switch (t.name()) {
            case "int2":
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(t);
                }
                break;
            case "int4":
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(t);
                }
                break;
            default:
                break;
        }
        return v;
    }

    static long parse(String text, SqlType t) {
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
