package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Expr.Const;
import io.shapesync.shapes.where.Expr.Op;
import io.shapesync.shapes.where.parse.Node;
import java.util.ArrayList;
import java.util.List;

/** Checking of operators and boolean constructs (AND/OR/NOT, IS, IN, BETWEEN, LIKE, ANY/ALL). */
final class Predicates {
    private final Checker c;

    Predicates(Checker c) {
        this.c = c;
    }

    Expr binary(Node.BinaryOp b) {
        Expr l = c.check(b.left());
        Expr r = c.check(b.right());
        return switch (b.op()) {
            case "~~" -> like(l, r, null, false, false, b.pos());
            case "!~~" -> like(l, r, null, false, true, b.pos());
            case "~~*" -> like(l, r, null, true, false, b.pos());
            case "!~~*" -> like(l, r, null, true, true, b.pos());
            default -> {
                Op op = c.resolve(b.op(), l, r, b.pos());
                yield c.fold(op, op.left(), op.right());
            }
        };
    }

    Expr toBool(Expr e, String what) {
        if (e.type().isUnknown()) {
            return c.coerce(e, SqlType.BOOL);
        }
        if (!e.type().equals(SqlType.BOOL)) {
            throw new WhereException(e.pos(), "argument of " + what + " must be type boolean, not type "
                    + e.type().display());
        }
        return e;
    }

    Expr logic(Expr.Logic.Kind kind, List<Node> args, int pos) {
        List<Expr> out = new ArrayList<>();
        for (Node n : args) {
            out.add(toBool(c.check(n), kind.name()));
        }
        if (kind != Expr.Logic.Kind.NOT) {
            // eval_const_expressions: x OR true = true, x AND false = false; drop neutral constants
            Boolean absorbing = kind == Expr.Logic.Kind.OR;
            List<Expr> kept = new ArrayList<>();
            for (Expr e : out) {
                if (e instanceof Const k && absorbing.equals(k.value())) {
                    return new Const(SqlType.BOOL, absorbing, false, pos);
                }
                if (!(e instanceof Const k && k.value() != null)) {
                    kept.add(e);
                }
            }
            if (kept.isEmpty()) {
                return new Const(SqlType.BOOL, !absorbing, false, pos);
            }
            if (kept.size() == 1) {
                return kept.get(0);
            }
            out = kept;
        }
        return c.foldAll(new Expr.Logic(kind, out, pos), out);
    }

    Expr isNull(Node.IsNull n) {
        Expr a = c.resolveUnknown(c.check(n.expr()));
        return c.fold(new Expr.IsTest(a, Expr.IsTest.Test.NULL, n.negated(), n.pos()), a);
    }

    Expr isBool(Node.IsBool n) {
        String what = "IS " + (n.negated() ? "NOT " : "") + n.test().name();
        Expr a = toBool(c.check(n.expr()), what);
        Expr.IsTest.Test t = Expr.IsTest.Test.valueOf(n.test().name());
        return c.fold(new Expr.IsTest(a, t, n.negated(), n.pos()), a);
    }

    Expr distinct(Node.Distinct d) {
        Op eq = c.resolve("=", c.check(d.left()), c.check(d.right()), d.pos());
        if (!eq.type().equals(SqlType.BOOL)) {
            throw new WhereException(d.pos(), "IS DISTINCT FROM requires = operator to yield boolean");
        }
        return c.fold(new Expr.Distinct(eq, d.negated(), d.pos()), eq.left(), eq.right());
    }

    /** Postgres' transformAExprIn: constant items share a common type with the lhs; column items stand alone. */
    Expr inList(Node.InList n) {
        Expr lhs = c.check(n.expr());
        List<Expr> items = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        types.add(lhs.type());
        int nonVars = 0;
        for (Node i : n.list()) {
            Expr e = c.check(i);
            items.add(e);
            if (!hasColumn(e)) {
                types.add(e.type());
                nonVars++;
            }
        }
        SqlType common = nonVars > 1 ? Resolver.commonType(types) : null;
        List<Op> eqs = new ArrayList<>();
        List<Expr> kids = new ArrayList<>();
        kids.add(lhs);
        for (Expr e : items) {
            Expr item = common != null && !hasColumn(e) ? c.coerce(e, common) : e;
            Op eq = c.resolve("=", lhs, item, n.pos());
            eqs.add(eq);
            kids.add(eq.left());
            kids.add(eq.right());
        }
        return c.foldAll(new Expr.InList(lhs, eqs, n.negated(), n.pos()), kids);
    }

    static boolean hasColumn(Expr e) {
        if (e instanceof Expr.Col) {
            return true;
        }
        if (e instanceof Const) {
            return false;
        }
        if (e instanceof Expr.Cast x) {
            return hasColumn(x.arg());
        }
        if (e instanceof Op o) {
            return o.left() != null && hasColumn(o.left()) || hasColumn(o.right());
        }
        return true;
    }

    Expr between(Node.Between b) {
        Expr a = c.check(b.expr());
        Expr lo = c.check(b.low());
        Expr hi = c.check(b.high());
        Op geLo = c.resolve(">=", a, lo, b.pos());
        Op leHi = c.resolve("<=", a, hi, b.pos());
        Op geHi = b.symmetric() ? c.resolve(">=", a, hi, b.pos()) : null;
        Op leLo = b.symmetric() ? c.resolve("<=", a, lo, b.pos()) : null;
        Expr.Between e = new Expr.Between(geLo.left(), geLo.right(), leHi.right(), b.negated(), b.symmetric(), geLo,
                leHi, geHi, leLo, b.pos());
        return c.fold(e, geLo.left(), leHi.left(), geLo.right(), leHi.right());
    }

    Expr like(Expr arg, Expr pattern, Expr escape, boolean ci, boolean negated, int pos) {
        String op = ci ? "~~*" : "~~";
        Sig s = Resolver.select(Operators.candidates(op, arg.type(), pattern.type()),
                List.of(arg.type(), pattern.type()));
        if (s == null) {
            throw new WhereException(pos, "Could not select an operator overload for " + arg.type().display() + " "
                    + (ci ? "ILIKE " : "LIKE ") + pattern.type().display());
        }
        Expr a = c.coerce(arg, s.params().get(0));
        Expr p = c.coerce(pattern, s.params().get(1));
        boolean bytes = s.params().get(0).name().equals("bytea");
        Expr e = escape == null ? null : c.coerce(escape.type().isUnknown() ? escape : escape,
                bytes ? SqlType.BYTEA : SqlType.TEXT);
        if (e instanceof Const ec && ec.value() != null && p instanceof Const pc && pc.value() != null && !bytes) {
            try {
                TextOps.likeEscape((String) pc.value(), (String) ec.value());
            } catch (EvaluationException x) {
                throw new WhereException(pos, x.getMessage());
            }
        }
        return c.fold(new Expr.Like(a, p, e, ci, negated, bytes, pos), a, p, e);
    }

    Expr anyAll(Node.AnyAll n) {
        Expr left = c.check(n.left());
        Expr arr = c.check(n.array());
        SqlType elem;
        if (arr.type().isUnknown()) {
            elem = SqlType.UNKNOWN;
        } else if (arr.type().array()) {
            elem = arr.type().elem();
        } else {
            throw new WhereException(n.pos(), "op ANY/ALL (array) requires array on right side");
        }
        Expr probe = new Const(elem, null, false, arr.pos());
        List<Sig> cands = Operators.candidates(n.op(), left.type(), elem);
        Sig s = Resolver.select(cands, List.of(left.type(), elem));
        if (s == null) {
            throw new WhereException(n.pos(), "Could not select an operator overload for " + left.type().display()
                    + " " + n.op() + " " + elem.display());
        }
        if (!s.result().equals(SqlType.BOOL)) {
            throw new WhereException(n.pos(), "op ANY/ALL (array) requires operator to yield boolean");
        }
        Expr l = c.coerce(left, s.params().get(0));
        SqlType rt = s.params().get(1);
        Expr a = c.coerce(arr, rt.arrayOf());
        assert probe != null;
        return c.fold(new Expr.AnyAll(n.op(), l, a, n.all(), (Expr.Fn2) s.fn(), s.collate(), rt, n.pos()), l, a);
    }
}
