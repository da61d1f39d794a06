package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Expr.Fn1;
import io.shapesync.shapes.where.Expr.Fn2;
import java.util.List;

/** Compiles an {@link Expr} into a tree of small evaluators (closures), resolved once. */
final class Compiler {
    /** An evaluator: the value of an expression in a frame (null = SQL NULL; booleans as Boolean). */
    @FunctionalInterface
    interface Ev {
        Object eval(Frame f);
    }

    private Compiler() {
    }

    static Object constant(Expr e) {
        return compile(e).eval(Frame.EMPTY);
    }

    static EvaluationException wrap(RuntimeException e) {
        return e instanceof EvaluationException x ? x : new EvaluationException(e.getMessage());
    }

    static Ev compile(Expr e) {
        if (e instanceof Expr.Const c) {
            Object v = c.value();
            return f -> v;
        }
        if (e instanceof Expr.Col c) {
            int slot = c.slot();
            return f -> f.column(slot);
        }
        if (e instanceof Expr.Cast c) {
            return strict1(compile(c.arg()), c.fn());
        }
        if (e instanceof Expr.Op o) {
            if (o.strict() && (isNull(o.left()) || isNull(o.right()))) {
                return f -> null;
            }
            if (!o.strict()) {
                Ev l = compile(o.left());
                Ev r = compile(o.right());
                Fn2 fn = o.fn();
                return f -> {
                    try {
                        return fn.apply(l.eval(f), r.eval(f));
                    } catch (IllegalArgumentException | ArithmeticException ex) {
                        throw wrap(ex);
                    }
                };
            }
            return o.left() == null ? strict1(compile(o.right()), a -> o.fn().apply(null, a))
                    : strict2(compile(o.left()), compile(o.right()), o.fn());
        }
        if (e instanceof Expr.Func fn) {
            return Evaluators.func(fn);
        }
        if (e instanceof Expr.Logic l) {
            return Evaluators.logic(l);
        }
        if (e instanceof Expr.IsTest t) {
            return Evaluators.isTest(t);
        }
        if (e instanceof Expr.Distinct d) {
            return Evaluators.distinct(d);
        }
        if (e instanceof Expr.InList i) {
            return Evaluators.inList(i);
        }
        if (e instanceof Expr.Between b) {
            return Evaluators.between(b);
        }
        if (e instanceof Expr.Like l) {
            return Evaluators.like(l);
        }
        if (e instanceof Expr.AnyAll a) {
            return Evaluators.anyAll(a);
        }
        if (e instanceof Expr.ArrayCtor a) {
            return Evaluators.arrayCtor(a);
        }
        if (e instanceof Expr.Subscript s) {
            return Evaluators.subscript(s);
        }
        return Evaluators.inSub((Expr.InSub) e);
    }

    private static boolean isNull(Expr e) {
        return e instanceof Expr.Const c && c.value() == null;
    }

    static Ev strict1(Ev a, Fn1 fn) {
        return f -> {
            Object x = a.eval(f);
            if (x == null) {
                return null;
            }
            try {
                return fn.apply(x);
            } catch (IllegalArgumentException | ArithmeticException | ClassCastException ex) {
                throw wrap(ex);
            }
        };
    }

    static Ev strict2(Ev a, Ev b, Fn2 fn) {
        return f -> {
            Object x = a.eval(f);
            Object y = b.eval(f);
            if (x == null || y == null) {
                return null;
            }
            try {
                return fn.apply(x, y);
            } catch (IllegalArgumentException | ArithmeticException ex) {
                throw wrap(ex);
            }
        };
    }

    static Ev[] all(List<? extends Expr> es) {
        Ev[] out = new Ev[es.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = es.get(i) == null ? null : compile(es.get(i));
        }
        return out;
    }
}
