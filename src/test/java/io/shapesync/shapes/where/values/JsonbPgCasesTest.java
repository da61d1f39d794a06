package io.shapesync.shapes.where.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays jsonb cases generated with Postgres 15 ({@code values/jsonb.tsv}). */
class JsonbPgCasesTest {
    @Test
    void agreesWithPostgres() throws Exception {
        List<PgCases.Case> cases = PgCases.load("/values/jsonb.tsv");
        assertEquals(0, PgCases.replay(cases, JsonbPgCasesTest::eval));
    }

    static String eval(PgCases.Case c) {
        try {
            return evalUnchecked(c);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int detail = m.indexOf(" (");
            throw new IllegalArgumentException(detail < 0 ? m : m.substring(0, detail), e);
        }
    }

    private static String evalUnchecked(PgCases.Case c) {
        String a = c.a();
        String b = c.b();
        return switch (c.op()) {
            case "jb_in" -> Jsonb.format(Jsonb.parse(a));
            case "jb_field" -> formatOrNull(Jsonb.field(Jsonb.parse(a), b));
            case "jb_elem" -> formatOrNull(Jsonb.element(Jsonb.parse(a), Long.parseLong(b)));
            case "jb_field_text" -> orNull(Jsonb.fieldText(Jsonb.parse(a), b));
            case "jb_elem_text" -> orNull(Jsonb.elementText(Jsonb.parse(a), Long.parseLong(b)));
            case "jb_contains" -> Boolean.toString(Jsonb.contains(Jsonb.parse(a), Jsonb.parse(b)));
            case "jb_cmp" -> Integer.toString(Integer.signum(Jsonb.compare(Jsonb.parse(a), Jsonb.parse(b))));
            default -> throw new IllegalStateException(c.op());
        };
    }

    private static String formatOrNull(Object v) {
        return v == null ? "NULL" : Jsonb.format(v);
    }

    private static String orNull(String s) {
        return s == null ? "NULL" : s;
    }
}
