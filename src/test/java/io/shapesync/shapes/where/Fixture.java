package io.shapesync.shapes.where;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test table with a column of every supported type, and helpers to compile and evaluate clauses. */
final class Fixture {
    static final List<WhereColumn> COLUMNS = List.of(
            new WhereColumn("id", "int4", 0, false), new WhereColumn("n", "int8", 0, false),
            new WhereColumn("s", "int2", 0, false), new WhereColumn("f", "float8", 0, false),
            new WhereColumn("r", "float4", 0, false), new WhereColumn("num", "numeric", 0, false),
            new WhereColumn("t", "text", 0, false), new WhereColumn("v", "varchar", 0, false),
            new WhereColumn("c", "bpchar", 0, false), new WhereColumn("nm", "name", 0, false),
            new WhereColumn("u", "uuid", 0, false), new WhereColumn("b", "bool", 0, false),
            new WhereColumn("d", "date", 0, false), new WhereColumn("tm", "time", 0, false),
            new WhereColumn("ts", "timestamp", 0, false), new WhereColumn("tz", "timestamptz", 0, false),
            new WhereColumn("iv", "interval", 0, false), new WhereColumn("by", "bytea", 0, false),
            new WhereColumn("j", "jsonb", 0, false), new WhereColumn("js", "json", 0, false),
            new WhereColumn("e", "mood", 0, true), new WhereColumn("ia", "int4", 1, false),
            new WhereColumn("ta", "text", 1, false), new WhereColumn("na", "numeric", 1, false),
            new WhereColumn("tt", "timetz", 0, false), new WhereColumn("Mixed Case", "text", 0, false));

    private Fixture() {
    }

    static Where compile(String where, String... params) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < params.length; i++) {
            p.put(Integer.toString(i + 1), params[i]);
        }
        return Where.compile(where, p, COLUMNS, Mode.SHAPE, (s, t) -> {
            if (t.equals("other")) {
                return List.of(new WhereColumn("oid", "int8", 0, false), new WhereColumn("name", "text", 0, false),
                        new WhereColumn("flag", "bool", 0, false));
            }
            throw new WhereException(-1, "Table \"" + t + "\" does not exist");
        });
    }

    /** Row "col=value;col=value" ({@code ~} = NULL; unlisted columns are NULL). */
    static RowValues row(Where w, String row) {
        Map<String, String> values = new HashMap<>();
        if (row != null && !row.isBlank()) {
            for (String kv : row.split(";")) {
                int eq = kv.indexOf('=');
                String v = kv.substring(eq + 1).replace("\\s", " ");
                values.put(kv.substring(0, eq).trim(), v.equals("~") ? null : v);
            }
        }
        List<String> cols = w.columns();
        return slot -> values.get(cols.get(slot));
    }

    /** "t", "f" or "n" (NULL) or the EvaluationException's message. */
    static String eval(String where, String row) {
        Where isTrue = compile("(" + where + ") IS TRUE");
        Where isFalse = compile("(" + where + ") IS FALSE");
        try {
            if (isTrue.filter().matches(row(isTrue, row))) {
                return "t";
            }
            return isFalse.filter().matches(row(isFalse, row)) ? "f" : "n";
        } catch (EvaluationException e) {
            return "ERROR: " + e.getMessage();
        }
    }
}
