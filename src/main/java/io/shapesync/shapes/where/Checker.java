package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Expr.Const;
import io.shapesync.shapes.where.Expr.Op;
import io.shapesync.shapes.where.parse.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Type-checks a parsed clause into an {@link Expr}: resolves columns, params, overloads; folds constants. */
final class Checker {
    final Map<String, WhereColumn> columns = new HashMap<>();
    final Map<String, Integer> slots = new LinkedHashMap<>();
    final List<SqlType> slotTypes = new ArrayList<>();
    final Map<String, String> params;
    final Map<String, SqlType> enums = new HashMap<>();
    final Mode mode;
    final Where.TableResolver tables;
    final List<SubqueryDef> subqueries;
    private final Functions functions = new Functions(this);
    private final Predicates predicates = new Predicates(this);

    Checker(List<WhereColumn> cols, Map<String, String> params, Mode mode, Where.TableResolver tables,
            List<SubqueryDef> subqueries) {
        for (WhereColumn c : cols) {
            columns.put(c.name(), c);
            if (c.isEnum()) {
                enums.put(c.typeName(), SqlType.enumType(c.typeName()));
            }
        }
        this.params = params == null ? Map.of() : params;
        this.mode = mode;
        this.tables = tables;
        this.subqueries = subqueries;
    }

    /** Checks a whole where clause: its result must be boolean. */
    Expr checkWhere(Node n) {
        Expr e = check(n);
        if (e.type().isUnknown()) {
            return coerce(e, SqlType.BOOL);
        }
        if (!e.type().equals(SqlType.BOOL)) {
            throw new WhereException(-1, "WHERE clause must return a boolean");
        }
        return e;
    }

    Expr check(Node n) {
        if (n instanceof Node.ColumnRef c) {
            return column(c);
        }
        if (n instanceof Node.Literal l) {
            return literal(l);
        }
        if (n instanceof Node.Param p) {
            return param(p);
        }
        if (n instanceof Node.Cast c) {
            return cast(c);
        }
        if (n instanceof Node.BinaryOp b) {
            return predicates.binary(b);
        }
        if (n instanceof Node.UnaryOp u) {
            return unary(u);
        }
        if (n instanceof Node.And a) {
            return predicates.logic(Expr.Logic.Kind.AND, a.args(), a.pos());
        }
        if (n instanceof Node.Or o) {
            return predicates.logic(Expr.Logic.Kind.OR, o.args(), o.pos());
        }
        if (n instanceof Node.Not x) {
            return predicates.logic(Expr.Logic.Kind.NOT, List.of(x.arg()), x.pos());
        }
        if (n instanceof Node.IsNull i) {
            return predicates.isNull(i);
        }
        if (n instanceof Node.IsBool i) {
            return predicates.isBool(i);
        }
        if (n instanceof Node.Distinct d) {
            return predicates.distinct(d);
        }
        if (n instanceof Node.InList i) {
            return predicates.inList(i);
        }
        if (n instanceof Node.Between b) {
            return predicates.between(b);
        }
        if (n instanceof Node.Like l) {
            return predicates.like(check(l.expr()), check(l.pattern()),
                    l.escape() == null ? null : check(l.escape()), l.caseInsensitive(), l.negated(), l.pos());
        }
        if (n instanceof Node.AnyAll a) {
            return predicates.anyAll(a);
        }
        if (n instanceof Node.ArrayCtor a) {
            return functions.arrayCtor(a);
        }
        if (n instanceof Node.Subscript s) {
            return functions.subscript(s);
        }
        if (n instanceof Node.FuncCall f) {
            return functions.call(f);
        }
        if (n instanceof Node.InSubquery s) {
            return SubqueryDef.check(this, s);
        }
        if (n instanceof Node.RowCtor r) {
            throw new WhereException(r.pos(), "RowExpr is not supported in this context");
        }
        if (n instanceof Node.OtherSublink s) {
            throw new WhereException(s.pos(), "SubLink is not supported in this context");
        }
        if (n instanceof Node.Select s) {
            throw new WhereException(s.pos(), "SubLink is not supported in this context");
        }
        if (n instanceof Node.Unsupported u) {
            throw new WhereException(u.pos(), u.nodeName() + " is not supported in this context");
        }
        throw new WhereException(n.pos(), n.getClass().getSimpleName() + " is not supported in this context");
    }

    SqlType columnType(WhereColumn c, int pos) {
        SqlType t;
        if (c.isEnum()) {
            t = SqlType.enumType(c.typeName());
        } else if (SqlType.SUPPORTED.contains(c.typeName())) {
            t = SqlType.of(c.typeName());
        } else {
            throw new WhereException(pos, "unsupported type " + c.typeName());
        }
        return c.dims() > 0 ? t.arrayOf() : t;
    }

    private Expr column(Node.ColumnRef c) {
        WhereColumn col = columns.get(c.name());
        if (col == null) {
            throw new WhereException(c.pos(), "unknown reference " + c.name());
        }
        SqlType t = columnType(col, c.pos());
        Integer slot = slots.get(c.name());
        if (slot == null) {
            slot = slots.size();
            slots.put(c.name(), slot);
            slotTypes.add(t);
        }
        return new Expr.Col(slot, c.name(), t, c.pos());
    }

    private Expr literal(Node.Literal l) {
        return switch (l.kind()) {
            case STRING -> new Const(SqlType.UNKNOWN, l.text(), true, l.pos());
            case NULL -> new Const(SqlType.UNKNOWN, null, false, l.pos());
            case BOOL -> new Const(SqlType.BOOL, Boolean.parseBoolean(l.text()), false, l.pos());
            case INTEGER, NUMERIC -> number(l.text(), l.pos());
        };
    }

    /** An integer literal is int4 if it fits, else int8, else numeric; anything with a point/exponent numeric. */
    static Const number(String text, int pos) {
        if (text.chars().allMatch(ch -> ch == '-' || Character.isDigit(ch))) {
            try {
                long v = Long.parseLong(text);
                boolean int4 = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
                return new Const(int4 ? SqlType.INT4 : SqlType.INT8, v, false, pos);
            } catch (NumberFormatException e) {
                // too big: numeric
            }
        }
        BigDecimal d = new BigDecimal(text);
        return new Const(SqlType.NUMERIC, d.scale() < 0 ? d.setScale(0) : d, false, pos);
    }

    private Expr param(Node.Param p) {
        String v = params.get(Integer.toString(p.index()));
        if (v == null) {
            throw new WhereException(p.pos(), "parameter $" + p.index() + " was not provided");
        }
        return new Const(SqlType.UNKNOWN, v, true, p.pos());
    }

    SqlType typeName(Node.TypeName t) {
        SqlType base;
        if (SqlType.SUPPORTED.contains(t.name())) {
            base = SqlType.of(t.name());
        } else if (enums.containsKey(t.name())) {
            base = enums.get(t.name());
        } else {
            throw new WhereException(t.pos(), "unsupported type " + t.name());
        }
        if (!t.modifiers().isEmpty() && !List.of("numeric", "varchar", "bpchar").contains(base.name())) {
            throw new WhereException(t.pos(), "unsupported type " + t.name() + t.modifiers());
        }
        return t.dims() > 0 ? base.arrayOf() : base;
    }

    private Expr cast(Node.Cast c) {
        SqlType to = typeName(c.type());
        if (c.expr() instanceof Node.ArrayCtor a && a.elements().isEmpty() && to.array()) {
            return new Const(to, ArrayValue.EMPTY, false, c.pos());
        }
        Expr e = check(c.expr());
        return explicitCast(e, to, c.type().modifiers(), c.pos());
    }

    Expr explicitCast(Expr e, SqlType to, List<Integer> mods, int pos) {
        String target = to.sql();
        if (!mods.isEmpty()) {
            String m = mods.toString().replace("[", "(").replace("]", ")").replace(" ", "");
            target = to.array() ? to.elem().sql() + m + "[]" : to.sql() + m;
        }
        Expr.Fn1 tm = to.array() ? null : Casts.typmod(to, mods);
        if (e instanceof Const k && k.type().isUnknown()) {
            Const p = (Const) coerce(e, to);
            if (tm == null) {
                return new Const(to, p.value(), p.bound(), pos);
            }
            e = p;
        }
        Expr.Fn1 fn = Casts.cast(e.type(), to);
        if (fn == null) {
            throw new WhereException(pos, "cannot cast type " + e.type().display() + " to " + to.display());
        }
        Expr.Fn1 f = tm == null ? fn : v -> tm.apply(fn.apply(v));
        return fold(new Expr.Cast(e, to, target, f, false, pos), e);
    }

    private Expr unary(Node.UnaryOp u) {
        if (u.op().equals("-") && u.operand() instanceof Node.Literal l
                && (l.kind() == Node.Literal.Kind.INTEGER || l.kind() == Node.Literal.Kind.NUMERIC)) {
            return number("-" + l.text(), u.pos());
        }
        Expr arg = check(u.operand());
        List<Sig> cands = Operators.candidates(u.op(), null, arg.type());
        Sig s = Resolver.select(cands, List.of(arg.type()));
        if (s == null) {
            throw new WhereException(u.pos(), "Could not select an operator overload for " + u.op() + " "
                    + arg.type().display());
        }
        Expr a = coerce(arg, s.params().get(0));
        Expr.Fn1 f = (Expr.Fn1) s.fn();
        return fold(new Op(u.op(), null, a, s.result(), (x, y) -> f.apply(y), false, u.pos()), a);
    }

    /** Resolves {@code l op r} to an operator application (not folded). */
    Op resolve(String op, Expr l, Expr r, int pos) {
        List<Sig> cands = Operators.candidates(op, l.type(), r.type());
        Sig s = Resolver.select(cands, List.of(l.type(), r.type()));
        if (s == null) {
            throw new WhereException(pos, "Could not select an operator overload for " + l.type().display() + " "
                    + op + " " + r.type().display());
        }
        Expr a = coerce(l, s.params().get(0));
        Expr b = coerce(r, s.params().get(1));
        return new Op(op, a, b, s.result(), (Expr.Fn2) s.fn(), s.collate(), pos);
    }

    /** Converts {@code e} to type {@code to}: unknown constants through the input function, else an implicit cast. */
    Expr coerce(Expr e, SqlType to) {
        if (e.type().equals(to)) {
            return e;
        }
        if (e instanceof Const c && c.type().isUnknown()) {
            if (c.value() == null) {
                return new Const(to, null, c.bound(), c.pos());
            }
            try {
                return new Const(to, TypeIO.parse(to, (String) c.value()), c.bound(), c.pos());
            } catch (IllegalArgumentException | EvaluationException x) {
                throw new WhereException(c.pos(), x.getMessage());
            }
        }
        Expr.Fn1 fn = Casts.cast(e.type(), to);
        if (fn == null) {
            throw new WhereException(e.pos(), "cannot cast type " + e.type().display() + " to " + to.display());
        }
        return fold(new Expr.Cast(e, to, to.sql(), fn, true, e.pos()), e);
    }

    /** Coerces a function argument; no implicit cast means no overload. */
    Expr coerceArg(Expr e, SqlType to, String name, int pos) {
        if (to.equals(SqlType.INT4) && e.type().isInteger()) {
            return fold(new Expr.Cast(e, to, to.sql(), Casts.cast(e.type(), to), true, e.pos()), e);
        }
        if (!SqlType.canImplicit(e.type(), to)) {
            throw new WhereException(pos, "Could not select a function overload for " + name + "("
                    + e.type().display() + ")");
        }
        return coerce(e, to);
    }

    /** Leaves {@code e} as is unless it is an untyped constant, which becomes text. */
    Expr resolveUnknown(Expr e) {
        return e.type().isUnknown() ? coerce(e, SqlType.TEXT) : e;
    }

    /** Evaluates {@code e} now when all {@code kids} are constants. */
    Expr fold(Expr e, Expr... kids) {
        boolean strict = e instanceof Op o && o.strict() || e instanceof Expr.Cast
                || e instanceof Expr.Func f && f.strict();
        for (Expr k : kids) {
            if (strict && k instanceof Const kc && kc.value() == null) {
                return new Const(e.type(), null, false, e.pos());
            }
        }
        for (Expr k : kids) {
            if (k != null && !(k instanceof Const)) {
                return e;
            }
        }
        boolean bound = false;
        for (Expr k : kids) {
            bound |= k != null && ((Const) k).bound();
        }
        try {
            Object v = Compiler.constant(e);
            return new Const(e.type(), v, bound, e.pos());
        } catch (EvaluationException | IllegalArgumentException | ArithmeticException x) {
            throw new WhereException(e.pos(), x.getMessage());
        }
    }

    Expr foldAll(Expr e, List<? extends Expr> kids) {
        return fold(e, kids.toArray(new Expr[0]));
    }
}
