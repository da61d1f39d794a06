package io.shapesync.shapes.where;

import io.shapesync.shapes.where.values.Interval;
import io.shapesync.shapes.where.values.Jsonb;
import io.shapesync.shapes.where.values.Temporal;
import java.util.Comparator;

/** Comparators implementing Postgres' btree orderings of the supported types (values as in {@link TypeIO}). */
final class Compare {
    private Compare() {
    }

    /** Whether the type has {@code < > <= >=} (else only {@code = <>}). */
    static boolean ordered(SqlType t) {
        if (t.array()) {
            return ordered(t.elem());
        }
        return !t.isEnum() && !t.name().equals("jsonb") && !t.name().equals("json") && !t.isUnknown();
    }

    static boolean equatable(SqlType t) {
        if (t.array()) {
            return equatable(t.elem());
        }
        return !t.name().equals("json") && !t.isUnknown();
    }

    /** The order of values of type {@code t}. */
    static Comparator<Object> of(SqlType t) {
        if (t.array()) {
            return array(of(t.elem()));
        }
        if (t.isEnum()) {
            return (a, b) -> ((String) a).compareTo((String) b);
        }
        return switch (t.name()) {
            case "bool" -> (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
            case "int2", "int4", "int8" -> (a, b) -> Long.compare((Long) a, (Long) b);
            case "float4", "float8" -> (a, b) -> Floats.compare(Floats.value(a), Floats.value(b));
            case "numeric" -> Numerics::compare;
            case "text", "varchar", "name" -> (a, b) -> TextOps.compare((String) a, (String) b);
            case "bpchar" -> (a, b) -> TextOps.compare(TextOps.rtrim((String) a), TextOps.rtrim((String) b));
            case "uuid", "bytea" -> (a, b) -> ((String) a).compareTo((String) b);
            case "date" -> (a, b) -> Integer.compare((Integer) a, (Integer) b);
            case "time", "timestamp", "timestamptz" -> (a, b) -> Long.compare((Long) a, (Long) b);
            case "interval" -> (a, b) -> ((Interval) a).compareTo((Interval) b);
            case "jsonb" -> Jsonb::compare;
            default -> throw new IllegalStateException("no order for " + t);
        };
    }

    /** The order of a cross-type comparison operator (l and r differ, e.g. int4 vs int8, date vs timestamp). */
    static Comparator<Object> cross(SqlType l, SqlType r) {
        if (l.name().equals("date") && !r.name().equals("date")) {
            return (a, b) -> dateCmpTs((Integer) a, (Long) b);
        }
        if (r.name().equals("date") && !l.name().equals("date")) {
            return (a, b) -> -dateCmpTs((Integer) b, (Long) a);
        }
        return of(l.isText() ? SqlType.TEXT : l);
    }

    /** date_cmp_timestamp: a date beyond the timestamp range is above/below every finite timestamp. */
    static int dateCmpTs(int d, long ts) {
        long t;
        try {
            t = dateTs(d);
        } catch (RuntimeException e) {
            if (d > 0) {
                return ts == Temporal.TS_POS_INFINITY ? -1 : 1;
            }
            return ts == Temporal.TS_NEG_INFINITY ? 1 : -1;
        }
        return Long.compare(t, ts);
    }

    private static long dateTs(int d) {
        if (d == Temporal.DATE_NEG_INFINITY) {
            return Temporal.TS_NEG_INFINITY;
        }
        if (d == Temporal.DATE_POS_INFINITY) {
            return Temporal.TS_POS_INFINITY;
        }
        return Temporal.dateToTimestamp(d);
    }

    /** array_cmp: element-wise (NULLs last), then element count, dimensions, lower bounds. */
    static Comparator<Object> array(Comparator<Object> elem) {
        return (x, y) -> {
            ArrayValue a = (ArrayValue) x;
            ArrayValue b = (ArrayValue) y;
            int n = Math.min(a.elems.length, b.elems.length);
            for (int i = 0; i < n; i++) {
                Object p = a.elems[i];
                Object q = b.elems[i];
                if (p == null || q == null) {
                    if (p == null && q == null) {
                        continue;
                    }
                    return p == null ? 1 : -1;
                }
                int c = elem.compare(p, q);
                if (c != 0) {
                    return c;
                }
            }
            if (a.elems.length != b.elems.length) {
                return Integer.compare(a.elems.length, b.elems.length);
            }
            if (a.ndims() != b.ndims()) {
                return Integer.compare(a.ndims(), b.ndims());
            }
            for (int i = 0; i < a.ndims(); i++) {
                if (a.dims[i] != b.dims[i]) {
                    return Integer.compare(a.dims[i], b.dims[i]);
                }
                if (a.lbounds[i] != b.lbounds[i]) {
                    return Integer.compare(a.lbounds[i], b.lbounds[i]);
                }
            }
            return 0;
        };
    }

    static Expr.Fn2 opFn(String op, Comparator<Object> c) {
        return switch (op) {
            case "=" -> (a, b) -> c.compare(a, b) == 0;
            case "<>" -> (a, b) -> c.compare(a, b) != 0;
            case "<" -> (a, b) -> c.compare(a, b) < 0;
            case ">" -> (a, b) -> c.compare(a, b) > 0;
            case "<=" -> (a, b) -> c.compare(a, b) <= 0;
            case ">=" -> (a, b) -> c.compare(a, b) >= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }
}
