package io.shapesync.shapes.where;

import static io.shapesync.shapes.where.SqlType.*;

import io.shapesync.shapes.where.Expr.Fn1;
import io.shapesync.shapes.where.Expr.Fn2;
import io.shapesync.shapes.where.values.Interval;
import io.shapesync.shapes.where.values.Jsonb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The operators of pg_operator the where language supports (monomorphic ones, plus polymorphic instantiation). */
final class Operators {
    static final List<String> COMPARISONS = List.of("=", "<>", "<", ">", "<=", ">=");
    private static final List<SqlType> INTS = List.of(INT2, INT4, INT8);
    private static final Map<String, List<Sig>> BINARY = new HashMap<>();
    private static final Map<String, List<Sig>> PREFIX = new HashMap<>();

    private Operators() {
    }

    private static void bin(String op, SqlType l, SqlType r, SqlType res, Fn2 fn) {
        BINARY.computeIfAbsent(op, k -> new ArrayList<>()).add(Sig.of(op, l, r, res, fn));
    }

    private static void pre(String op, SqlType t, SqlType res, Fn1 fn) {
        PREFIX.computeIfAbsent(op, k -> new ArrayList<>()).add(Sig.of(op, null, t, res, fn));
    }

    static {
        for (String op : COMPARISONS) {
            for (String t : List.of("bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text", "bpchar",
                    "name", "uuid", "date", "time", "timestamp", "timestamptz", "interval", "bytea")) {
                SqlType st = SqlType.of(t);
                BINARY.computeIfAbsent(op, k -> new ArrayList<>())
                        .add(comparison(op, st, st));
            }
            for (SqlType a : INTS) {
                for (SqlType b : INTS) {
                    if (!a.equals(b)) {
                        BINARY.get(op).add(comparison(op, a, b));
                    }
                }
            }
            for (SqlType[] p : new SqlType[][] {{FLOAT4, FLOAT8}, {FLOAT8, FLOAT4}, {DATE, TIMESTAMP},
                    {DATE, TIMESTAMPTZ}, {TIMESTAMP, DATE}, {TIMESTAMPTZ, DATE}, {TIMESTAMP, TIMESTAMPTZ},
                    {TIMESTAMPTZ, TIMESTAMP}, {NAME, TEXT}, {TEXT, NAME}}) {
                BINARY.get(op).add(comparison(op, p[0], p[1]));
            }
        }
        for (String op : List.of("=", "<>")) {
            BINARY.get(op).add(comparison(op, JSONB, JSONB));
        }
        Arith.register();
        bin("||", TEXT, TEXT, TEXT, (a, b) -> (String) a + b);
        bin("||", BYTEA, BYTEA, BYTEA, (a, b) -> (String) a + ((String) b).substring(2));
        for (String op : List.of("~~", "!~~", "~~*", "!~~*")) {
            for (SqlType t : List.of(TEXT, BPCHAR, NAME)) {
                bin(op, t, TEXT, BOOL, null);
            }
        }
        bin("~~", BYTEA, BYTEA, BOOL, null);
        bin("!~~", BYTEA, BYTEA, BOOL, null);
        bin("->", JSONB, TEXT, JSONB, (a, b) -> Jsonb.field(a, (String) b));
        bin("->", JSONB, INT4, JSONB, (a, b) -> Jsonb.element(a, (Long) b));
        bin("->>", JSONB, TEXT, TEXT, (a, b) -> Jsonb.fieldText(a, (String) b));
        bin("->>", JSONB, INT4, TEXT, (a, b) -> Jsonb.elementText(a, (Long) b));
        bin("@>", JSONB, JSONB, BOOL, (a, b) -> Jsonb.contains(a, b));
        bin("<@", JSONB, JSONB, BOOL, (a, b) -> Jsonb.contains(b, a));
    }

    static void addBinary(String op, SqlType l, SqlType r, SqlType res, Fn2 fn) {
        bin(op, l, r, res, fn);
    }

    static void addPrefix(String op, SqlType t, SqlType res, Fn1 fn) {
        pre(op, t, res, fn);
    }

    static Sig comparison(String op, SqlType l, SqlType r) {
        var c = l.equals(r) ? Compare.of(l) : Compare.cross(l, r);
        Sig s = Sig.of(op, l, r, BOOL, Compare.opFn(op, c));
        return (l.isText() || r.isText()) && !op.equals("=") && !op.equals("<>") ? s.withCollate() : s;
    }

    static boolean exists(String op) {
        return BINARY.containsKey(op) || PREFIX.containsKey(op) || ArrayOps.isArrayOp(op);
    }

    /** Candidate signatures for {@code l op r} ({@code l} null for a prefix operator). */
    static List<Sig> candidates(String op, SqlType l, SqlType r) {
        if (l == null) {
            return PREFIX.getOrDefault(op, List.of());
        }
        List<Sig> out = new ArrayList<>(BINARY.getOrDefault(op, List.of()));
        // anyenum = anyenum
        if ((op.equals("=") || op.equals("<>"))) {
            SqlType e = l.isEnum() && !l.array() ? l : r.isEnum() && !r.array() ? r : null;
            if (e != null && (l.equals(e) || l.isUnknown()) && (r.equals(e) || r.isUnknown())) {
                out.add(Sig.poly(op, e, true, e, true, BOOL, Compare.opFn(op, Compare.of(e))));
            }
        }
        // text || anynonarray, anynonarray || text
        if (op.equals("||")) {
            if (!r.isUnknown() && !r.array() && !r.name().equals("json")) {
                out.add(Sig.poly(op, TEXT, false, r, true, TEXT,
                        (Fn2) (a, b) -> (String) a + TypeIO.toText(r, b)));
            }
            if (!l.isUnknown() && !l.array()) {
                out.add(Sig.poly(op, l, true, TEXT, false, TEXT,
                        (Fn2) (a, b) -> TypeIO.toText(l, a) + b));
            }
        }
        ArrayOps.candidates(op, l, r, out);
        return out;
    }

    static Interval iv(Object o) {
        return (Interval) o;
    }
}
