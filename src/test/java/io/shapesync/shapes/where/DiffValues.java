package io.shapesync.shapes.where;

import java.util.List;
import java.util.Random;

/**
 * Random values (Postgres input text) biased to edge cases, used both for table rows and for literals in
 * predicates, so that literals often equal stored values.
 */
final class DiffValues {
    static final List<String> ENUM_LABELS = List.of("open", "closed", "in progress", "Ünï", "OPEN");

    private static final String[] INT2_EDGE = {"0", "-0", "1", "-1", "2", "7", "-7", "100", "255", "32767", "-32768",
        "32766", "-32767"};
    private static final String[] INT4_EDGE = {"0", "-0", "1", "-1", "2", "42", "-42", "1000", "2147483647",
        "-2147483648", "2147483646", "65536", "-65536"};
    private static final String[] INT8_EDGE = {"0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808",
        "2147483648", "-2147483649", "4294967296", "1000000"};
    private static final String[] FLOAT_EDGE = {"0", "-0", "1", "-1", "1.5", "-1.5", "0.1", "0.5", "2.5", "NaN",
        "Infinity", "-Infinity", "1e-45", "3.4028235e38", "1e308", "5e-324", "-2.2250738585072014e-308", "42",
        "1e15", "123456.789", "0.30000000000000004"};
    private static final String[] NUMERIC_EDGE = {"0", "-0", "0.0", "1", "1.0", "1.00", "-1", "1.5", "2.5", "-2.5",
        "0.1", "NaN", "Infinity", "-Infinity", "42", "123456789012345678901234567890.123456789", "-0.000001",
        "1e20", "0.000000000000000000001", "99999999.99", "-99999999.99", "2147483647", "9223372036854775808",
        "3.14159", "1000000"};
    private static final String[] NUMERIC102_EDGE = {"0", "0.00", "-0.01", "1", "1.5", "1.50", "-1", "42",
        "12345678.99", "-12345678.99", "NaN", "0.005", "2.675", "99999999.99"};
    private static final String[] TEXT_EDGE = {"", " ", "a", "A", "abc", "ABC", "Abc", "abc ", " abc", "a b",
        "it's", "''", "back\\slash", "\\", "100%", "%", "_", "a_b", "a%b", "x\"y", "é", "É", "café", "CAFÉ", "ß",
        "straße", "STRASSE", "😀", "a😀b", "z", "Z", "0", "10", "9", "null", "NULL", "open", "closed", "true",
        "tab\there", "line\nbreak", "  ", "ab  ", "abcde", "ABCDE", "ǅ", "İ", "ı", "{}", "[1]", "a\\%"};
    private static final String[] UUID_EDGE = {"00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "123e4567-e89b-12d3-a456-426614174000",
        "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12"};
    private static final String[] DATE_EDGE = {"2024-02-29", "2023-02-28", "2000-01-01", "1999-12-31", "1970-01-01",
        "infinity", "-infinity", "0001-01-01", "0001-12-31 BC", "0044-03-15 BC", "4713-01-01 BC", "2024-12-31",
        "2100-03-01", "5874897-12-31", "2024-01-01", "2024-03-01"};
    private static final String[] TIME_EDGE = {"00:00:00", "23:59:59.999999", "24:00:00", "12:00:00", "12:34:56.789",
        "00:00:00.000001", "06:30:00", "18:00:00"};
    private static final String[] TS_EDGE = {"2024-02-29 12:00:00", "2024-02-29 00:00:00", "2000-01-01 00:00:00",
        "1970-01-01 00:00:00", "infinity", "-infinity", "0044-03-15 12:00:00 BC", "2024-01-31 10:00:00",
        "2023-12-31 23:59:59.999999", "294276-12-31 23:59:59.999999", "4713-01-01 00:00:00 BC",
        "2024-03-31 01:30:00.5", "1999-12-31 23:59:59", "2024-01-01 00:00:00"};
    private static final String[] TSTZ_EDGE = {"2024-02-29 12:00:00+00", "2024-02-29 12:00:00+02",
        "2024-02-29 23:30:00-05:30", "2000-01-01 00:00:00Z", "infinity", "-infinity", "1970-01-01 00:00:00+00",
        "0044-03-15 12:00:00+00 BC", "2024-01-31 10:00:00.123456+00", "2023-12-31 23:59:59.999999+00",
        "2024-01-01 00:00:00+00"};
    private static final String[] INTERVAL_EDGE = {"0", "1 day", "30 days", "1 mon", "1 mon -30 days", "24:00:00",
        "1 day -24:00:00", "-1 day", "1 year 2 mons 3 days 04:05:06.789", "-1 year -2 mons +3 days -04:05:06",
        "00:00:00.000001", "P1Y2M3DT4H5M6S", "P-1D", "3 weeks", "2 days 3 hours", "1 mon 1 day", "-00:30:00",
        "1000 years", "12 mons", "1 year", "36:00:00", "1 day 12:00:00", "29 days 24:00:00"};
    private static final String[] INTARR_EDGE = {"{}", "{1}", "{1,2,3}", "{3,2,1}", "{NULL}", "{1,NULL}",
        "{NULL,2}", "{0}", "{-1,-2}", "{2147483647,-2147483648}", "{1,1,1}", "{42}", "{{1,2},{3,4}}",
        "[0:1]={1,2}", "{1,2}", "{2}"};
    private static final String[] TEXTARR_EDGE = {"{}", "{a}", "{a,b}", "{b,a}", "{NULL}", "{a,NULL}",
        "{\"NULL\"}", "{\"\"}", "{\"a b\",c}", "{\"with \\\"quote\\\"\",x}", "{é,ß}", "{\"back\\\\slash\"}",
        "{open,closed}", "{A,a}", "{\"it's\"}", "{abc}", "{{a,b},{c,d}}"};
    private static final String[] JSON_EDGE = {"{}", "[]", "null", "1", "1.0", "-0", "\"a\"", "\"\"", "true",
        "false", "{\"a\": 1}", "{\"a\": \"x\"}", "{\"a\": null}", "{\"a\": 1, \"b\": [1, 2]}",
        "{\"a\": {\"b\": 1}}", "[1, \"a\", null]", "[1, 2, 3]", "{\"a\": \"it's\", \"é\": \"ß\"}",
        "{\"b\": 2, \"a\": 1}", "{\"a\": 1.50}", "{\"a\": [1, {\"c\": true}]}", "{\"aa\": 1, \"b\": 2}",
        "\"x\"", "[[1]]", "{\"a\": \"x\", \"b\": \"y\"}"};

    private final Random rnd;

    DiffValues(Random rnd) {
        this.rnd = rnd;
    }

    /** A random non-null value of {@code ty} as Postgres input text. */
    String value(GenTy ty) {
        return switch (ty) {
            case INT2 -> ints(INT2_EDGE, 1000);
            case INT4 -> ints(INT4_EDGE, rnd.nextBoolean() ? 1000 : 1_000_000_000);
            case INT8 -> rnd.nextInt(10) == 0 ? Long.toString(rnd.nextLong()) : ints(INT8_EDGE, 100_000);
            case FLOAT4, FLOAT8 -> floats(ty);
            case NUMERIC -> numeric();
            case TEXT, VARCHAR, BPCHAR -> text(ty);
            case BOOL -> rnd.nextBoolean() ? "true" : "false";
            case UUID -> rnd.nextInt(3) == 0 ? java.util.UUID.randomUUID().toString() : pick(UUID_EDGE);
            case DATE -> rnd.nextInt(3) == 0 ? randomDate() : pick(DATE_EDGE);
            case TIME -> rnd.nextInt(3) == 0 ? randomTime() : pick(TIME_EDGE);
            case TIMESTAMP -> rnd.nextInt(3) == 0 ? randomDate() + " " + randomTime() : pick(TS_EDGE);
            case TIMESTAMPTZ -> rnd.nextInt(3) == 0 ? randomDate() + " " + randomTime() + "+00" : pick(TSTZ_EDGE);
            case INTERVAL -> rnd.nextInt(3) == 0 ? randomInterval() : pick(INTERVAL_EDGE);
            case INT4ARR -> rnd.nextInt(3) == 0 ? randomIntArray() : pick(INTARR_EDGE);
            case TEXTARR -> pick(TEXTARR_EDGE);
            case JSONB -> pick(JSON_EDGE);
            case ENUM -> pick(ENUM_LABELS.toArray(String[]::new));
        };
    }

    private String ints(String[] edge, int range) {
        int r = rnd.nextInt(10);
        if (r < 4) return pick(edge);
        if (r < 7) return Integer.toString(rnd.nextInt(11) - 5);
        return Integer.toString(rnd.nextInt(2 * range + 1) - range);
    }

    private String floats(GenTy ty) {
        int r = rnd.nextInt(10);
        if (r < 4) {
            String v = pick(FLOAT_EDGE);
            if (ty == GenTy.FLOAT4 && (v.equals("1e308") || v.contains("e-3"))) return "1e30";
            return v;
        }
        if (r < 6) return Integer.toString(rnd.nextInt(11) - 5) + (rnd.nextBoolean() ? ".5" : "");
        double d = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(12) - 4);
        return ty == GenTy.FLOAT4 ? Float.toString((float) d) : Double.toString(d);
    }

    private String numeric() {
        int r = rnd.nextInt(10);
        if (r < 4) return pick(NUMERIC_EDGE);
        if (r < 6) return Integer.toString(rnd.nextInt(11) - 5) + (rnd.nextBoolean() ? ".50" : ".0");
        return new java.math.BigDecimal(rnd.nextLong()).movePointLeft(rnd.nextInt(25)).toPlainString();
    }

    String numeric102() {
        return rnd.nextInt(2) == 0 ? pick(NUMERIC102_EDGE)
            : java.math.BigDecimal.valueOf(rnd.nextInt(2_000_000) - 1_000_000, 2).toPlainString();
    }

    private String text(GenTy ty) {
        String s;
        if (rnd.nextInt(4) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(8);
            for (int i = 0; i < n; i++) sb.append("abcABC xyz%_'\\é".charAt(rnd.nextInt(15)));
            s = sb.toString();
        } else {
            s = pick(TEXT_EDGE);
        }
        int max = ty == GenTy.BPCHAR ? 5 : ty == GenTy.VARCHAR ? 20 : Integer.MAX_VALUE;
        return s.codePointCount(0, s.length()) > max ? s.substring(0, s.offsetByCodePoints(0, max)) : s;
    }

    private String randomDate() {
        int year = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(9000) : 1990 + rnd.nextInt(50);
        int month = 1 + rnd.nextInt(12);
        int day = 1 + rnd.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    private String randomTime() {
        String t = String.format("%02d:%02d:%02d", rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60));
        return rnd.nextBoolean() ? t : t + "." + (1 + rnd.nextInt(999_999));
    }

    private String randomInterval() {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextBoolean()) sb.append(rnd.nextInt(25) - 12).append(" mons ");
        if (rnd.nextBoolean()) sb.append(rnd.nextInt(81) - 40).append(" days ");
        if (rnd.nextBoolean() || sb.length() == 0) {
            sb.append(rnd.nextBoolean() ? "-" : "").append(rnd.nextInt(50)).append(':').append(rnd.nextInt(60))
                .append(":").append(rnd.nextInt(60));
            if (rnd.nextBoolean()) sb.append('.').append(rnd.nextInt(1_000_000));
        }
        return sb.toString().trim();
    }

    private String randomIntArray() {
        int n = rnd.nextInt(5);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append(rnd.nextInt(8) == 0 ? "NULL" : Integer.toString(rnd.nextInt(7) - 2));
        }
        return sb.append('}').toString();
    }

    String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    <T> T pick(List<T> a) {
        return a.get(rnd.nextInt(a.size()));
    }
}
