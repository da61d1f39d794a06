package io.shapesync.shapes.where;

import static io.shapesync.shapes.where.SqlType.BOOL;

import io.shapesync.shapes.where.Expr.Fn2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Array operators (anyarray / anycompatiblearray instantiated per call) and array functions. */
final class ArrayOps {
    private ArrayOps() {
    }

    static boolean isArrayOp(String op) {
        return List.of("@>", "<@", "&&").contains(op);
    }

    static void candidates(String op, SqlType l, SqlType r, List<Sig> out) {
        SqlType arr = l.array() ? l : r.array() ? r : null;
        if (arr == null) {
            return;
        }
        boolean sameOrUnknown = (l.equals(arr) || l.isUnknown()) && (r.equals(arr) || r.isUnknown());
        if (Operators.COMPARISONS.contains(op) && sameOrUnknown) {
            boolean ok = op.equals("=") || op.equals("<>") ? Compare.equatable(arr) : Compare.ordered(arr);
            if (ok) {
                Sig s = Sig.poly(op, arr, true, arr, true, BOOL, Compare.opFn(op, Compare.of(arr)));
                out.add(arr.elem().isText() && !op.equals("=") && !op.equals("<>") ? s.withCollate() : s);
            }
        }
        if (isArrayOp(op) && sameOrUnknown && Compare.equatable(arr)) {
            Comparator<Object> c = Compare.of(arr.elem());
            Fn2 fn = switch (op) {
                case "@>" -> (a, b) -> contains((ArrayValue) b, (ArrayValue) a, c, true);
                case "<@" -> (a, b) -> contains((ArrayValue) a, (ArrayValue) b, c, true);
                default -> (a, b) -> contains((ArrayValue) a, (ArrayValue) b, c, false);
            };
            out.add(Sig.poly(op, arr, true, arr, true, BOOL, fn));
        }
        if (op.equals("||")) {
            if (l.array() && r.array()) {
                SqlType common = Resolver.commonType(List.of(l.elem(), r.elem()));
                if (common != null) {
                    SqlType t = common.arrayOf();
                    out.add(Sig.poly(op, t, true, t, true, t, (Fn2) (a, b) -> cat((ArrayValue) a, (ArrayValue) b)));
                }
            } else if (l.array()) {
                if (r.isUnknown()) {
                    out.add(Sig.poly(op, l, true, l, true, l, (Fn2) (a, b) -> cat((ArrayValue) a, (ArrayValue) b)));
                } else {
                    SqlType common = Resolver.commonType(List.of(l.elem(), r));
                    if (common != null) {
                        out.add(Sig.poly(op, common.arrayOf(), true, common, true, common.arrayOf(),
                                (Fn2) (a, b) -> append((ArrayValue) a, b)));
                    }
                }
            } else {
                if (l.isUnknown()) {
                    out.add(Sig.poly(op, r, true, r, true, r, (Fn2) (a, b) -> cat((ArrayValue) a, (ArrayValue) b)));
                } else {
                    SqlType common = Resolver.commonType(List.of(l, r.elem()));
                    if (common != null) {
                        out.add(Sig.poly(op, common, true, common.arrayOf(), true, common.arrayOf(),
                                (Fn2) (a, b) -> prepend(a, (ArrayValue) b)));
                    }
                }
            }
        }
    }

    /** array_contain_compare: every (non-null) element of {@code a} is in {@code b}; or any, for overlap. */
    static boolean contains(ArrayValue a, ArrayValue b, Comparator<Object> c, boolean all) {
        for (Object x : a.elems) {
            if (x == null) {
                if (all) {
                    return false;
                }
                continue;
            }
            boolean found = false;
            for (Object y : b.elems) {
                if (y != null && c.compare(x, y) == 0) {
                    found = true;
                    break;
                }
            }
            if (found && !all) {
                return true;
            }
            if (!found && all) {
                return false;
            }
        }
        return all;
    }

    static ArrayValue cat(ArrayValue a, ArrayValue b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        if (b == null || b.isEmpty()) {
            return a;
        }
        int na = a.ndims();
        int nb = b.ndims();
        Object[] elems = Arrays.copyOf(a.elems, a.elems.length + b.elems.length);
        System.arraycopy(b.elems, 0, elems, a.elems.length, b.elems.length);
        if (na == nb) {
            if (!Arrays.equals(a.dims, 1, na, b.dims, 1, nb)) {
                throw incompatible();
            }
            int[] dims = a.dims.clone();
            dims[0] += b.dims[0];
            return new ArrayValue(dims, a.lbounds.clone(), elems);
        }
        if (na == nb + 1 && Arrays.equals(a.dims, 1, na, b.dims, 0, nb)) {
            int[] dims = a.dims.clone();
            dims[0]++;
            return new ArrayValue(dims, a.lbounds.clone(), elems);
        }
        if (nb == na + 1 && Arrays.equals(b.dims, 1, nb, a.dims, 0, na)) {
            int[] dims = b.dims.clone();
            dims[0]++;
            int[] lb = b.lbounds.clone();
            return new ArrayValue(dims, lb, elems);
        }
        throw incompatible();
    }

    private static EvaluationException incompatible() {
        return new EvaluationException("cannot concatenate incompatible arrays");
    }

    static ArrayValue append(ArrayValue a, Object e) {
        if (a == null || a.isEmpty()) {
            return ArrayValue.of(Arrays.asList(e));
        }
        if (a.ndims() != 1) {
            throw new EvaluationException("argument must be empty or one-dimensional array");
        }
        Object[] elems = Arrays.copyOf(a.elems, a.elems.length + 1);
        elems[a.elems.length] = e;
        return new ArrayValue(new int[] {a.dims[0] + 1}, a.lbounds.clone(), elems);
    }

    static ArrayValue prepend(Object e, ArrayValue a) {
        if (a == null || a.isEmpty()) {
            return ArrayValue.of(Arrays.asList(e));
        }
        if (a.ndims() != 1) {
            throw new EvaluationException("argument must be empty or one-dimensional array");
        }
        Object[] elems = new Object[a.elems.length + 1];
        elems[0] = e;
        System.arraycopy(a.elems, 0, elems, 1, a.elems.length);
        return new ArrayValue(new int[] {a.dims[0] + 1}, a.lbounds.clone(), elems);
    }

    /** a[i][j]... (element; null when out of range or wrong subscript count). */
    static Object element(ArrayValue a, long[] idx) {
        if (idx.length != a.ndims()) {
            return null;
        }
        int off = 0;
        for (int k = 0; k < idx.length; k++) {
            long i = idx[k] - a.lbounds[k];
            if (i < 0 || i >= a.dims[k]) {
                return null;
            }
            off = off * a.dims[k] + (int) i;
        }
        return a.elems[off];
    }

    /** a[l:u]...; a null bound is open; non-slice subscripts s mean 1:s. */
    static ArrayValue slice(ArrayValue a, Long[] lo, Long[] hi) {
        int n = a.ndims();
        if (lo.length > n || a.isEmpty()) {
            return ArrayValue.EMPTY;
        }
        int[] from = new int[n];
        int[] len = new int[n];
        for (int k = 0; k < n; k++) {
            long lb = a.lbounds[k];
            long ub = lb + a.dims[k] - 1;
            long l = k < lo.length && lo[k] != null ? Math.max(lo[k], lb) : lb;
            long u = k < hi.length && hi[k] != null ? Math.min(hi[k], ub) : ub;
            if (u < l) {
                return ArrayValue.EMPTY;
            }
            from[k] = (int) (l - lb);
            len[k] = (int) (u - l + 1);
        }
        List<Object> out = new ArrayList<>();
        collect(a, 0, 0, from, len, out);
        int[] lbs = new int[n];
        Arrays.fill(lbs, 1);
        return new ArrayValue(len, lbs, out.toArray());
    }

    private static void collect(ArrayValue a, int k, int base, int[] from, int[] len, List<Object> out) {
        for (int i = from[k]; i < from[k] + len[k]; i++) {
            int off = base * a.dims[k] + i;
            if (k + 1 == a.ndims()) {
                out.add(a.elems[off]);
            } else {
                collect(a, k + 1, off, from, len, out);
            }
        }
    }
}
