package io.shapesync.shapes.where;

import io.shapesync.shapes.where.values.Interval;
import io.shapesync.shapes.where.values.Jsonb;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Normalised keys: two values are equal keys iff the type's equality operator calls them equal. */
final class Keys {
    private static final BigInteger DAY = BigInteger.valueOf(86_400_000_000L);

    private Keys() {
    }

    static Object key(SqlType t, Object v) {
        if (v == null) {
            return null;
        }
        if (t.array()) {
            ArrayValue a = (ArrayValue) v;
            List<Object> elems = new ArrayList<>();
            for (Object e : a.elems) {
                elems.add(e == null ? List.of() : key(t.elem(), e));
            }
            return List.of(List.of(a.dims.length == 0 ? List.of() : toList(a.dims)), toList(a.lbounds), elems);
        }
        if (t.isEnum()) {
            return v;
        }
        return switch (t.name()) {
            case "numeric" -> Numerics.key(v);
            case "float4", "float8" -> Floats.key(Floats.value(v));
            case "bpchar" -> TextOps.rtrim((String) v);
            case "interval" -> intervalKey((Interval) v);
            case "jsonb" -> Jsonb.format(v);
            default -> v;
        };
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int x : a) {
            l.add(x);
        }
        return l;
    }

    static BigInteger intervalKey(Interval iv) {
        return BigInteger.valueOf(iv.months()).multiply(BigInteger.valueOf(30)).add(BigInteger.valueOf(iv.days()))
                .multiply(DAY).add(BigInteger.valueOf(iv.micros()));
    }

    /** The order of keys of type t. */
    @SuppressWarnings("unchecked")
    static Comparator<Object> order(SqlType t) {
        if (!t.array() && t.name().equals("interval")) {
            return (a, b) -> ((BigInteger) a).compareTo((BigInteger) b);
        }
        return Compare.of(t);
    }

    /** The name of a comparison type's key space: types whose keys coincide share a name. */
    static String spaceName(SqlType t) {
        if (t.isInteger()) {
            return "int8";
        }
        if (t.isFloat()) {
            return "float8";
        }
        if (t.isText() && !t.array()) {
            return "text";
        }
        return t.sql();
    }
}
