package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses (to validate, then discard) SQL clauses that may follow a WHERE clause, so that
 * {@code x = 1 ORDER BY y} is reported as a malformed query while {@code x = 1 ORDER BY} stays a syntax error; and
 * parses sort lists ({@code expr [ASC|DESC] [NULLS FIRST|LAST]}).
 */
final class TrailingClauses {
    private static final Set<String> STARTS = Set.of("order", "group", "having", "window", "limit", "offset",
            "fetch", "for", "union", "intersect", "except");

    private final ExprParser ep;
    private final TokenStream ts;

    TrailingClauses(ExprParser ep) {
        this.ep = ep;
        this.ts = ep.ts;
    }

    static boolean starts(Token t) {
        return t.kind() == Kind.IDENT && STARTS.contains(t.text());
    }

    void skipAll() {
        while (starts(ts.peek())) {
            Token t = ts.advance();
            switch (t.text()) {
                case "order" -> {
                    ts.expectKeyword("by");
                    sortList();
                }
                case "group" -> {
                    ts.expectKeyword("by");
                    if (!ts.acceptKeyword("all")) {
                        ts.acceptKeyword("distinct");
                    }
                    ep.exprList();
                }
                case "having" -> ep.expr();
                case "window" -> window();
                case "limit" -> {
                    if (!ts.acceptKeyword("all")) {
                        ep.expr();
                    }
                }
                case "offset" -> {
                    ep.expr();
                    rowOrRows(false);
                }
                case "fetch" -> fetch();
                case "for" -> locking();
                default -> setOperation();
            }
        }
    }

    /** Comma-separated sort items. */
    List<Node.SortItem> sortList() {
        List<Node.SortItem> items = new ArrayList<>();
        do {
            Token start = ts.peek();
            Node expr = ep.expr();
            boolean descending = false;
            if (ts.acceptKeyword("desc")) {
                descending = true;
            } else if (!ts.acceptKeyword("asc") && ts.atKeyword("using")) {
                throw new WhereException(ts.peek().start(), "ORDER BY USING is not supported");
            }
            Boolean nullsFirst = null;
            if (ts.atKeyword("nulls") && (ts.peek(1).isKeyword("first") || ts.peek(1).isKeyword("last"))) {
                ts.advance();
                nullsFirst = ts.advance().isKeyword("first");
            }
            items.add(new Node.SortItem(start.start(), expr, descending, nullsFirst));
        } while (ts.acceptPunct(","));
        return items;
    }

    private void window() {
        FunctionParser skipper = new FunctionParser(ep);
        do {
            Token name = ts.advance();
            if (!Keywords.isColId(name)) {
                throw ts.syntaxError(name);
            }
            ts.expectKeyword("as");
            skipper.skipParenthesised();
        } while (ts.acceptPunct(","));
    }

    private boolean rowOrRows(boolean required) {
        if (ts.acceptKeyword("row") || ts.acceptKeyword("rows")) {
            return true;
        }
        if (required) {
            throw ts.syntaxError(ts.peek());
        }
        return false;
    }

    private void fetch() {
        if (!ts.acceptKeyword("first")) {
            ts.expectKeyword("next");
        }
        if (!ts.atKeyword("row") && !ts.atKeyword("rows")) {
            ep.expr(ExprParser.ADD, true);
        }
        rowOrRows(true);
        if (ts.acceptKeyword("with")) {
            ts.expectKeyword("ties");
        } else {
            ts.expectKeyword("only");
        }
    }

    private void locking() {
        if (ts.acceptKeyword("no")) {
            ts.expectKeyword("key");
            ts.expectKeyword("update");
        } else if (ts.acceptKeyword("key")) {
            ts.expectKeyword("share");
        } else if (!ts.acceptKeyword("update")) {
            ts.expectKeyword("share");
        }
        if (ts.acceptKeyword("of")) {
            do {
                ep.primaries.qualifiedName(true);
            } while (ts.acceptPunct(","));
        }
        if (ts.acceptKeyword("skip")) {
            ts.expectKeyword("locked");
        } else {
            ts.acceptKeyword("nowait");
        }
    }

    /** {@code UNION|INTERSECT|EXCEPT [ALL|DISTINCT]} followed by some query: only its presence is checked. */
    private void setOperation() {
        if (!ts.acceptKeyword("all")) {
            ts.acceptKeyword("distinct");
        }
        Token t = ts.peek();
        if (!t.isKeyword("select") && !t.isPunct("(") && !t.isKeyword("values") && !t.isKeyword("table")) {
            throw ts.syntaxError(t);
        }
        while (ts.peek().kind() != Kind.EOF && !ts.atPunct(";")) {
            ts.advance();
        }
    }
}
