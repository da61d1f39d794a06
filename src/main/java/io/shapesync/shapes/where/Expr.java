package io.shapesync.shapes.where;

import java.util.List;

/** The type-checked tree of a where clause: what the renderer, the compiler and the hint builder consume. */
sealed interface Expr {
    SqlType type();

    int pos();

    @FunctionalInterface
    interface Fn1 {
        Object apply(Object a);
    }

    @FunctionalInterface
    interface Fn2 {
        Object apply(Object a, Object b);
    }

    @FunctionalInterface
    interface FnN {
        Object apply(Object[] args);
    }

    /** A constant; {@code bound} when its text came from the client (a string literal or a parameter). */
    record Const(SqlType type, Object value, boolean bound, int pos) implements Expr {
    }

    record Col(int slot, String name, SqlType type, int pos) implements Expr {
    }

    /** A cast; {@code implicit} ones are not rendered. {@code target} is the SQL type text (with modifiers). */
    record Cast(Expr arg, SqlType type, String target, Fn1 fn, boolean implicit, int pos) implements Expr {
    }

    /**
     * An operator application; {@code left} null for a prefix operator (fn gets null as a). Strict (NULL in, NULL
     * out) except array concatenation, whose fn handles NULLs itself.
     */
    record Op(String op, Expr left, Expr right, SqlType type, Fn2 fn, boolean collate, int pos) implements Expr {
        boolean strict() {
            return !(op.equals("||") && type.array());
        }
    }

    /** A function call; strict ones return NULL on any NULL argument without calling fn. */
    record Func(String name, List<Expr> args, SqlType type, FnN fn, boolean strict, boolean collate, int pos)
            implements Expr {
    }

    record Logic(Kind kind, List<Expr> args, int pos) implements Expr {
        enum Kind { AND, OR, NOT }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }

    record IsTest(Expr arg, Test test, boolean negated, int pos) implements Expr {
        enum Test { NULL, TRUE, FALSE, UNKNOWN }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }

    /** {@code eq} is the resolved {@code =} operator (an Op whose operands are the two sides). */
    record Distinct(Op eq, boolean negated, int pos) implements Expr {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }

    /** {@code lhs [NOT] IN (items)}: one resolved {@code =} per item (each an Op with lhs on the left). */
    record InList(Expr lhs, List<Op> eqs, boolean negated, int pos) implements Expr {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }

    /** {@code arg [NOT] BETWEEN [SYMMETRIC] lo AND hi} as resolved {@code >= lo}, {@code <= hi} (+ swapped). */
    record Between(Expr arg, Expr lo, Expr hi, boolean negated, boolean symmetric, Op geLo, Op leHi, Op geHi,
                   Op leLo, int pos) implements Expr {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }

    /** LIKE/ILIKE; {@code escape} null when absent. */
    record Like(Expr arg, Expr pattern, Expr escape, boolean ci, boolean negated, boolean bytes, int pos)
            implements Expr {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }

    /** {@code left op ANY|ALL (array)}; {@code cmp} compares left with one element. */
    record AnyAll(String op, Expr left, Expr array, boolean all, Fn2 cmp, boolean collate, SqlType elemType,
                  int pos) implements Expr {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }

    record ArrayCtor(List<Expr> elems, SqlType type, int pos) implements Expr {
    }

    /** {@code array[..][..]}: per subscript a lower (null: open or plain index) and upper bound. */
    record Subscript(Expr array, List<Expr> lowers, List<Expr> uppers, List<Boolean> sliced, boolean slice,
                     SqlType type, int pos) implements Expr {
    }

    /** {@code (lhs...) [NOT] IN (SELECT ...)}: subquery {@code index}. */
    record InSub(List<Expr> lhs, SubqueryDef sub, boolean negated, int pos) implements Expr {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }
    }
}
