package io.shapesync.shapes.where;

import io.shapesync.shapes.where.values.Interval;
import io.shapesync.shapes.where.values.Jsonb;
import io.shapesync.shapes.where.values.Temporal;

/**
 * Input and output functions of the supported types. Java values: bool Boolean, ints Long, float4 Float, float8
 * Double, numeric BigDecimal/NumSpecial, text types and enums String, uuid canonical String, bytea its hex output
 * String, date Integer, time/timestamp/timestamptz Long, interval Interval, jsonb Jsonb value, json String, arrays
 * {@link ArrayValue}. Input errors are IllegalArgumentException with Postgres' message.
 */
final class TypeIO {
    private TypeIO() {
    }

    static Object parse(SqlType t, String text) {
        if (t.array()) {
            SqlType e = t.elem();
            return ArrayText.parse(text, s -> parse(e, s));
        }
        if (t.isEnum()) {
            return text;
        }
        try {
            return switch (t.name()) {
                case "bool" -> parseBool(text);
                case "int2", "int4", "int8" -> Ints.parse(text, t);
                case "float4", "float8" -> Floats.parse(text, t);
                case "numeric" -> Numerics.parse(text);
                case "text", "varchar", "bpchar", "name", "json", "unknown" -> text;
                case "uuid" -> parseUuid(text);
                case "bytea" -> Bytea.parse(text);
                case "date" -> Temporal.parseDate(text);
                case "time" -> Temporal.parseTime(text);
                case "timestamp" -> Temporal.parseTimestamp(text);
                case "timestamptz" -> Temporal.parseTimestamptz(text);
                case "interval" -> Temporal.parseInterval(text);
                case "jsonb" -> Jsonb.parse(text);
                default -> throw new IllegalArgumentException("unsupported type " + t.name());
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String format(SqlType t, Object v) {
        if (t.array()) {
            SqlType e = t.elem();
            return ArrayText.format((ArrayValue) v, x -> format(e, x));
        }
        if (t.isEnum()) {
            return (String) v;
        }
        return switch (t.name()) {
            case "bool" -> (Boolean) v ? "t" : "f";
            case "float4", "float8" -> Floats.format(v);
            case "numeric" -> Numerics.format(v);
            case "date" -> Temporal.formatDate((Integer) v);
            case "time" -> Temporal.formatTime((Long) v);
            case "timestamp" -> Temporal.formatTimestamp((Long) v);
            case "timestamptz" -> Temporal.formatTimestamptz((Long) v);
            case "interval" -> Temporal.formatInterval((Interval) v);
            case "jsonb" -> Jsonb.format(v);
            default -> v.toString();
        };
    }

    static Boolean parseBool(String text) {
        String s = text.strip().toLowerCase();
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on") || s.equals("1")) {
                return Boolean.TRUE;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || s.equals("off") || s.equals("of")
                    || s.equals("0")) {
                return Boolean.FALSE;
            }
        }
        throw new IllegalArgumentException("invalid input syntax for type boolean: \"" + text + "\"");
    }

    static String parseUuid(String text) {
        String src = text;
        int p = 0;
        boolean braces = src.startsWith("{");
        if (braces) {
            p++;
        }
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            if (p + 1 >= src.length() || Character.digit(src.charAt(p), 16) < 0
                    || Character.digit(src.charAt(p + 1), 16) < 0 || src.charAt(p) > 'f' || src.charAt(p + 1) > 'f') {
                throw new IllegalArgumentException("invalid input syntax for type uuid: \"" + text + "\"");
            }
            hex.append(Character.toLowerCase(src.charAt(p))).append(Character.toLowerCase(src.charAt(p + 1)));
            p += 2;
            if (p < src.length() && src.charAt(p) == '-' && i % 2 == 1 && i < 15) {
                p++;
            }
        }
        if (braces) {
            if (p >= src.length() || src.charAt(p) != '}') {
                throw new IllegalArgumentException("invalid input syntax for type uuid: \"" + text + "\"");
            }
            p++;
        }
        if (p != src.length()) {
            throw new IllegalArgumentException("invalid input syntax for type uuid: \"" + text + "\"");
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** The text a value has after {@code ::text} (bool gives true/false; bpchar loses its padding). */
    static String toText(SqlType t, Object v) {
        if (!t.array() && !t.isEnum()) {
            if (t.name().equals("bool")) {
                return (Boolean) v ? "true" : "false";
            }
            if (t.name().equals("bpchar")) {
                return TextOps.rtrim((String) v);
            }
        }
        return format(t, v);
    }
}
