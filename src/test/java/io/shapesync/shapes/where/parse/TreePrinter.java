package io.shapesync.shapes.where.parse;

import java.util.List;
import java.util.stream.Collectors;

/** Test-only compact rendering of parse trees, e.g. {@code (= (col a) (int 1))}. */
final class TreePrinter {
    private TreePrinter() {
    }

    static String print(Node n) {
        if (n == null) {
            return "nil";
        }
        if (n instanceof Node.ColumnRef c) {
            return "(col " + c.name() + ")";
        }
        if (n instanceof Node.Literal l) {
            return literal(l);
        }
        if (n instanceof Node.Param p) {
            return "$" + p.index();
        }
        if (n instanceof Node.Cast c) {
            return "(:: " + print(c.expr()) + " " + type(c.type()) + ")";
        }
        if (n instanceof Node.BinaryOp b) {
            return "(" + b.op() + " " + print(b.left()) + " " + print(b.right()) + ")";
        }
        if (n instanceof Node.UnaryOp u) {
            return "(unary" + u.op() + " " + print(u.operand()) + ")";
        }
        if (n instanceof Node.And a) {
            return "(and " + all(a.args()) + ")";
        }
        if (n instanceof Node.Or o) {
            return "(or " + all(o.args()) + ")";
        }
        if (n instanceof Node.Not x) {
            return "(not " + print(x.arg()) + ")";
        }
        if (n instanceof Node.IsNull i) {
            return "(" + (i.negated() ? "notnull " : "isnull ") + print(i.expr()) + ")";
        }
        if (n instanceof Node.IsBool i) {
            return "(is-" + (i.negated() ? "not-" : "") + i.test().name().toLowerCase() + " "
                    + print(i.expr()) + ")";
        }
        if (n instanceof Node.Distinct d) {
            return "(" + (d.negated() ? "not-distinct " : "distinct ") + print(d.left()) + " "
                    + print(d.right()) + ")";
        }
        if (n instanceof Node.InList i) {
            return "(" + (i.negated() ? "not-in " : "in ") + print(i.expr()) + " " + all(i.list())
                    + ")";
        }
        if (n instanceof Node.Between b) {
            return "(" + (b.negated() ? "not-" : "") + "between" + (b.symmetric() ? "-sym " : " ")
                    + print(b.expr()) + " " + print(b.low()) + " " + print(b.high()) + ")";
        }
        if (n instanceof Node.Like l) {
            return "(" + (l.negated() ? "not-" : "") + (l.caseInsensitive() ? "ilike " : "like ")
                    + print(l.expr()) + " " + print(l.pattern()) + (l.escape() == null ? "" : " " + print(l.escape()))
                    + ")";
        }
        if (n instanceof Node.AnyAll a) {
            return "(" + (a.all() ? "all " : "any ") + a.op() + " " + print(a.left()) + " "
                    + print(a.array()) + ")";
        }
        if (n instanceof Node.ArrayCtor a) {
            return a.elements().isEmpty() ? "(array)" : "(array " + all(a.elements()) + ")";
        }
        if (n instanceof Node.Subscript s) {
            return s.sliced()
                    ? "(slice " + print(s.array()) + " " + print(s.lower()) + " " + print(s.upper()) + ")"
                    : "(sub " + print(s.array()) + " " + print(s.lower()) + ")";
        }
        if (n instanceof Node.FuncCall f) {
            return call(f);
        }
        if (n instanceof Node.RowCtor r) {
            return r.elements().isEmpty() ? "(row)" : "(row " + all(r.elements()) + ")";
        }
        if (n instanceof Node.InSubquery i) {
            return "(" + (i.negated() ? "not-in " : "in ") + print(i.left()) + " "
                    + print(i.select()) + ")";
        }
        if (n instanceof Node.OtherSublink o) {
            return "(sublink " + o.kind() + " " + print(o.select()) + ")";
        }
        if (n instanceof Node.Select s) {
            return "(select [" + all(s.targets()) + "] " + (s.schema() == null ? "" : s.schema() + ".")
                    + s.table() + (s.where() == null ? "" : " " + print(s.where())) + ")";
        }
        if (n instanceof Node.Unsupported u) {
            return "(unsupported " + u.nodeName() + ")";
        }
        throw new IllegalArgumentException(n.toString());
    }

    static String print(List<Node.SortItem> items) {
        return items.stream().map(i -> print(i.expr()) + (i.descending() ? " desc" : "")
                + (i.nullsFirst() == null ? "" : i.nullsFirst() ? " nulls-first" : " nulls-last"))
                .collect(Collectors.joining(", "));
    }

    private static String literal(Node.Literal l) {
        return switch (l.kind()) {
            case STRING -> "'" + l.text().replace("'", "''") + "'";
            case INTEGER -> "(int " + l.text() + ")";
            case NUMERIC -> "(num " + l.text() + ")";
            case BOOL -> l.text();
            case NULL -> "null";
        };
    }

    private static String call(Node.FuncCall f) {
        StringBuilder sb = new StringBuilder("(call ").append(f.name());
        if (f.distinct()) {
            sb.append(" distinct");
        }
        if (f.variadic()) {
            sb.append(" variadic");
        }
        if (f.star()) {
            sb.append(" *");
        }
        if (!f.args().isEmpty()) {
            sb.append(' ').append(all(f.args()));
        }
        if (f.over()) {
            sb.append(" over");
        }
        return sb.append(')').toString();
    }

    static String type(Node.TypeName t) {
        String mods = t.modifiers().isEmpty() ? ""
                : t.modifiers().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
        return t.name() + mods + "[]".repeat(t.dims());
    }

    private static String all(List<Node> nodes) {
        return nodes.stream().map(TreePrinter::print).collect(Collectors.joining(" "));
    }
}
