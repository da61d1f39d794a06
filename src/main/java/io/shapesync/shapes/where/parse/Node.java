package io.shapesync.shapes.where.parse;

import java.util.List;

/**
 * The untyped syntax tree of a where clause (or an ORDER BY list), as {@link Parser} produces it. Every node carries
 * {@code pos}: the 0-based character index in the source text where it starts (for an operator: where the operator
 * token is, as Postgres reports locations). Identifiers are already normalised: unquoted ones lower-cased,
 * quoted ones as written with {@code ""} unescaped.
 */
public sealed interface Node {
    int pos();

    /** An unqualified column reference. */
    record ColumnRef(int pos, String name) implements Node {
    }

    /**
     * A literal. {@code text} is the literal's value as text: for STRING the unescaped content ({@code 'it''s'}
     * gives {@code it's}; E'...' escapes processed), for INTEGER/NUMERIC the digits as written (no sign: a leading
     * minus is a {@link UnaryOp}), for BOOL {@code true}/{@code false}, for NULL null. INTEGER = digits only and fits
     * in int8 (Postgres types it int4 if it fits, else int8); NUMERIC = has a point or exponent, or too big for int8.
     */
    record Literal(int pos, Kind kind, String text) implements Node {
        public enum Kind { STRING, INTEGER, NUMERIC, BOOL, NULL }
    }

    /** {@code $n}, n ≥ 1. */
    record Param(int pos, int index) implements Node {
    }

    /**
     * {@code CAST(e AS t)}, {@code e::t}, or a typed literal {@code t 'text'} (e.g. {@code date '2024-01-01'},
     * {@code interval '1 day'}). {@code type.name()} is normalised to pg_type names: integer/int → int4,
     * smallint → int2, bigint → int8, real → float4, double precision/float → float8, decimal → numeric,
     * boolean → bool, character varying/varchar → varchar, character/char → bpchar, timestamp [without time zone]
     * → timestamp, timestamp with time zone → timestamptz, time [without time zone] → time, time with time zone →
     * timetz; other names as written (lower-cased unless quoted). Type modifiers ({@code varchar(10)},
     * {@code numeric(10,2)}) are kept in {@code modifiers}; {@code []} suffixes (or ARRAY) count in {@code dims}.
     */
    record Cast(int pos, Node expr, TypeName type) implements Node {
    }

    record TypeName(int pos, String name, List<Integer> modifiers, int dims) {
        public TypeName {
            modifiers = List.copyOf(modifiers);
        }
    }

    /**
     * A binary operator: {@code = <> < > <= >= + - * / % ^ || ~~ ~~* !~~ !~~* @> <@ && & | # << >> ->> -> }
     * and any other operator token as written. {@code !=} is normalised to {@code <>}.
     */
    record BinaryOp(int pos, String op, Node left, Node right) implements Node {
    }

    /** A prefix operator: {@code - + @ |/ ~ ||/}. */
    record UnaryOp(int pos, String op, Node operand) implements Node {
    }

    /** {@code a AND b AND c} (flattened). */
    record And(int pos, List<Node> args) implements Node {
        public And {
            args = List.copyOf(args);
        }
    }

    /** {@code a OR b OR c} (flattened). */
    record Or(int pos, List<Node> args) implements Node {
        public Or {
            args = List.copyOf(args);
        }
    }

    record Not(int pos, Node arg) implements Node {
    }

    /** {@code e IS [NOT] NULL}, {@code e ISNULL}, {@code e NOTNULL}. */
    record IsNull(int pos, Node expr, boolean negated) implements Node {
    }

    /** {@code e IS [NOT] TRUE | FALSE | UNKNOWN}. */
    record IsBool(int pos, Node expr, BoolTest test, boolean negated) implements Node {
        public enum BoolTest { TRUE, FALSE, UNKNOWN }
    }

    /** {@code a IS [NOT] DISTINCT FROM b}. */
    record Distinct(int pos, Node left, Node right, boolean negated) implements Node {
    }

    /** {@code e [NOT] IN (a, b, ...)}. */
    record InList(int pos, Node expr, List<Node> list, boolean negated) implements Node {
        public InList {
            list = List.copyOf(list);
        }
    }

    /** {@code e [NOT] BETWEEN [SYMMETRIC] low AND high}. */
    record Between(int pos, Node expr, Node low, Node high, boolean negated, boolean symmetric) implements Node {
    }

    /** {@code e [NOT] LIKE|ILIKE pattern [ESCAPE esc]} ({@code escape} null when absent). */
    record Like(int pos, Node expr, Node pattern, Node escape, boolean caseInsensitive, boolean negated) implements Node {
    }

    /** {@code left op ANY|SOME|ALL (array)}. */
    record AnyAll(int pos, String op, Node left, Node array, boolean all) implements Node {
    }

    /** {@code ARRAY[a, b, ...]} (nested ARRAY[...] or [...] inside for more dimensions). */
    record ArrayCtor(int pos, List<Node> elements) implements Node {
        public ArrayCtor {
            elements = List.copyOf(elements);
        }
    }

    /** {@code a[i]} ({@code upper} null) or the slice {@code a[lower:upper]} ({@code sliced}; a null bound is open). */
    record Subscript(int pos, Node array, Node lower, Node upper, boolean sliced) implements Node {
    }

    /**
     * A function call {@code name(args)}; {@code name} normalised like identifiers (schema-qualified names keep the
     * schema: {@code pg_catalog.lower}). COALESCE, GREATEST, LEAST, NULLIF appear as calls too. {@code star} for
     * {@code f(*)}, {@code distinct} for {@code f(DISTINCT ...)}, {@code variadic} for VARIADIC, {@code over} for a
     * window clause (all rejected by the checker, but parsed so the message can name them).
     */
    record FuncCall(int pos, String name, List<Node> args, boolean star, boolean distinct, boolean variadic,
                    boolean over) implements Node {
        public FuncCall {
            args = List.copyOf(args);
        }
    }

    /** {@code (a, b)} or {@code ROW(a, b)}. */
    record RowCtor(int pos, List<Node> elements) implements Node {
        public RowCtor {
            elements = List.copyOf(elements);
        }
    }

    /** {@code left [NOT] IN (SELECT ...)}; {@code left} a column ref or a row constructor. */
    record InSubquery(int pos, Node left, Select select, boolean negated) implements Node {
    }

    /**
     * Any other sublink: {@code EXISTS (SELECT ...)}, {@code op ANY (SELECT ...)}, a scalar {@code (SELECT ...)}.
     * Parsed so the checker can reject it by name ({@code kind}: "EXISTS", "ANY", "ALL", "EXPR").
     */
    record OtherSublink(int pos, String kind, Select select) implements Node {
    }

    /**
     * {@code SELECT targets FROM [schema.]table [WHERE where]} ({@code schema} null when not given, {@code where}
     * null when absent). Anything more (joins, GROUP BY, ORDER BY, LIMIT, several FROM items, DISTINCT) is a
     * {@link io.shapesync.shapes.where.WhereException} naming it.
     */
    record Select(int pos, List<Node> targets, String schema, String table, Node where) implements Node {
        public Select {
            targets = List.copyOf(targets);
        }
    }

    /** {@code CASE ...}: parsed only to be rejected by name ("CaseExpr is not supported in this context"). */
    record Unsupported(int pos, String nodeName) implements Node {
    }

    /** One ORDER BY item: {@code expr [ASC|DESC] [NULLS FIRST|LAST]} ({@code nullsFirst} null = default). */
    record SortItem(int pos, Node expr, boolean descending, Boolean nullsFirst) {
    }
}
