package io.shapesync.shapes.where;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** float4 (Float) and float8 (Double) values with Postgres' input, output and arithmetic checks. */
final class Floats {
    private static final Pattern NUM = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Floats() {
    }

    static double parseDouble(String text, SqlType t) {
        String s = text.strip();
        switch (s.toLowerCase()) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "infinity", "+infinity", "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!NUM.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid input syntax for type " + t.display() + ": \"" + text + "\"");
        }
        boolean nonZero = s.chars().anyMatch(c -> c >= '1' && c <= '9' || c == 'e' || c == 'E')
                && new BigDecimal(s).signum() != 0;
        double d;
        if (t.name().equals("float4")) {
            float f = Float.parseFloat(s);
            if (Float.isInfinite(f) || f == 0 && nonZero) {
                throw new IllegalArgumentException("\"" + text + "\" is out of range for type real");
            }
            d = f;
        } else {
            d = Double.parseDouble(s);
            if (Double.isInfinite(d) || d == 0 && nonZero) {
                throw new IllegalArgumentException("\"" + text + "\" is out of range for type double precision");
            }
        }
        return d;
    }

    static Object parse(String text, SqlType t) {
        double d = parseDouble(text, t);
        return t.name().equals("float4") ? (Object) (float) d : (Object) d;
    }

    static double value(Object v) {
        return v instanceof Float f ? f.doubleValue() : (Double) v;
    }

    /** Postgres' shortest-exact output (extra_float_digits > 0). */
    static String format(Object v) {
        boolean single = v instanceof Float;
        double d = value(v);
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            boolean ok = single ? Float.parseFloat(r.toString()) == (float) d : Double.parseDouble(r.toString()) == d;
            if (ok) {
                shortest = r;
                break;
            }
        }
        BigDecimal s = shortest.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - s.scale();
        StringBuilder b = new StringBuilder();
        if (s.signum() < 0) {
            b.append('-');
        }
        if (exp >= -4 && exp < (single ? 6 : 15)) {
            if (exp >= 0) {
                if (digits.length() <= exp + 1) {
                    b.append(digits).append("0".repeat(exp + 1 - digits.length()));
                } else {
                    b.append(digits, 0, exp + 1).append('.').append(digits.substring(exp + 1));
                }
            } else {
                b.append("0.").append("0".repeat(-exp - 1)).append(digits);
            }
        } else {
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits.substring(1));
            }
            b.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                b.append('0');
            }
            b.append(ae);
        }
        return b.toString();
    }

    /** Postgres' float comparison: NaN = NaN and above everything; -0 = 0. */
    static int compare(double a, double b) {
        if (a == b) {
            return 0;
        }
        return Double.compare(a, b);
    }

    static double checkResult(double r, boolean infAllowed, boolean zeroAllowed) {
        if (Double.isInfinite(r) && !infAllowed) {
            throw new EvaluationException("value out of range: overflow");
        }
        if (r == 0 && !zeroAllowed) {
            throw new EvaluationException("value out of range: underflow");
        }
        return r;
    }

    static float checkResult4(double r, boolean infAllowed, boolean zeroAllowed) {
        float f = (float) r;
        if (Float.isInfinite(f) && !infAllowed) {
            throw new EvaluationException("value out of range: overflow");
        }
        if (f == 0 && !zeroAllowed) {
            throw new EvaluationException("value out of range: underflow");
        }
        return f;
    }

    /** Postgres' dpow. */
    static double pow(double x, double y) {
        if (Double.isNaN(x)) {
            return Double.isNaN(y) || y != 0 ? Double.NaN : 1;
        }
        if (Double.isNaN(y)) {
            return x != 1 ? Double.NaN : 1;
        }
        if (x == 0 && y < 0) {
            throw new EvaluationException("zero raised to a negative power is undefined");
        }
        if (x < 0 && Math.floor(y) != y) {
            throw new EvaluationException("a negative number raised to a non-integer power yields a complex result");
        }
        if (Double.isInfinite(y)) {
            double ax = Math.abs(x);
            if (ax == 1) {
                return 1;
            }
            return y > 0 ? (ax > 1 ? y : 0) : (ax > 1 ? 0 : Double.POSITIVE_INFINITY);
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(x)) {
            return r;
        }
        if (Double.isInfinite(r)) {
            throw new EvaluationException("value out of range: overflow");
        }
        if (r == 0 && x != 0) {
            throw new EvaluationException("value out of range: underflow");
        }
        return r;
    }

    static double sqrt(double x) {
        if (x < 0) {
            throw new EvaluationException("cannot take square root of a negative number");
        }
        return Math.sqrt(x);
    }

    /** float → int2/4/8 via rint, with range check. */
    static long toInteger(double d, SqlType t) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw Ints.outOfRange(t);
        }
        double r = Math.rint(d);
        if (r < -9.223372036854775808E18 || r >= 9.223372036854775808E18) {
            throw Ints.outOfRange(t);
        }
        return Ints.check((long) r, t);
    }

    /** float → numeric as Postgres does (%.{digits}g then numeric input). */
    static Object toNumeric(double d, int digits) {
        if (Double.isNaN(d)) {
            return NumSpecial.NAN;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? NumSpecial.POS_INF : NumSpecial.NEG_INF;
        }
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal r = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    static double fromNumeric(Object v) {
        if (v instanceof NumSpecial s) {
            return switch (s) {
                case NAN -> Double.NaN;
                case POS_INF -> Double.POSITIVE_INFINITY;
                case NEG_INF -> Double.NEGATIVE_INFINITY;
            };
        }
        double d = ((BigDecimal) v).doubleValue();
        if (Double.isInfinite(d)) {
            throw new EvaluationException("\"" + Numerics.format(v) + "\" is out of range for type double precision");
        }
        return d;
    }

    /** Normalised key (-0 → 0). */
    static Object key(double d) {
        return d == 0 ? 0.0d : d;
    }
}
