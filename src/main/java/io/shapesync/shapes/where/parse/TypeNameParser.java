package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Postgres' {@code Typename}: SQL-standard multi-word names normalised to pg_type names (see {@link Node.Cast}),
 * generic (possibly schema-qualified) names, type modifiers, and array bounds.
 */
final class TypeNameParser {
    /** Keywords that start a SQL-standard type name (Postgres' Numeric, Bit, Character, ConstDatetime, ConstInterval). */
    static final Set<String> CONST_TYPE_STARTS = Set.of("int", "integer", "smallint", "bigint", "real", "float",
            "double", "decimal", "dec", "numeric", "boolean", "bit", "character", "char", "varchar", "national",
            "nchar", "timestamp", "time", "interval");
    private static final Map<String, String> SIMPLE = Map.of("int", "int4", "integer", "int4", "smallint", "int2",
            "bigint", "int8", "real", "float4", "boolean", "bool");
    private static final int MONTH = 1 << 1;
    private static final int YEAR = 1 << 2;
    private static final int DAY = 1 << 3;
    private static final int HOUR = 1 << 10;
    private static final int MINUTE = 1 << 11;
    private static final int SECOND = 1 << 12;
    private static final int FULL_RANGE = 0x7FFF;

    private final TokenStream ts;
    private final ExprParser ep;

    TypeNameParser(ExprParser ep) {
        this.ep = ep;
        this.ts = ep.ts;
    }

    /** A full Typename (with array bounds), as after {@code ::} or in {@code CAST(x AS ...)}. */
    Node.TypeName typeName() {
        Token t = ts.peek();
        if (t.isKeyword("setof")) {
            throw new WhereException(t.start(), "SETOF type names are not supported");
        }
        Node.TypeName base;
        if (t.kind() == Kind.IDENT && CONST_TYPE_STARTS.contains(t.text())) {
            base = constTypeName(true);
        } else if (Keywords.isTypeFunctionName(t)) {
            base = genericTypeName();
        } else {
            throw ts.syntaxError(t);
        }
        return withArrayBounds(base);
    }

    private Node.TypeName withArrayBounds(Node.TypeName base) {
        int dims = 0;
        if (ts.acceptKeyword("array")) {
            if (ts.acceptPunct("[")) {
                integer();
                ts.expectPunct("]");
            }
            dims = 1;
        } else {
            while (ts.acceptPunct("[")) {
                if (!ts.atPunct("]")) {
                    integer();
                }
                ts.expectPunct("]");
                dims++;
            }
        }
        return dims == 0 ? base : new Node.TypeName(base.pos(), base.name(), base.modifiers(), dims);
    }

    /** A generic name: {@code name [. name ...] [(modifiers)]}. */
    Node.TypeName genericTypeName() {
        Token t = ts.advance();
        StringBuilder name = new StringBuilder(t.text());
        while (ts.atPunct(".") && Keywords.isLabel(ts.peek(1))) {
            ts.advance();
            name.append('.').append(ts.advance().text());
        }
        return new Node.TypeName(t.start(), name.toString(), modifiers(), 0);
    }

    /**
     * A SQL-standard type name starting at the current keyword (one of {@link #CONST_TYPE_STARTS}).
     *
     * @param intervalFields whether {@code interval} may take field qualifiers here ({@code interval day}); in a
     *                       typed literal they follow the string instead
     */
    Node.TypeName constTypeName(boolean intervalFields) {
        Token t = ts.advance();
        int pos = t.start();
        String kw = t.text();
        if (SIMPLE.containsKey(kw)) {
            return new Node.TypeName(pos, SIMPLE.get(kw), List.of(), 0);
        }
        switch (kw) {
            case "double":
                ts.expectKeyword("precision");
                return new Node.TypeName(pos, "float8", List.of(), 0);
            case "float":
                return floatType(pos);
            case "decimal", "dec", "numeric":
                return new Node.TypeName(pos, "numeric", modifiers(), 0);
            case "bit": {
                boolean varying = ts.acceptKeyword("varying");
                List<Integer> mods = modifiers();
                if (mods.isEmpty() && !varying) {
                    mods = List.of(1);
                }
                return new Node.TypeName(pos, varying ? "varbit" : "bit", mods, 0);
            }
            case "timestamp", "time":
                return datetime(pos, kw);
            case "interval":
                return interval(pos, intervalFields);
            default:
                return character(pos, kw);
        }
    }

    private Node.TypeName floatType(int pos) {
        List<Integer> mods = modifiers();
        if (mods.isEmpty()) {
            return new Node.TypeName(pos, "float8", List.of(), 0);
        }
        int p = mods.get(0);
        if (p < 1) {
            throw new WhereException(pos, "precision for type float must be at least 1 bit");
        }
        if (p > 53) {
            throw new WhereException(pos, "precision for type float must be less than 54 bits");
        }
        return new Node.TypeName(pos, p <= 24 ? "float4" : "float8", List.of(), 0);
    }

    private Node.TypeName character(int pos, String kw) {
        if (kw.equals("national")) {
            Token next = ts.peek();
            if (!next.isKeyword("character") && !next.isKeyword("char")) {
                throw ts.syntaxError(next);
            }
            ts.advance();
        }
        boolean varying = kw.equals("varchar") || ts.acceptKeyword("varying");
        List<Integer> mods = List.of();
        if (ts.acceptPunct("(")) {
            mods = List.of(integer());
            ts.expectPunct(")");
        }
        if (varying) {
            return new Node.TypeName(pos, "varchar", mods, 0);
        }
        return new Node.TypeName(pos, "bpchar", mods.isEmpty() ? List.of(1) : mods, 0);
    }

    private Node.TypeName datetime(int pos, String kw) {
        List<Integer> mods = List.of();
        if (ts.acceptPunct("(")) {
            mods = List.of(integer());
            ts.expectPunct(")");
        }
        boolean tz = false;
        if (ts.atKeyword("with") && ts.peek(1).isKeyword("time")) {
            ts.advance();
            ts.advance();
            ts.expectKeyword("zone");
            tz = true;
        } else if (ts.acceptKeyword("without")) {
            ts.expectKeyword("time");
            ts.expectKeyword("zone");
        }
        return new Node.TypeName(pos, tz ? kw + "tz" : kw, mods, 0);
    }

    private Node.TypeName interval(int pos, boolean fields) {
        if (ts.acceptPunct("(")) {
            int p = integer();
            ts.expectPunct(")");
            return new Node.TypeName(pos, "interval", List.of(FULL_RANGE, p), 0);
        }
        return new Node.TypeName(pos, "interval", fields ? intervalFields() : List.of(), 0);
    }

    /** Postgres' opt_interval as type modifiers (field mask [, seconds precision]); empty when absent. */
    List<Integer> intervalFields() {
        Token t = ts.peek();
        if (t.kind() != Kind.IDENT) {
            return List.of();
        }
        switch (t.text()) {
            case "year":
                ts.advance();
                return ts.acceptKeyword("to") ? toField(YEAR, Set.of("month")) : List.of(YEAR);
            case "month":
                ts.advance();
                return List.of(MONTH);
            case "day":
                ts.advance();
                return ts.acceptKeyword("to") ? toField(DAY, Set.of("hour", "minute", "second")) : List.of(DAY);
            case "hour":
                ts.advance();
                return ts.acceptKeyword("to") ? toField(HOUR, Set.of("minute", "second")) : List.of(HOUR);
            case "minute":
                ts.advance();
                return ts.acceptKeyword("to") ? toField(MINUTE, Set.of("second")) : List.of(MINUTE);
            case "second":
                ts.advance();
                return seconds(SECOND);
            default:
                return List.of();
        }
    }

    private List<Integer> toField(int from, Set<String> allowed) {
        Token t = ts.peek();
        if (t.kind() != Kind.IDENT || !allowed.contains(t.text())) {
            throw ts.syntaxError(t);
        }
        ts.advance();
        int mask = from;
        if (from == YEAR) {
            return List.of(YEAR | MONTH);
        }
        for (int f : new int[] {DAY, HOUR, MINUTE, SECOND}) {
            if (f > from) {
                mask |= f;
            }
            if (t.text().equals(fieldName(f))) {
                break;
            }
        }
        return t.isKeyword("second") ? seconds(mask) : List.of(mask);
    }

    private static String fieldName(int f) {
        return f == DAY ? "day" : f == HOUR ? "hour" : f == MINUTE ? "minute" : "second";
    }

    private List<Integer> seconds(int mask) {
        if (ts.acceptPunct("(")) {
            int p = integer();
            ts.expectPunct(")");
            return List.of(mask, p);
        }
        return List.of(mask);
    }

    /**
     * Optional {@code (expr [, expr ...])}: Postgres' grammar takes expressions here; only integer constants are
     * accepted as type modifiers.
     */
    List<Integer> modifiers() {
        if (!ts.atPunct("(")) {
            return List.of();
        }
        ts.advance();
        List<Integer> mods = new ArrayList<>();
        for (Node e : ep.exprList()) {
            if (!(e instanceof Node.Literal l) || l.kind() != Node.Literal.Kind.INTEGER) {
                throw new WhereException(e.pos(), "type modifiers must be simple constants or identifiers");
            }
            mods.add(parseModifier(l.text(), l.pos()));
        }
        ts.expectPunct(")");
        return mods;
    }

    /** An integer constant where the grammar demands one (Iconst). */
    private int integer() {
        Token t = ts.peek();
        if (t.kind() != Kind.INTEGER) {
            throw ts.syntaxError(t);
        }
        ts.advance();
        return parseModifier(t.text(), t.start());
    }

    private static int parseModifier(String text, int pos) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new WhereException(pos, "type modifier is out of range");
        }
    }
}
