package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Function calls: ordinary {@code name(args)} with {@code *}, DISTINCT, VARIADIC and OVER recorded as flags, and
 * the SQL-syntax functions (EXTRACT, POSITION, SUBSTRING, TRIM, OVERLAY, NORMALIZE) turned into the pg_catalog
 * calls Postgres makes of them. Aggregate ORDER BY, FILTER and WITHIN GROUP are rejected here.
 */
final class FunctionParser {
    static final Set<String> SPECIAL = Set.of("extract", "position", "substring", "trim", "overlay", "normalize",
            "treat", "grouping", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlparse", "xmlpi",
            "xmlroot", "xmlserialize");
    private static final String AGGREGATION = "aggregation is not supported in this context";

    private final ExprParser ep;
    private final TokenStream ts;

    FunctionParser(ExprParser ep) {
        this.ep = ep;
        this.ts = ep.ts;
    }

    /** An ordinary call; the name is consumed and {@code (} is next. */
    Node.FuncCall call(Token nameToken, String name) {
        ts.expectPunct("(");
        boolean star = false;
        boolean distinct = false;
        boolean variadic = false;
        List<Node> args = new ArrayList<>();
        if (ts.peek().isOp("*")) {
            if (!ts.peek(1).isPunct(")")) {
                throw ts.syntaxError(ts.peek(1));
            }
            ts.advance();
            star = true;
        } else if (!ts.atPunct(")")) {
            distinct = ts.acceptKeyword("distinct");
            if (!distinct) {
                ts.acceptKeyword("all");
            }
            do {
                variadic = ts.acceptKeyword("variadic");
                Token t = ts.peek();
                if (Keywords.isLabel(t) && (ts.peek(1).isPunct("=>") || ts.peek(1).isPunct(":="))) {
                    throw new WhereException(t.start(), "named function arguments are not supported");
                }
                args.add(ep.expr());
            } while (!variadic && ts.acceptPunct(","));
            if (ts.atKeyword("order")) {
                throw new WhereException(nameToken.start(), AGGREGATION);
            }
        }
        ts.expectPunct(")");
        if (ts.atKeyword("within") || ts.atKeyword("filter")) {
            throw new WhereException(nameToken.start(), AGGREGATION);
        }
        boolean over = false;
        if (ts.acceptKeyword("over")) {
            over = true;
            if (ts.atPunct("(")) {
                skipParenthesised();
            } else if (Keywords.isColId(ts.peek())) {
                ts.advance();
            } else {
                throw ts.syntaxError(ts.peek());
            }
        }
        return ts.node(new Node.FuncCall(nameToken.start(), name, args, star, distinct, variadic, over), args);
    }

    /** A SQL-syntax function; its keyword is consumed and {@code (} is next. */
    Node special(Token kw) {
        return switch (kw.text()) {
            case "extract" -> extract(kw);
            case "position" -> position(kw);
            case "substring" -> substring(kw);
            case "trim" -> trim(kw);
            case "overlay" -> overlay(kw);
            case "normalize" -> normalize(kw);
            default -> {
                skipParenthesised();
                yield new Node.Unsupported(kw.start(), kw.text().startsWith("xml") ? "XmlExpr"
                        : kw.text().equals("grouping") ? "GroupingFunc" : "TypeCast");
            }
        };
    }

    private Node system(Token kw, String name, List<Node> args) {
        ts.expectPunct(")");
        return ts.node(new Node.FuncCall(kw.start(), "pg_catalog." + name, args, false, false, false, false), args);
    }

    private Node extract(Token kw) {
        ts.expectPunct("(");
        Token field = ts.peek();
        boolean keyword = field.kind() == Kind.IDENT && (Keywords.RESERVED.contains(field.text())
                || Keywords.COL_NAME.contains(field.text()) || Keywords.TYPE_FUNC_NAME.contains(field.text()));
        if (keyword || (!Keywords.isLabel(field) && field.kind() != Kind.STRING)) {
            throw ts.syntaxError(field);
        }
        ts.advance();
        ts.expectKeyword("from");
        Node source = ep.expr();
        return system(kw, "extract", List.of(new Node.Literal(field.start(), Node.Literal.Kind.STRING,
                field.text()), source));
    }

    private Node position(Token kw) {
        ts.expectPunct("(");
        Node needle = ep.expr(0, true);
        ts.expectKeyword("in");
        Node haystack = ep.expr(0, true);
        return system(kw, "position", List.of(haystack, needle));
    }

    private Node substring(Token kw) {
        int mark = ts.mark();
        ts.expectPunct("(");
        if (ts.atPunct(")")) {
            ts.reset(mark);
            return call(kw, "substring");
        }
        Node first = ep.expr();
        if (ts.atPunct(",") || ts.atPunct(")")) {
            return plainRest(kw, "substring", first);
        }
        List<Node> args = new ArrayList<>(List.of(first));
        if (ts.acceptKeyword("from")) {
            args.add(ep.expr());
            if (ts.acceptKeyword("for")) {
                args.add(ep.expr());
            }
        } else if (ts.acceptKeyword("for")) {
            Node count = ep.expr();
            if (ts.acceptKeyword("from")) {
                args.add(ep.expr());
            } else {
                args.add(new Node.Literal(count.pos(), Node.Literal.Kind.INTEGER, "1"));
            }
            args.add(count);
        } else if (ts.acceptKeyword("similar")) {
            args.add(ep.expr());
            ts.expectKeyword("escape");
            args.add(ep.expr());
        } else {
            throw ts.syntaxError(ts.peek());
        }
        return system(kw, "substring", args);
    }

    /** The ordinary-call form {@code name(first, ...)} once its first argument is parsed (no re-parsing). */
    private Node plainRest(Token kw, String name, Node first) {
        List<Node> args = new ArrayList<>(List.of(first));
        if (ts.acceptPunct(",")) {
            args.addAll(ep.exprList());
        }
        ts.expectPunct(")");
        return ts.node(new Node.FuncCall(kw.start(), name, args, false, false, false, false), args);
    }

    private Node trim(Token kw) {
        ts.expectPunct("(");
        String name = ts.acceptKeyword("leading") ? "ltrim" : ts.acceptKeyword("trailing") ? "rtrim" : "btrim";
        ts.acceptKeyword("both");
        List<Node> args;
        if (ts.acceptKeyword("from")) {
            args = ep.exprList();
        } else {
            Node first = ep.expr();
            if (ts.acceptKeyword("from")) {
                args = new ArrayList<>(ep.exprList());
                args.add(first);
            } else {
                args = new ArrayList<>(List.of(first));
                if (ts.acceptPunct(",")) {
                    args.addAll(ep.exprList());
                }
            }
        }
        return system(kw, name, args);
    }

    private Node overlay(Token kw) {
        int mark = ts.mark();
        ts.expectPunct("(");
        if (ts.atPunct(")")) {
            ts.reset(mark);
            return call(kw, "overlay");
        }
        Node first = ep.expr();
        if (!ts.atKeyword("placing")) {
            return plainRest(kw, "overlay", first);
        }
        ts.advance();
        List<Node> args = new ArrayList<>(List.of(first, ep.expr()));
        ts.expectKeyword("from");
        args.add(ep.expr());
        if (ts.acceptKeyword("for")) {
            args.add(ep.expr());
        }
        return system(kw, "overlay", args);
    }

    private Node normalize(Token kw) {
        ts.expectPunct("(");
        List<Node> args = new ArrayList<>(List.of(ep.expr()));
        if (ts.acceptPunct(",")) {
            Token form = ts.advance();
            if (form.kind() != Kind.IDENT) {
                throw ts.syntaxError(form);
            }
            args.add(new Node.Literal(form.start(), Node.Literal.Kind.STRING, form.text()));
        }
        return system(kw, "normalize", args);
    }

    /** Skips a balanced {@code ( ... )} group without recursion (window specifications, XML functions). */
    void skipParenthesised() {
        ts.expectPunct("(");
        int depth = 1;
        while (depth > 0) {
            Token t = ts.advance();
            if (t.kind() == Kind.EOF || t.isPunct(";")) {
                throw ts.syntaxError(t);
            }
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            }
        }
    }
}
