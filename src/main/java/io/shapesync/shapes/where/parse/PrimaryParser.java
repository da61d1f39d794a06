package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Postgres' {@code c_expr}: constants, typed literals, column references, parameters, parenthesised expressions,
 * row and array constructors, sublinks, CAST, CASE, function calls, with subscripts where Postgres allows them.
 */
final class PrimaryParser {
    private static final Set<String> SQL_VALUE_FUNCTIONS = Set.of("current_date", "current_time",
            "current_timestamp", "localtime", "localtimestamp", "current_role", "current_user", "session_user",
            "user", "current_catalog", "current_schema");
    private static final Set<String> PLAIN_CALL_KEYWORDS = Set.of("coalesce", "greatest", "least", "nullif");

    private final ExprParser ep;
    private final TokenStream ts;
    private final FunctionParser functions;

    PrimaryParser(ExprParser ep) {
        this.ep = ep;
        this.ts = ep.ts;
        this.functions = new FunctionParser(ep);
    }

    Node primary() {
        Token t = ts.peek();
        switch (t.kind()) {
            case PARAM:
                return indirection(param(ts.advance()));
            case INTEGER:
                ts.advance();
                return new Node.Literal(t.start(), Node.Literal.Kind.INTEGER, t.text());
            case NUMERIC:
                ts.advance();
                return new Node.Literal(t.start(), Node.Literal.Kind.NUMERIC, t.text());
            case STRING:
                ts.advance();
                return new Node.Literal(t.start(), Node.Literal.Kind.STRING, t.text());
            case QIDENT:
                return name(t);
            case IDENT:
                return keywordOrName(t);
            default:
                if (t.isPunct("(")) {
                    return parenthesized();
                }
                throw ts.syntaxError(t);
        }
    }

    private Node param(Token t) {
        int index;
        try {
            index = Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw new WhereException(t.start(), "parameter number too large");
        }
        if (index < 1) {
            throw new WhereException(t.start(), "there is no parameter $" + index);
        }
        return new Node.Param(t.start(), index);
    }

    private Node keywordOrName(Token t) {
        String kw = t.text();
        boolean call = ts.peek(1).isPunct("(");
        switch (kw) {
            case "true", "false":
                ts.advance();
                return new Node.Literal(t.start(), Node.Literal.Kind.BOOL, kw);
            case "null":
                ts.advance();
                return new Node.Literal(t.start(), Node.Literal.Kind.NULL, null);
            case "case":
                return caseExpr(t);
            case "cast":
                return cast(t);
            case "array":
                return array(t);
            default:
                break;
        }
        if (call && kw.equals("exists")) {
            ts.advance();
            ts.expectPunct("(");
            Node.Select s = ep.selects.select();
            ts.expectPunct(")");
            return ts.node(new Node.OtherSublink(t.start(), "EXISTS", s), s);
        }
        if (call && kw.equals("row")) {
            ts.advance();
            ts.advance();
            List<Node> elements = ts.atPunct(")") ? List.of() : ep.exprList();
            ts.expectPunct(")");
            return ts.node(new Node.RowCtor(t.start(), elements), elements);
        }
        if (call && PLAIN_CALL_KEYWORDS.contains(kw)) {
            ts.advance();
            return functions.call(t, kw);
        }
        if (call && FunctionParser.SPECIAL.contains(kw)) {
            return functions.special(ts.advance());
        }
        if (SQL_VALUE_FUNCTIONS.contains(kw)) {
            ts.advance();
            if (ts.atPunct("(") && kw.matches("current_time(stamp)?|localtime(stamp)?")) {
                ts.advance();
                if (ts.peek().kind() != Kind.INTEGER) {
                    throw ts.syntaxError(ts.peek());
                }
                ts.advance();
                ts.expectPunct(")");
            }
            return new Node.Unsupported(t.start(), "SQLValueFunction");
        }
        if (TypeNameParser.CONST_TYPE_STARTS.contains(kw)) {
            Node literal = tryConstTypedLiteral(t);
            if (literal != null) {
                return literal;
            }
        }
        if (Keywords.RESERVED.contains(kw)) {
            throw ts.syntaxError(t);
        }
        return name(t);
    }

    /** {@code int '5'}, {@code double precision '1.5'}, {@code varchar(3) 'abc'}, {@code interval '1' day}, ... */
    private Node tryConstTypedLiteral(Token t) {
        int mark = ts.mark();
        Node.TypeName type;
        try {
            type = ep.types.constTypeName(false);
        } catch (WhereException e) {
            if (ts.consumedSince(mark, "(")) {
                // inside type modifiers ("timestamp(", "varchar(x"): no column reading is possible any more
                throw e;
            }
            ts.reset(mark);
            return null;
        }
        Token s = ts.peek();
        if (s.kind() != Kind.STRING) {
            ts.reset(mark);
            return null;
        }
        ts.advance();
        if (type.name().equals("interval") && type.modifiers().isEmpty()) {
            type = new Node.TypeName(type.pos(), "interval", ep.types.intervalFields(), 0);
        }
        return typed(t, s, type);
    }

    private Node typed(Token typeStart, Token string, Node.TypeName type) {
        Node.Literal lit = new Node.Literal(string.start(), Node.Literal.Kind.STRING, string.text());
        return ts.node(new Node.Cast(typeStart.start(), lit, type), lit);
    }

    /** An identifier in expression position: column reference, function call, or generic typed literal. */
    private Node name(Token t) {
        ts.advance();
        if (ts.atPunct(".")) {
            return qualified(t);
        }
        if (ts.atPunct("(") && Keywords.isTypeFunctionName(t)) {
            return callOrTypedLiteral(t, t.text());
        }
        if (ts.peek().kind() == Kind.STRING && Keywords.isTypeFunctionName(t)) {
            return typed(t, ts.advance(), new Node.TypeName(t.start(), t.text(), List.of(), 0));
        }
        if (!Keywords.isColId(t)) {
            // a type/function-name keyword (LIKE, IS, LEFT, ...): Postgres reports the token after it
            throw ts.syntaxError(ts.peek());
        }
        return indirection(new Node.ColumnRef(t.start(), t.text()));
    }

    private Node qualified(Token first) {
        List<String> parts = new ArrayList<>();
        parts.add(first.text());
        while (ts.acceptPunct(".")) {
            Token part = ts.peek();
            if (part.isOp("*")) {
                throw new WhereException(first.start(), "unknown reference " + ref(parts) + ".*");
            }
            if (!Keywords.isLabel(part)) {
                throw ts.syntaxError(part);
            }
            parts.add(ts.advance().text());
        }
        String joined = String.join(".", parts);
        if (ts.atPunct("(")) {
            return callOrTypedLiteral(first, joined);
        }
        if (ts.peek().kind() == Kind.STRING) {
            return typed(first, ts.advance(), new Node.TypeName(first.start(), joined, List.of(), 0));
        }
        throw new WhereException(first.start(), "unknown reference " + ref(parts));
    }

    private static String ref(List<String> parts) {
        List<String> shown = new ArrayList<>();
        for (String p : parts) {
            shown.add(p.matches("[a-z_][a-z0-9_$]*") ? p : "\"" + p.replace("\"", "\"\"") + "\"");
        }
        return String.join(".", shown);
    }

    /** A call {@code name(args)}, or {@code name(n, ...) 'text'} (a typed literal with type modifiers). */
    private Node callOrTypedLiteral(Token nameToken, String name) {
        Node.FuncCall call = functions.call(nameToken, name);
        if (ts.peek().kind() != Kind.STRING || call.star() || call.distinct() || call.variadic() || call.over()) {
            return call;
        }
        List<Integer> mods = new ArrayList<>();
        for (Node arg : call.args()) {
            if (!(arg instanceof Node.Literal l) || l.kind() != Node.Literal.Kind.INTEGER) {
                throw new WhereException(arg.pos(), "type modifiers must be simple constants or identifiers");
            }
            mods.add(Integer.parseInt(l.text()));
        }
        return typed(nameToken, ts.advance(), new Node.TypeName(nameToken.start(), name, mods, 0));
    }

    /** COLLATE's any_name. */
    void qualifiedName(boolean allowKeywordsAfterFirst) {
        Token t = ts.peek();
        if (!Keywords.isColId(t)) {
            throw ts.syntaxError(t);
        }
        ts.advance();
        while (allowKeywordsAfterFirst && ts.atPunct(".") && Keywords.isLabel(ts.peek(1))) {
            ts.advance();
            ts.advance();
        }
    }

    private Node parenthesized() {
        Token lp = ts.advance();
        if (ts.atKeyword("select")) {
            Node.Select s = ep.selects.select();
            ts.expectPunct(")");
            Node sub = ts.node(new Node.OtherSublink(lp.start(), "EXPR", s), s);
            ep.bareSelect = sub;
            return indirection(sub);
        }
        Node first = ep.expr();
        if (ts.acceptPunct(",")) {
            List<Node> elements = new ArrayList<>();
            elements.add(first);
            elements.addAll(ep.exprList());
            ts.expectPunct(")");
            return ts.node(new Node.RowCtor(lp.start(), elements), elements);
        }
        ts.expectPunct(")");
        return indirection(first);
    }

    /** Subscripts {@code [i]} and slices {@code [a:b]} after a column, parameter or parenthesised expression. */
    private Node indirection(Node base) {
        Node node = base;
        while (true) {
            Token t = ts.peek();
            if (t.isPunct(".")) {
                throw new WhereException(t.start(), "field selection is not supported");
            }
            if (!t.isPunct("[")) {
                return node;
            }
            ts.advance();
            Node lower = null;
            Node upper = null;
            boolean sliced = false;
            if (!ts.atPunct(":")) {
                lower = ep.expr();
            }
            if (ts.acceptPunct(":")) {
                sliced = true;
                if (!ts.atPunct("]")) {
                    upper = ep.expr();
                }
            }
            ts.expectPunct("]");
            node = ts.node(new Node.Subscript(t.start(), node, lower, upper, sliced), node, lower, upper);
        }
    }

    private Node cast(Token t) {
        ts.advance();
        ts.expectPunct("(");
        Node e = ep.expr();
        ts.expectKeyword("as");
        Node.TypeName type = ep.types.typeName();
        ts.expectPunct(")");
        return ts.node(new Node.Cast(t.start(), e, type), e);
    }

    /** {@code CASE [arg] WHEN .. THEN .. [ELSE ..] END}: parsed completely, then reported as unsupported. */
    private Node caseExpr(Token t) {
        ts.advance();
        if (!ts.atKeyword("when")) {
            ep.expr();
        }
        ts.expectKeyword("when");
        do {
            ep.expr();
            ts.expectKeyword("then");
            ep.expr();
        } while (ts.acceptKeyword("when"));
        if (ts.acceptKeyword("else")) {
            ep.expr();
        }
        ts.expectKeyword("end");
        return new Node.Unsupported(t.start(), "CaseExpr");
    }

    private Node array(Token t) {
        ts.advance();
        if (ts.atPunct("(")) {
            ts.advance();
            if (!ts.atKeyword("select")) {
                throw ts.syntaxError(ts.peek());
            }
            Node.Select s = ep.selects.select();
            ts.expectPunct(")");
            return ts.node(new Node.OtherSublink(t.start(), "ARRAY", s), s);
        }
        Token lb = ts.expectPunct("[");
        return arrayBody(t.start(), lb);
    }

    /** After {@code [}: empty, expressions, or nested {@code [...]} sub-arrays. */
    private Node arrayBody(int pos, Token lb) {
        ts.enter(lb);
        try {
            List<Node> elements = new ArrayList<>();
            if (ts.atPunct("[")) {
                do {
                    Token inner = ts.expectPunct("[");
                    elements.add(arrayBody(inner.start(), inner));
                } while (ts.acceptPunct(","));
            } else if (!ts.atPunct("]")) {
                elements.addAll(ep.exprList());
            }
            ts.expectPunct("]");
            return ts.node(new Node.ArrayCtor(pos, elements), elements);
        } finally {
            ts.leave();
        }
    }
}
