package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Compiler.Ev;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Evaluators of the non-strict constructs: boolean logic, IS tests, IN, BETWEEN, LIKE, ANY/ALL, arrays. */
final class Evaluators {
    private Evaluators() {
    }

    static Ev func(Expr.Func fn) {
        Ev[] args = Compiler.all(fn.args());
        Expr.FnN f = fn.fn();
        if (fn.name().equals("coalesce")) {
            return fr -> {
                for (Ev a : args) {
                    Object v = a.eval(fr);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            };
        }
        boolean strict = fn.strict();
        return fr -> {
            Object[] v = new Object[args.length];
            boolean anyNull = false;
            for (int i = 0; i < v.length; i++) {
                v[i] = args[i].eval(fr);
                anyNull |= v[i] == null;
            }
            if (strict && anyNull) {
                return null;
            }
            try {
                return f.apply(v);
            } catch (IllegalArgumentException | ArithmeticException ex) {
                throw Compiler.wrap(ex);
            }
        };
    }

    static Ev logic(Expr.Logic l) {
        Ev[] args = Compiler.all(l.args());
        return switch (l.kind()) {
            case NOT -> f -> {
                Object v = args[0].eval(f);
                return v == null ? null : !(Boolean) v;
            };
            case AND -> f -> {
                boolean sawNull = false;
                for (Ev a : args) {
                    Object v = a.eval(f);
                    if (v == null) {
                        sawNull = true;
                    } else if (!(Boolean) v) {
                        return Boolean.FALSE;
                    }
                }
                return sawNull ? null : Boolean.TRUE;
            };
            case OR -> f -> {
                boolean sawNull = false;
                for (Ev a : args) {
                    Object v = a.eval(f);
                    if (v == null) {
                        sawNull = true;
                    } else if ((Boolean) v) {
                        return Boolean.TRUE;
                    }
                }
                return sawNull ? null : Boolean.FALSE;
            };
        };
    }

    static Ev isTest(Expr.IsTest t) {
        Ev a = Compiler.compile(t.arg());
        boolean neg = t.negated();
        return switch (t.test()) {
            case NULL, UNKNOWN -> f -> (a.eval(f) == null) != neg;
            case TRUE -> f -> Boolean.TRUE.equals(a.eval(f)) != neg;
            case FALSE -> f -> Boolean.FALSE.equals(a.eval(f)) != neg;
        };
    }

    static Ev distinct(Expr.Distinct d) {
        Ev l = Compiler.compile(d.eq().left());
        Ev r = Compiler.compile(d.eq().right());
        Expr.Fn2 eq = d.eq().fn();
        boolean neg = d.negated();
        return f -> {
            Object x = l.eval(f);
            Object y = r.eval(f);
            boolean distinct;
            if (x == null || y == null) {
                distinct = x != y;
            } else {
                distinct = !(Boolean) eq.apply(x, y);
            }
            return distinct != neg;
        };
    }

    static Ev inList(Expr.InList in) {
        Ev[] eqs = Compiler.all(in.eqs());
        boolean neg = in.negated();
        return f -> {
            boolean sawNull = false;
            for (Ev e : eqs) {
                Object v = e.eval(f);
                if (v == null) {
                    sawNull = true;
                } else if ((Boolean) v) {
                    return !neg;
                }
            }
            return sawNull ? null : neg;
        };
    }

    private static Object and(Object a, Object b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return Boolean.FALSE;
        }
        return a == null || b == null ? null : Boolean.TRUE;
    }

    static Ev between(Expr.Between b) {
        Ev ge = Compiler.compile(b.geLo());
        Ev le = Compiler.compile(b.leHi());
        Ev ge2 = b.symmetric() ? Compiler.compile(b.geHi()) : null;
        Ev le2 = b.symmetric() ? Compiler.compile(b.leLo()) : null;
        boolean neg = b.negated();
        return f -> {
            Object r = and(ge.eval(f), le.eval(f));
            if (ge2 != null && !Boolean.TRUE.equals(r)) {
                Object r2 = and(ge2.eval(f), le2.eval(f));
                r = Boolean.TRUE.equals(r2) ? Boolean.TRUE : r == null || r2 == null ? null : Boolean.FALSE;
            }
            return r == null ? null : (Boolean) r != neg;
        };
    }

    static Ev like(Expr.Like l) {
        Ev a = Compiler.compile(l.arg());
        Ev p = Compiler.compile(l.pattern());
        Ev e = l.escape() == null ? null : Compiler.compile(l.escape());
        boolean ci = l.ci();
        boolean neg = l.negated();
        boolean bytes = l.bytes();
        return f -> {
            Object x = a.eval(f);
            Object y = p.eval(f);
            Object z = e == null ? "\\" : e.eval(f);
            if (x == null || y == null || z == null) {
                return null;
            }
            String s = bytes ? latin1((String) x) : (String) x;
            String pat = bytes ? latin1((String) y) : (String) y;
            String esc = bytes && e != null ? latin1((String) z) : (String) z;
            if (!esc.equals("\\")) {
                pat = TextOps.likeEscape(pat, esc);
            }
            boolean m = ci ? TextOps.ilike(s, pat) : TextOps.like(s, pat);
            return m != neg;
        };
    }

    private static String latin1(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 2; i < hex.length(); i += 2) {
            b.append((char) Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        return b.toString();
    }

    static Ev anyAll(Expr.AnyAll x) {
        Ev l = Compiler.compile(x.left());
        Ev arr = Compiler.compile(x.array());
        Expr.Fn2 cmp = x.cmp();
        boolean all = x.all();
        return f -> {
            Object v = l.eval(f);
            ArrayValue a = (ArrayValue) arr.eval(f);
            if (a == null) {
                return null;
            }
            if (a.isEmpty()) {
                return all;
            }
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object e : a.elems) {
                if (e == null) {
                    sawNull = true;
                    continue;
                }
                boolean r = (Boolean) cmp.apply(v, e);
                if (r != all) {
                    return r;
                }
            }
            return sawNull ? null : all;
        };
    }

    static Ev arrayCtor(Expr.ArrayCtor c) {
        Ev[] elems = Compiler.all(c.elems());
        boolean nested = !c.elems().isEmpty() && c.elems().get(0).type().array();
        return f -> {
            Object[] v = new Object[elems.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = elems[i].eval(f);
            }
            if (!nested) {
                return ArrayValue.of(Arrays.asList(v));
            }
            ArrayValue first = null;
            List<Object> out = new ArrayList<>();
            for (Object o : v) {
                ArrayValue sub = (ArrayValue) o;
                if (sub == null || sub.isEmpty()) {
                    if (first != null && !first.isEmpty()) {
                        throw new EvaluationException(
                                "multidimensional arrays must have array expressions with matching dimensions");
                    }
                    first = ArrayValue.EMPTY;
                    continue;
                }
                if (first == null) {
                    first = sub;
                } else if (!Arrays.equals(first.dims, sub.dims)) {
                    throw new EvaluationException(
                            "multidimensional arrays must have array expressions with matching dimensions");
                }
                out.addAll(Arrays.asList(sub.elems));
            }
            if (first == null || first.isEmpty()) {
                return ArrayValue.EMPTY;
            }
            int[] dims = new int[first.ndims() + 1];
            dims[0] = v.length;
            System.arraycopy(first.dims, 0, dims, 1, first.ndims());
            int[] lbs = new int[dims.length];
            Arrays.fill(lbs, 1);
            return new ArrayValue(dims, lbs, out.toArray());
        };
    }

    static Ev subscript(Expr.Subscript s) {
        Ev arr = Compiler.compile(s.array());
        Ev[] lo = Compiler.all(s.lowers());
        Ev[] hi = Compiler.all(s.uppers());
        List<Boolean> sliced = s.sliced();
        boolean slice = s.slice();
        int n = lo.length;
        return f -> {
            ArrayValue a = (ArrayValue) arr.eval(f);
            Long[] l = new Long[n];
            Long[] u = new Long[n];
            boolean anyNull = false;
            for (int i = 0; i < n; i++) {
                if (lo[i] != null) {
                    l[i] = (Long) lo[i].eval(f);
                    anyNull |= l[i] == null;
                }
                if (hi[i] != null) {
                    u[i] = (Long) hi[i].eval(f);
                    anyNull |= u[i] == null;
                }
            }
            if (a == null || anyNull) {
                return null;
            }
            if (!slice) {
                long[] idx = new long[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = l[i];
                }
                return ArrayOps.element(a, idx);
            }
            for (int i = 0; i < n; i++) {
                if (!sliced.get(i)) {
                    u[i] = l[i];
                    l[i] = 1L;
                }
            }
            return ArrayOps.slice(a, l, u);
        };
    }

    static Ev inSub(Expr.InSub s) {
        Ev[] lhs = Compiler.all(s.lhs());
        SubqueryDef sub = s.sub();
        boolean neg = s.negated();
        return f -> {
            Object[] v = new Object[lhs.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = lhs[i].eval(f);
                if (v[i] == null) {
                    return null;
                }
            }
            if (f.subqueries == null) {
                throw new IllegalStateException("clause has subqueries: use filter(SubqueryValues)");
            }
            boolean in = f.subqueries.contains(sub.index(), sub.keyOfValues(v));
            return in != neg;
        };
    }
}
