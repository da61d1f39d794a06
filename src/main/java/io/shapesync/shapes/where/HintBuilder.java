package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Expr.Fn1;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Derives the routing-index hint of a clause (see {@link IndexHint}): a necessary condition, never too strict. */
final class HintBuilder {
    private static final Set<String> RANGE_OPS = Set.of("<", ">", "<=", ">=");

    private HintBuilder() {
    }

    static IndexHint hint(Expr e, List<SqlType> slotTypes) {
        if (e instanceof Expr.Logic l && l.kind() == Expr.Logic.Kind.AND) {
            IndexHint best = IndexHint.NONE;
            for (Expr a : l.args()) {
                IndexHint h = hint(a, slotTypes);
                if (rank(h) < rank(best)) {
                    best = h;
                }
            }
            return best;
        }
        if (e instanceof Expr.Logic l && l.kind() == Expr.Logic.Kind.OR) {
            return or(l.args(), slotTypes);
        }
        if (e instanceof Expr.Op o && o.left() != null && o.type().equals(SqlType.BOOL)) {
            return comparison(o, o.op());
        }
        if (e instanceof Expr.InList in && !in.negated()) {
            Map<KeySpace, Set<Object>> keys = new LinkedHashMap<>();
            for (Expr.Op eq : in.eqs()) {
                IndexHint h = comparison(eq, "=");
                if (!(h instanceof IndexHint.Equality q)) {
                    return IndexHint.NONE;
                }
                keys.computeIfAbsent(q.space(), k -> new HashSet<>()).addAll(q.keys());
            }
            return keys.size() == 1 ? equality(keys) : IndexHint.NONE;
        }
        if (e instanceof Expr.AnyAll a && !a.all() && a.op().equals("=") && a.array() instanceof Expr.Const c) {
            Side col = column(a.left());
            if (col == null || c.value() == null) {
                return IndexHint.NONE;
            }
            SqlType cmp = a.elemType();
            KeySpace space = space(col, cmp);
            Set<Object> keys = new HashSet<>();
            for (Object v : ((ArrayValue) c.value()).elems) {
                if (v != null) {
                    keys.add(Keys.key(cmp, v));
                }
            }
            return new IndexHint.Equality(space, keys);
        }
        if (e instanceof Expr.Between b && !b.negated() && !b.symmetric()) {
            IndexHint lo = comparison(b.geLo(), ">=");
            IndexHint hi = comparison(b.leHi(), "<=");
            if (lo instanceof IndexHint.Range l && hi instanceof IndexHint.Range h && l.space().equals(h.space())) {
                return new IndexHint.Range(l.space(), l.lower(), true, h.upper(), true);
            }
            return rank(lo) <= rank(hi) ? lo : hi;
        }
        return IndexHint.NONE;
    }

    /** Lower is more selective. */
    private static int rank(IndexHint h) {
        if (h instanceof IndexHint.Equality q) {
            return Math.min(q.keys().size(), 1000);
        }
        if (h instanceof IndexHint.AnyOf) {
            return 2000;
        }
        if (h instanceof IndexHint.Range) {
            return 3000;
        }
        return 10000;
    }

    private static IndexHint or(List<Expr> args, List<SqlType> slotTypes) {
        Map<KeySpace, Set<Object>> eqs = new LinkedHashMap<>();
        List<IndexHint> others = new ArrayList<>();
        for (Expr a : args) {
            IndexHint h = hint(a, slotTypes);
            if (h instanceof IndexHint.None) {
                return IndexHint.NONE;
            }
            List<IndexHint> flat = h instanceof IndexHint.AnyOf any ? any.alternatives() : List.of(h);
            for (IndexHint x : flat) {
                if (x instanceof IndexHint.Equality q) {
                    eqs.computeIfAbsent(q.space(), k -> new HashSet<>()).addAll(q.keys());
                } else {
                    others.add(x);
                }
            }
        }
        List<IndexHint> alts = new ArrayList<>();
        for (Map.Entry<KeySpace, Set<Object>> en : eqs.entrySet()) {
            alts.add(new IndexHint.Equality(en.getKey(), en.getValue()));
        }
        alts.addAll(others);
        return alts.size() == 1 ? alts.get(0) : new IndexHint.AnyOf(alts);
    }

    private static IndexHint equality(Map<KeySpace, Set<Object>> keys) {
        Map.Entry<KeySpace, Set<Object>> en = keys.entrySet().iterator().next();
        return new IndexHint.Equality(en.getKey(), en.getValue());
    }

    /** A column reference, possibly under implicit casts (applied in order). */
    private record Side(Expr.Col col, SqlType type, List<Fn1> casts) {
    }

    private static Side column(Expr e) {
        List<Fn1> casts = new ArrayList<>();
        SqlType type = e.type();
        while (e instanceof Expr.Cast c && c.implicit()) {
            casts.add(0, c.fn());
            e = c.arg();
        }
        return e instanceof Expr.Col col ? new Side(col, type, casts) : null;
    }

    private static boolean ordered(SqlType t) {
        if (t.array() || t.isEnum()) {
            return false;
        }
        return switch (t.category()) {
            case 'N', 'S', 'D', 'T' -> true;
            default -> t.name().equals("uuid");
        };
    }

    /** {@code col op const} or {@code const op col}. */
    private static IndexHint comparison(Expr.Op o, String op) {
        Side col = column(o.left());
        Expr other = o.right();
        if (col == null) {
            col = column(o.right());
            other = o.left();
            op = switch (op) {
                case "<" -> ">";
                case ">" -> "<";
                case "<=" -> ">=";
                case ">=" -> "<=";
                default -> op;
            };
        }
        if (col == null || !(other instanceof Expr.Const c)) {
            return IndexHint.NONE;
        }
        if (!op.equals("=") && !RANGE_OPS.contains(op)) {
            return IndexHint.NONE;
        }
        SqlType cmp = SubqueryDef.wider(col.type(), c.type());
        if (!Compare.equatable(cmp)) {
            return IndexHint.NONE;
        }
        KeySpace space = space(col, cmp);
        if (c.value() == null) {
            return op.equals("=") ? new IndexHint.Equality(space, Set.of()) : IndexHint.NONE;
        }
        Fn1 toCmp = Casts.cast(c.type(), cmp);
        if (toCmp == null) {
            return IndexHint.NONE;
        }
        Object key = Keys.key(cmp, toCmp.apply(c.value()));
        if (op.equals("=")) {
            return new IndexHint.Equality(space, Set.of(key));
        }
        if (!ordered(cmp)) {
            return IndexHint.NONE;
        }
        return switch (op) {
            case "<" -> new IndexHint.Range(space, null, false, key, false);
            case "<=" -> new IndexHint.Range(space, null, false, key, true);
            case ">" -> new IndexHint.Range(space, key, false, null, false);
            default -> new IndexHint.Range(space, key, true, null, false);
        };
    }

    private static KeySpace space(Side side, SqlType cmp) {
        SqlType colType = side.col().type();
        List<Fn1> casts = side.casts();
        Fn1 toCmp = Casts.cast(side.type(), cmp);
        return new KeySpace(side.col().name(), Keys.spaceName(cmp), text -> {
            Object v = TypeIO.parse(colType, text);
            try {
                for (Fn1 f : casts) {
                    v = f.apply(v);
                }
                return Keys.key(cmp, toCmp.apply(v));
            } catch (RuntimeException e) {
                if (v instanceof Integer d) {
                    // a date beyond the timestamp range: above (below) every finite timestamp, short of infinity
                    return d > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
                }
                throw e;
            }
        }, Keys.order(cmp));
    }
}
