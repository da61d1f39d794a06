package io.shapesync.shapes.where;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** numeric values: {@link BigDecimal} (scale = display scale, never negative) or {@link NumSpecial}. */
final class Numerics {
    private static final Pattern NUM = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Numerics() {
    }

    static Object parse(String text) {
        String s = text.strip();
        switch (s.toLowerCase()) {
            case "nan":
                return NumSpecial.NAN;
            case "infinity", "+infinity", "inf", "+inf":
                return NumSpecial.POS_INF;
            case "-infinity", "-inf":
                return NumSpecial.NEG_INF;
            default:
                break;
        }
        if (!NUM.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid input syntax for type numeric: \"" + text + "\"");
        }
        BigDecimal d = new BigDecimal(s);
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    static String format(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    private static int rank(Object v) {
        if (v instanceof NumSpecial s) {
            return switch (s) {
                case NEG_INF -> -1;
                case POS_INF -> 1;
                case NAN -> 2;
            };
        }
        return 0;
    }

    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != 0 || rb != 0) {
            return Integer.compare(ra, rb);
        }
        return ((BigDecimal) a).compareTo((BigDecimal) b);
    }

    /** Normalised key: equal numerics give equal keys. */
    static Object key(Object v) {
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return v;
    }

    private static int sign(Object v) {
        if (v == NumSpecial.POS_INF) {
            return 1;
        }
        if (v == NumSpecial.NEG_INF) {
            return -1;
        }
        return ((BigDecimal) v).signum();
    }

    private static Object inf(int sign) {
        return sign > 0 ? NumSpecial.POS_INF : NumSpecial.NEG_INF;
    }

    static Object add(Object a, Object b) {
        if (a == NumSpecial.NAN || b == NumSpecial.NAN) {
            return NumSpecial.NAN;
        }
        if (a instanceof NumSpecial || b instanceof NumSpecial) {
            if (a instanceof NumSpecial && b instanceof NumSpecial && a != b) {
                return NumSpecial.NAN;
            }
            return a instanceof NumSpecial ? a : b;
        }
        return ((BigDecimal) a).add((BigDecimal) b);
    }

    static Object negate(Object a) {
        if (a instanceof BigDecimal d) {
            return d.negate();
        }
        return a == NumSpecial.NAN ? a : inf(-sign(a));
    }

    static Object sub(Object a, Object b) {
        return add(a, negate(b));
    }

    static Object abs(Object a) {
        if (a instanceof BigDecimal d) {
            return d.abs();
        }
        return a == NumSpecial.NAN ? a : NumSpecial.POS_INF;
    }

    static Object mul(Object a, Object b) {
        if (a == NumSpecial.NAN || b == NumSpecial.NAN) {
            return NumSpecial.NAN;
        }
        if (a instanceof NumSpecial || b instanceof NumSpecial) {
            int s = sign(a) * sign(b);
            return s == 0 ? NumSpecial.NAN : inf(s);
        }
        return ((BigDecimal) a).multiply((BigDecimal) b);
    }

    static Object div(Object a, Object b) {
        if (a == NumSpecial.NAN || b == NumSpecial.NAN) {
            return NumSpecial.NAN;
        }
        if (a instanceof NumSpecial) {
            if (b instanceof NumSpecial) {
                return NumSpecial.NAN;
            }
            if (sign(b) == 0) {
                throw new EvaluationException("division by zero");
            }
            return inf(sign(a) * sign(b));
        }
        if (b instanceof NumSpecial) {
            return BigDecimal.ZERO;
        }
        BigDecimal x = (BigDecimal) a;
        BigDecimal y = (BigDecimal) b;
        if (y.signum() == 0) {
            throw new EvaluationException("division by zero");
        }
        return x.divide(y, divScale(x, y), RoundingMode.HALF_UP);
    }

    /** Postgres' select_div_scale. */
    static int divScale(BigDecimal x, BigDecimal y) {
        int[] wx = weightAndFirst(x);
        int[] wy = weightAndFirst(y);
        int qweight = wx[0] - wy[0];
        if (wx[1] <= wy[1]) {
            qweight--;
        }
        int rscale = 16 - qweight * 4;
        rscale = Math.max(rscale, x.scale());
        rscale = Math.max(rscale, y.scale());
        rscale = Math.max(rscale, 0);
        return Math.min(rscale, 1000);
    }

    private static int[] weightAndFirst(BigDecimal x) {
        if (x.signum() == 0) {
            return new int[] {0, 0};
        }
        BigDecimal a = x.abs();
        int e = a.precision() - a.scale() - 1;
        int w = Math.floorDiv(e, 4);
        int first = a.movePointLeft(4 * w).setScale(0, RoundingMode.FLOOR).intValue();
        return new int[] {w, first};
    }

    static Object mod(Object a, Object b) {
        if (a == NumSpecial.NAN || b == NumSpecial.NAN) {
            return NumSpecial.NAN;
        }
        if (a instanceof NumSpecial) {
            if (sign(b) == 0) {
                throw new EvaluationException("division by zero");
            }
            return NumSpecial.NAN;
        }
        if (b instanceof NumSpecial) {
            return a;
        }
        BigDecimal x = (BigDecimal) a;
        BigDecimal y = (BigDecimal) b;
        if (y.signum() == 0) {
            throw new EvaluationException("division by zero");
        }
        return x.remainder(y).setScale(Math.max(x.scale(), y.scale()), RoundingMode.UNNECESSARY);
    }

    /** numeric ^ numeric. */
    static Object pow(Object a, Object b) {
        if (a == NumSpecial.NAN || b == NumSpecial.NAN) {
            if (a instanceof BigDecimal d && d.compareTo(BigDecimal.ONE) == 0
                    || b instanceof BigDecimal e && e.signum() == 0) {
                return BigDecimal.ONE;
            }
            return NumSpecial.NAN;
        }
        if (a instanceof NumSpecial || b instanceof NumSpecial) {
            return Floats.toNumeric(Floats.pow(Floats.fromNumeric(a), Floats.fromNumeric(b)), 17);
        }
        BigDecimal x = (BigDecimal) a;
        BigDecimal y = (BigDecimal) b;
        if (x.signum() == 0 && y.signum() < 0) {
            throw new EvaluationException("zero raised to a negative power is undefined");
        }
        boolean integral = y.stripTrailingZeros().scale() <= 0;
        if (x.signum() < 0 && !integral) {
            throw new EvaluationException("a negative number raised to a non-integer power yields a complex result");
        }
        if (x.signum() == 0) {
            return integral && y.signum() == 0 ? BigDecimal.ONE.setScale(Math.max(16, x.scale()))
                    : BigDecimal.ZERO.setScale(Math.max(16, Math.max(x.scale(), y.scale())));
        }
        double log10 = Math.log10(x.abs().doubleValue()) + (x.abs().doubleValue() == 0 ? x.abs().precision()
                - x.abs().scale() : 0);
        if (integral && y.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            int n = y.intValueExact();
            int rscale = Math.min(Math.max(16, x.scale()), 1000);
            double digits = log10 * n;
            if (digits > 131072) {
                throw new EvaluationException("value overflows numeric format");
            }
            if (digits < -(rscale + 2)) {
                return BigDecimal.ZERO.setScale(rscale);
            }
            MathContext mc = new MathContext((int) Math.max(digits, 0) + rscale + 20);
            BigDecimal p = x.pow(Math.abs(n), mc);
            if (n < 0) {
                return BigDecimal.ONE.divide(p, mc).setScale(rscale, RoundingMode.HALF_UP);
            }
            return p.setScale(rscale, RoundingMode.HALF_UP);
        }
        double ln = log10 * Math.log(10) * y.doubleValue();
        if (Math.abs(ln) > 2000 * 3.01) {
            if (ln > 0) {
                throw new EvaluationException("value overflows numeric format");
            }
            return BigDecimal.ZERO.setScale(1000);
        }
        double val = ln * 0.434294481903252;
        int rscale = 16 - (int) val;
        rscale = Math.max(rscale, x.scale());
        rscale = Math.max(rscale, y.scale());
        rscale = Math.min(Math.max(rscale, 0), 1000);
        int digits = Math.max(1, (int) Math.ceil(Math.abs(val)) + rscale + 10);
        MathContext mc = new MathContext(digits + 10);
        BigDecimal r = BigMath.exp(BigMath.ln(x, mc).multiply(y, mc), mc);
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    /** numeric → int2/int4/int8 (round half away from zero). */
    static long toInteger(Object v, SqlType target) {
        if (v == NumSpecial.NAN) {
            throw new EvaluationException("cannot convert NaN to " + target.display());
        }
        if (v instanceof NumSpecial) {
            throw new EvaluationException("cannot convert infinity to " + target.display());
        }
        BigDecimal r = ((BigDecimal) v).setScale(0, RoundingMode.HALF_UP);
        if (r.compareTo(INT64_MIN) < 0 || r.compareTo(INT64_MAX) > 0) {
            throw Ints.outOfRange(target);
        }
        return Ints.check(r.longValue(), target);
    }

    /** numeric(p, s) coercion. */
    static Object applyTypmod(Object v, int precision, int scale) {
        if (v instanceof NumSpecial) {
            if (v == NumSpecial.NAN) {
                return v;
            }
            throw new EvaluationException("numeric field overflow");
        }
        BigDecimal r = ((BigDecimal) v).setScale(scale, RoundingMode.HALF_UP);
        if (r.signum() != 0 && r.precision() - r.scale() > precision - scale) {
            throw new EvaluationException("numeric field overflow");
        }
        return r;
    }

    static BigDecimal fromLong(long v) {
        return new BigDecimal(BigInteger.valueOf(v));
    }
}
