package io.shapesync.shapes.where.values;

import java.util.List;
import java.util.Map;

/**
 * jsonb values with Postgres semantics. A parsed value is: {@link java.util.Map} (keys in jsonb's order: shorter
 * first, then bytewise; duplicate keys keep the last), {@link java.util.List}, {@link String},
 * {@link java.math.BigDecimal} (numbers as jsonb keeps them), {@link Boolean}, or {@link #NULL} (JSON null, distinct
 * from SQL NULL which is Java null).
 * <p>
 * Values built by callers may also use other {@link Number}s and any Map/List; maps are ordered on output. Strings
 * compare by code point (Postgres with the C collation; see {@link JsonbOrder}).
 */
public final class Jsonb {
    /** JSON null inside a jsonb value. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Jsonb() {
    }

    /**
     * jsonb input; throws IllegalArgumentException ("invalid input syntax for type json (detail)",
     * "unsupported Unicode escape sequence ..." for {@code \u0000}, "value overflows numeric format") on bad text.
     */
    public static Object parse(String text) {
        return JsonbParser.parse(text);
    }

    /** jsonb's text output ({@code {"a": 1, "b": [1, 2]}}). */
    public static String format(Object value) {
        return JsonbWriter.write(value);
    }

    /** {@code value -> key}; null (SQL NULL) when not an object or no such key. */
    public static Object field(Object value, String key) {
        if (value instanceof Map<?, ?> map) {
            Object v = map.get(key);
            return v == null && map.containsKey(key) ? NULL : v;
        }
        return null;
    }

    /**
     * {@code value -> index} (negative counts from the end); null when not an array or out of range. As in Postgres,
     * a scalar value counts as a one-element array ({@code '1'::jsonb -> 0} is 1).
     */
    public static Object element(Object value, long index) {
        if (value == null || value instanceof Map) {
            return null;
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        long i = index < 0 ? index + list.size() : index;
        if (i < 0 || i >= list.size()) {
            return null;
        }
        Object v = list.get((int) i);
        return v == null ? NULL : v;
    }

    /** {@code value ->> key}: text of the field (strings unquoted, JSON null → SQL null), null when absent. */
    public static String fieldText(Object value, String key) {
        return text(field(value, key));
    }

    /** {@code value ->> index}. */
    public static String elementText(Object value, long index) {
        return text(element(value, index));
    }

    private static String text(Object v) {
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        return format(v);
    }

    /** {@code a @> b}: jsonb containment. */
    public static boolean contains(Object a, Object b) {
        return JsonbContainment.containsRoot(a, b);
    }

    /** jsonb btree ordering (used by = and <>). */
    public static int compare(Object a, Object b) {
        return JsonbOrder.compareRoots(a, b);
    }
}
