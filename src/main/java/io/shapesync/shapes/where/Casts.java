package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Expr.Fn1;
import io.shapesync.shapes.where.values.Interval;
import io.shapesync.shapes.where.values.Jsonb;
import io.shapesync.shapes.where.values.Temporal;

/** Cast functions between the supported types (pg_cast entries and I/O conversion through text). */
final class Casts {
    private Casts() {
    }

    /** The conversion of values of {@code from} to {@code to}, or null when Postgres has no such cast. */
    static Fn1 cast(SqlType from, SqlType to) {
        if (from.equals(to)) {
            return v -> v;
        }
        if (from.isUnknown()) {
            return v -> TypeIO.parse(to, (String) v);
        }
        if (from.array() || to.array()) {
            if (!(from.array() && to.array())) {
                return to.isText() ? v -> TypeIO.toText(from, v) : from.isText() ? v -> TypeIO.parse(to, (String) v)
                        : null;
            }
            Fn1 e = cast(from.elem(), to.elem());
            if (e == null) {
                return null;
            }
            return v -> {
                ArrayValue a = (ArrayValue) v;
                Object[] out = new Object[a.elems.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = a.elems[i] == null ? null : e.apply(a.elems[i]);
                }
                return new ArrayValue(a.dims, a.lbounds, out);
            };
        }
        if (to.isText()) {
            if (from.name().equals("bpchar") && to.name().equals("bpchar")) {
                return v -> v;
            }
            return v -> TypeIO.toText(from, v);
        }
        if (from.isText()) {
            if (from.isEnum()) {
                return null;
            }
            return v -> TypeIO.parse(to, (String) v);
        }
        if (from.isEnum() || to.isEnum()) {
            return null;
        }
        return scalar(from.name(), to);
    }

    private static Fn1 scalar(String f, SqlType to) {
        String t = to.name();
        boolean fromInt = f.equals("int2") || f.equals("int4") || f.equals("int8");
        boolean fromFloat = f.equals("float4") || f.equals("float8");
        if (to.isInteger()) {
            if (fromInt) {
                return v -> Ints.check((Long) v, to);
            }
            if (fromFloat) {
                return v -> Floats.toInteger(Floats.value(v), to);
            }
            if (f.equals("numeric")) {
                return v -> Numerics.toInteger(v, to);
            }
            if (f.equals("bool") && t.equals("int4")) {
                return v -> (Boolean) v ? 1L : 0L;
            }
            return null;
        }
        if (to.isFloat()) {
            Fn1 toDouble;
            if (fromInt) {
                toDouble = v -> (double) (Long) v;
            } else if (fromFloat) {
                toDouble = Floats::value;
            } else if (f.equals("numeric")) {
                toDouble = Floats::fromNumeric;
            } else {
                return null;
            }
            if (t.equals("float8")) {
                return toDouble;
            }
            if (fromInt) {
                return v -> (float) (long) (Long) v;
            }
            return v -> {
                double d = (Double) toDouble.apply(v);
                float r = (float) d;
                if (Float.isInfinite(r) && !Double.isInfinite(d)) {
                    throw new EvaluationException("value out of range: overflow");
                }
                if (r == 0 && d != 0) {
                    throw new EvaluationException("value out of range: underflow");
                }
                return r;
            };
        }
        if (t.equals("numeric")) {
            if (fromInt) {
                return v -> Numerics.fromLong((Long) v);
            }
            if (f.equals("float8")) {
                return v -> Floats.toNumeric((Double) v, 15);
            }
            if (f.equals("float4")) {
                return v -> Floats.toNumeric((Float) v, 6);
            }
            return null;
        }
        return switch (f + "->" + t) {
            case "int4->bool" -> v -> (Long) v != 0;
            case "date->timestamp", "date->timestamptz" -> v -> dateToTs((Integer) v);
            case "timestamp->timestamptz", "timestamptz->timestamp" -> v -> v;
            case "timestamp->date", "timestamptz->date" -> v -> Temporal.timestampToDate((Long) v);
            case "timestamp->time", "timestamptz->time" -> v -> (Long) v == Temporal.TS_POS_INFINITY
                    || (Long) v == Temporal.TS_NEG_INFINITY ? null : Temporal.timestampToTime((Long) v);
            case "time->interval" -> v -> Temporal.timeToInterval((Long) v);
            case "interval->time" -> v -> Temporal.intervalToTime((Interval) v);
            case "jsonb->json" -> Jsonb::format;
            case "json->jsonb" -> v -> Jsonb.parse((String) v);
            default -> null;
        };
    }

    static Object dateToTs(int d) {
        if (d == Temporal.DATE_NEG_INFINITY) {
            return Temporal.TS_NEG_INFINITY;
        }
        if (d == Temporal.DATE_POS_INFINITY) {
            return Temporal.TS_POS_INFINITY;
        }
        return Temporal.dateToTimestamp(d);
    }

    /** Applies a type modifier (numeric(p,s), varchar(n), bpchar(n)) as an explicit cast does. */
    static Fn1 typmod(SqlType t, java.util.List<Integer> mods) {
        if (mods.isEmpty()) {
            return null;
        }
        switch (t.name()) {
            case "numeric": {
                int p = mods.get(0);
                int s = mods.size() > 1 ? mods.get(1) : 0;
                return v -> Numerics.applyTypmod(v, p, s);
            }
            case "varchar": {
                int n = mods.get(0);
                return v -> truncate((String) v, n);
            }
            case "bpchar": {
                int n = mods.get(0);
                return v -> {
                    String s = truncate((String) v, n);
                    int len = s.codePointCount(0, s.length());
                    return len < n ? s + " ".repeat(n - len) : s;
                };
            }
            default:
                return null;
        }
    }

    private static String truncate(String s, int n) {
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n));
    }
}
