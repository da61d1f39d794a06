package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The restricted SELECT inside sublinks ({@code SELECT targets FROM [schema.]table [[AS] alias] [WHERE expr]}) and
 * the end-of-input rules for a top-level clause: {@code ;} splits the statement, trailing SQL clauses make a
 * malformed query. Target and table aliases are accepted and ignored; everything else is rejected by name.
 */
final class SelectParser {
    static final String SPLIT = "unescaped \";\" causing statement split";
    static final String MALFORMED = "malformed query ending with SQL clauses";

    /** Keywords that, after a complete SELECT's parts, start a clause this subset does not support. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(Map.entry("group", "GROUP BY"),
            Map.entry("having", "HAVING"), Map.entry("window", "WINDOW"), Map.entry("order", "ORDER BY"),
            Map.entry("limit", "LIMIT"), Map.entry("offset", "OFFSET"), Map.entry("fetch", "FETCH"),
            Map.entry("for", "FOR UPDATE/SHARE"), Map.entry("union", "UNION"), Map.entry("intersect", "INTERSECT"),
            Map.entry("except", "EXCEPT"), Map.entry("join", "JOIN"), Map.entry("inner", "JOIN"),
            Map.entry("left", "JOIN"), Map.entry("right", "JOIN"), Map.entry("full", "JOIN"),
            Map.entry("cross", "JOIN"), Map.entry("natural", "JOIN"), Map.entry("tablesample", "TABLESAMPLE"),
            Map.entry("into", "SELECT INTO"), Map.entry("distinct", "DISTINCT"), Map.entry("only", "ONLY"),
            Map.entry("lateral", "LATERAL"));

    private final ExprParser ep;
    private final TokenStream ts;

    SelectParser(ExprParser ep) {
        this.ep = ep;
        this.ts = ep.ts;
    }

    /** {@code SELECT ...} up to (not including) the closing parenthesis. */
    Node.Select select() {
        Token select = ts.expectKeyword("select");
        rejectUnsupported(Set.of("distinct"));
        ts.acceptKeyword("all");
        List<Node> targets = new ArrayList<>();
        if (ts.atKeyword("from")) {
            throw new WhereException(ts.peek().start(), "SELECT without a target list is not supported in subqueries");
        }
        do {
            if (ts.peek().isOp("*")) {
                throw new WhereException(ts.peek().start(), "SELECT * is not supported in subqueries");
            }
            targets.add(ep.expr());
            if (ts.acceptKeyword("as")) {
                label();
            } else if (Keywords.isColId(ts.peek())) {
                ts.advance();
            }
        } while (ts.acceptPunct(","));
        rejectUnsupported(Set.of("into"));
        if (!ts.atKeyword("from")) {
            throw new WhereException(ts.peek().start(), "subqueries without FROM are not supported");
        }
        ts.advance();
        rejectUnsupported(Set.of("only", "lateral"));
        Token first = ts.peek();
        if (!Keywords.isColId(first)) {
            if (first.isPunct("(")) {
                throw new WhereException(first.start(), "only a table name is supported in a subquery's FROM");
            }
            throw ts.syntaxError(first);
        }
        ts.advance();
        String schema = null;
        String table = first.text();
        if (ts.acceptPunct(".")) {
            schema = table;
            table = label().text();
            if (ts.atPunct(".")) {
                throw new WhereException(first.start(), "cross-database references are not implemented");
            }
        }
        alias();
        if (ts.atPunct(",")) {
            throw new WhereException(ts.peek().start(), "several FROM items are not supported in subqueries");
        }
        rejectUnsupported();
        Node where = null;
        if (ts.acceptKeyword("where")) {
            where = ep.expr();
        }
        rejectUnsupported();
        List<Node> all = new ArrayList<>(targets);
        all.add(where);
        return ts.node(new Node.Select(select.start(), targets, schema, table, where), all);
    }

    private void alias() {
        if (ts.acceptKeyword("as")) {
            if (!Keywords.isColId(ts.peek())) {
                throw ts.syntaxError(ts.peek());
            }
            ts.advance();
        } else if (Keywords.isColId(ts.peek())) {
            ts.advance();
        }
        if (ts.atPunct("(")) {
            throw new WhereException(ts.peek().start(), "column aliases are not supported in subqueries");
        }
    }

    private Token label() {
        Token t = ts.peek();
        if (!Keywords.isLabel(t)) {
            throw ts.syntaxError(t);
        }
        return ts.advance();
    }

    private void rejectUnsupported() {
        rejectUnsupported(UNSUPPORTED.keySet());
    }

    private void rejectUnsupported(Set<String> which) {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.IDENT && which.contains(t.text())) {
            throw new WhereException(t.start(), UNSUPPORTED.get(t.text()) + " is not supported in subqueries");
        }
    }

    // ---- end of a top-level clause

    /**
     * Requires the end of input after a complete top-level clause. A {@code ;} splits the statement; SQL clauses
     * Postgres would accept after a WHERE clause (ORDER BY, GROUP BY, HAVING, WINDOW, LIMIT, OFFSET, FETCH, FOR
     * UPDATE, UNION/INTERSECT/EXCEPT) make a malformed query (positioned at the first clause keyword), provided
     * they parse; anything else is a syntax error.
     */
    void requireEnd() {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.EOF) {
            return;
        }
        if (t.isPunct(";")) {
            throw new WhereException(t.start(), SPLIT);
        }
        if (!TrailingClauses.starts(t)) {
            throw ts.syntaxError(t);
        }
        new TrailingClauses(ep).skipAll();
        Token end = ts.peek();
        if (end.isPunct(";")) {
            throw new WhereException(end.start(), SPLIT);
        }
        if (end.kind() != Token.Kind.EOF) {
            throw ts.syntaxError(end);
        }
        throw new WhereException(t.start(), MALFORMED);
    }
}
