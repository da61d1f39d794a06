package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Expr.Func;
import io.shapesync.shapes.where.parse.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** array_cat, array_append, array_prepend, array_ndims, array_length, cardinality. */
final class ArrayFunctions {
    private ArrayFunctions() {
    }

    static Expr call(Checker c, String name, Node.FuncCall f, Function<Func, Expr> fold) {
        int n = f.args().size();
        List<Expr> a = new ArrayList<>();
        String key = name + "/" + n;
        if (!List.of("array_cat/2", "array_append/2", "array_prepend/2", "array_ndims/1", "array_length/2",
                "cardinality/1").contains(key)) {
            throw new WhereException(f.pos(), "unknown or unsupported function " + name + "/" + n);
        }
        for (Node x : f.args()) {
            a.add(c.check(x));
        }
        int pos = f.pos();
        switch (key) {
            case "array_ndims/1", "cardinality/1": {
                Expr arr = array(c, a.get(0), null, name, pos);
                boolean ndims = name.equals("array_ndims");
                return fold.apply(new Func(name, List.of(arr), SqlType.INT4, v -> {
                    ArrayValue x = (ArrayValue) v[0];
                    if (ndims) {
                        return x.isEmpty() ? null : (Object) (long) x.ndims();
                    }
                    return (long) x.elems.length;
                }, true, false, pos));
            }
            case "array_length/2": {
                Expr arr = array(c, a.get(0), null, name, pos);
                Expr dim = c.coerceArg(a.get(1), SqlType.INT4, name, pos);
                return fold.apply(new Func(name, List.of(arr, dim), SqlType.INT4, v -> {
                    ArrayValue x = (ArrayValue) v[0];
                    long d = (Long) v[1];
                    return d < 1 || d > x.ndims() ? null : (Object) (long) x.dims[(int) d - 1];
                }, true, false, pos));
            }
            case "array_cat/2": {
                SqlType t = common(c, a.get(0), a.get(1), true, true, name, pos);
                List<Expr> args = List.of(c.coerce(a.get(0), t), c.coerce(a.get(1), t));
                return fold.apply(new Func(name, args, t,
                        v -> ArrayOps.cat((ArrayValue) v[0], (ArrayValue) v[1]), false, false, pos));
            }
            case "array_append/2": {
                SqlType t = common(c, a.get(0), a.get(1), true, false, name, pos);
                List<Expr> args = List.of(c.coerce(a.get(0), t), c.coerce(a.get(1), t.elem()));
                return fold.apply(new Func(name, args, t, v -> ArrayOps.append((ArrayValue) v[0], v[1]), false,
                        false, pos));
            }
            default: {
                SqlType t = common(c, a.get(1), a.get(0), true, false, name, pos);
                List<Expr> args = List.of(c.coerce(a.get(0), t.elem()), c.coerce(a.get(1), t));
                return fold.apply(new Func(name, args, t, v -> ArrayOps.prepend(v[0], (ArrayValue) v[1]), false,
                        false, pos));
            }
        }
    }

    private static Expr array(Checker c, Expr e, SqlType want, String name, int pos) {
        if (!e.type().array()) {
            throw new WhereException(pos, "Could not select a function overload for " + name + "("
                    + e.type().display() + ")");
        }
        return e;
    }

    /** The array type of anycompatiblearray arguments: {@code arr} is the array argument, {@code other} the rest. */
    private static SqlType common(Checker c, Expr arr, Expr other, boolean arrIsArray, boolean otherIsArray,
                                  String name, int pos) {
        List<SqlType> elems = new ArrayList<>();
        if (!arr.type().isUnknown()) {
            if (!arr.type().array()) {
                throw new WhereException(pos, "Could not select a function overload for " + name);
            }
            elems.add(arr.type().elem());
        }
        if (!other.type().isUnknown()) {
            if (otherIsArray != other.type().array()) {
                throw new WhereException(pos, "Could not select a function overload for " + name);
            }
            elems.add(otherIsArray ? other.type().elem() : other.type());
        }
        if (elems.isEmpty()) {
            throw new WhereException(pos, "could not determine polymorphic type because input has type unknown");
        }
        SqlType t = Resolver.commonType(elems);
        if (t == null) {
            throw new WhereException(pos, "Could not select a function overload for " + name);
        }
        return t.arrayOf();
    }
}
