package io.shapesync.shapes.where.values;

/**
 * jsonb values with Postgres semantics. A parsed value is: {@link java.util.Map} (keys in jsonb's order: shorter
 * first, then bytewise; duplicate keys keep the last), {@link java.util.List}, {@link String},
 * {@link java.math.BigDecimal} (numbers as jsonb keeps them), {@link Boolean}, or {@link #NULL} (JSON null, distinct
 * from SQL NULL which is Java null).
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

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("not implemented yet");
    }

    /** jsonb input; throws IllegalArgumentException ("invalid input syntax for type json") on bad text. */
    public static Object parse(String text) { throw todo(); }

    /** jsonb's text output ({@code {"a": 1, "b": [1, 2]}}). */
    public static String format(Object value) { throw todo(); }

    /** {@code value -> key}; null (SQL NULL) when not an object or no such key. */
    public static Object field(Object value, String key) { throw todo(); }

    /** {@code value -> index} (negative counts from the end); null when not an array or out of range. */
    public static Object element(Object value, long index) { throw todo(); }

    /** {@code value ->> key}: text of the field (strings unquoted, JSON null → SQL null), null when absent. */
    public static String fieldText(Object value, String key) { throw todo(); }

    /** {@code value ->> index}. */
    public static String elementText(Object value, long index) { throw todo(); }

    /** {@code a @> b}: jsonb containment. */
    public static boolean contains(Object a, Object b) { throw todo(); }

    /** jsonb btree ordering (used by = and <>). */
    public static int compare(Object a, Object b) { throw todo(); }
}
