package io.shapesync.shapes.where;

import java.util.List;

/**
 * Renders an {@link Expr} as SQL Postgres evaluates like the compiled filter: identifiers quoted, every operator
 * parenthesised, constants typed, COLLATE "C" on text ordering and case folding. With {@code binds} non-null,
 * client-derived constants become {@code ?::type} placeholders and their text is collected.
 */
final class Renderer {
    private static final String C = " COLLATE \"C\"";
    private final StringBuilder b = new StringBuilder();
    private final List<String> binds;

    private Renderer(List<String> binds) {
        this.binds = binds;
    }

    static String render(Expr e, List<String> binds) {
        Renderer r = new Renderer(binds);
        r.expr(e);
        return r.b.toString();
    }

    private void collated(Expr e, boolean collate) {
        expr(e);
        if (collate) {
            b.append(C);
        }
    }

    private void list(List<? extends Expr> es, boolean collateFirst) {
        for (int i = 0; i < es.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            collated(es.get(i), collateFirst && i == 0);
        }
    }

    void expr(Expr e) {
        if (e instanceof Expr.Const c) {
            constant(c);
        } else if (e instanceof Expr.Col c) {
            b.append(Sql.ident(c.name()));
        } else if (e instanceof Expr.Cast c) {
            if (c.implicit()) {
                expr(c.arg());
            } else {
                b.append('(');
                expr(c.arg());
                b.append(")::").append(c.target());
            }
        } else if (e instanceof Expr.Op o) {
            b.append('(');
            if (o.left() != null) {
                collated(o.left(), o.collate());
                b.append(' ');
            }
            b.append(o.op()).append(' ');
            expr(o.right());
            b.append(')');
        } else if (e instanceof Expr.Func f) {
            func(f);
        } else if (e instanceof Expr.Logic l) {
            b.append('(');
            if (l.kind() == Expr.Logic.Kind.NOT) {
                b.append("NOT ");
                expr(l.args().get(0));
            } else {
                for (int i = 0; i < l.args().size(); i++) {
                    if (i > 0) {
                        b.append(' ').append(l.kind().name()).append(' ');
                    }
                    expr(l.args().get(i));
                }
            }
            b.append(')');
        } else if (e instanceof Expr.IsTest t) {
            b.append('(');
            expr(t.arg());
            b.append(" IS ").append(t.negated() ? "NOT " : "").append(t.test().name()).append(')');
        } else if (e instanceof Expr.Distinct d) {
            b.append('(');
            expr(d.eq().left());
            b.append(d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
            expr(d.eq().right());
            b.append(')');
        } else if (e instanceof Expr.InList in) {
            inList(in);
        } else if (e instanceof Expr.Between x) {
            between(x);
        } else if (e instanceof Expr.Like l) {
            b.append('(');
            collated(l.arg(), l.ci());
            b.append(l.negated() ? " NOT" : "").append(l.ci() ? " ILIKE " : " LIKE ");
            expr(l.pattern());
            if (l.escape() != null) {
                b.append(" ESCAPE ");
                expr(l.escape());
            }
            b.append(')');
        } else if (e instanceof Expr.AnyAll a) {
            b.append('(');
            collated(a.left(), a.collate());
            b.append(' ').append(a.op()).append(a.all() ? " ALL (" : " ANY (");
            expr(a.array());
            b.append("))");
        } else if (e instanceof Expr.ArrayCtor a) {
            b.append("ARRAY[");
            list(a.elems(), false);
            b.append(']');
        } else if (e instanceof Expr.Subscript s) {
            b.append('(');
            expr(s.array());
            b.append(')');
            for (int i = 0; i < s.lowers().size(); i++) {
                b.append('[');
                if (s.lowers().get(i) != null) {
                    expr(s.lowers().get(i));
                }
                if (s.sliced().get(i)) {
                    b.append(':');
                    if (s.uppers().get(i) != null) {
                        expr(s.uppers().get(i));
                    }
                }
                b.append(']');
            }
        } else if (e instanceof Expr.InSub s) {
            b.append('(');
            if (s.lhs().size() == 1) {
                expr(s.lhs().get(0));
            } else {
                b.append("ROW(");
                list(s.lhs(), false);
                b.append(')');
            }
            b.append(s.negated() ? " NOT IN (" : " IN (");
            s.sub().render(this, binds);
            b.append("))");
        }
    }

    /** IN when every comparison resolved the lhs alike, else the OR of the comparisons. */
    private void inList(Expr.InList in) {
        Expr lhs = in.eqs().get(0).left();
        boolean same = in.eqs().stream().allMatch(eq -> eq.left().equals(lhs));
        if (same) {
            b.append('(');
            expr(lhs);
            b.append(in.negated() ? " NOT IN (" : " IN (");
            list(in.eqs().stream().map(Expr.Op::right).toList(), false);
            b.append("))");
            return;
        }
        b.append(in.negated() ? "(NOT (" : "(");
        for (int i = 0; i < in.eqs().size(); i++) {
            b.append(i > 0 ? " OR " : "");
            expr(in.eqs().get(i));
        }
        b.append(in.negated() ? "))" : ")");
    }

    /** BETWEEN when its operands resolved alike in every comparison, else the expansion Postgres would make. */
    private void between(Expr.Between x) {
        boolean same = x.geLo().left().equals(x.leHi().left()) && x.lo().equals(x.geLo().right())
                && x.hi().equals(x.leHi().right()) && (!x.symmetric()
                || x.geHi().left().equals(x.geLo().left()) && x.leLo().left().equals(x.geLo().left())
                && x.geHi().right().equals(x.hi()) && x.leLo().right().equals(x.lo()));
        if (same) {
            b.append('(');
            collated(x.arg(), x.geLo().collate());
            b.append(x.negated() ? " NOT BETWEEN " : " BETWEEN ").append(x.symmetric() ? "SYMMETRIC " : "");
            expr(x.lo());
            b.append(" AND ");
            expr(x.hi());
            b.append(')');
            return;
        }
        b.append(x.negated() ? "(NOT " : "(");
        b.append(x.symmetric() ? "((" : "(");
        expr(x.geLo());
        b.append(" AND ");
        expr(x.leHi());
        if (x.symmetric()) {
            b.append(") OR (");
            expr(x.geHi());
            b.append(" AND ");
            expr(x.leLo());
            b.append(')');
        }
        b.append("))");
    }

    void raw(String s) {
        b.append(s);
    }

    private void func(Expr.Func f) {
        if (f.name().equals("nullif")) {
            Expr.Op eq = (Expr.Op) f.args().get(1);
            b.append("NULLIF(");
            expr(eq.left());
            b.append(", ");
            expr(eq.right());
            b.append(')');
            return;
        }
        b.append(f.name()).append('(');
        list(f.args(), f.collate());
        b.append(')');
    }

    private void constant(Expr.Const c) {
        SqlType t = c.type().isUnknown() ? SqlType.TEXT : c.type();
        if (c.value() == null) {
            b.append("NULL::").append(t.sql());
            return;
        }
        if (t.equals(SqlType.BOOL) && !c.bound()) {
            b.append((Boolean) c.value() ? "true" : "false");
            return;
        }
        String text = c.type().isUnknown() ? (String) c.value() : TypeIO.format(t, c.value());
        if (binds != null && c.bound()) {
            binds.add(text);
            b.append("?::").append(t.sql());
        } else {
            b.append(Sql.literal(text)).append("::").append(t.sql());
        }
    }
}
