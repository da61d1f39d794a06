package io.shapesync.shapes.where;

import io.shapesync.shapes.where.Expr.Const;
import io.shapesync.shapes.where.Expr.Func;
import io.shapesync.shapes.where.parse.Node;
import io.shapesync.shapes.where.values.Interval;
import io.shapesync.shapes.where.values.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Function calls, array constructors and subscripts. */
final class Functions {
    private static final Set<String> AGGREGATES = Set.of("avg", "count", "sum", "min", "max", "array_agg",
            "string_agg", "bool_and", "bool_or", "every", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "bit_and", "bit_or", "bit_xor", "stddev", "stddev_pop", "stddev_samp", "variance",
            "var_pop", "var_samp", "corr", "covar_pop", "covar_samp", "mode", "percentile_cont", "percentile_disc",
            "xmlagg", "range_agg", "range_intersect_agg");
    private static final Set<String> TYPE_FUNCS = Set.of("int2", "int4", "int8", "float4", "float8", "numeric",
            "bool", "uuid", "text", "varchar", "bpchar", "name", "date", "time", "timestamp", "timestamptz",
            "interval");
    private final Checker c;

    Functions(Checker c) {
        this.c = c;
    }

    private List<Expr> args(Node.FuncCall f) {
        List<Expr> out = new ArrayList<>();
        for (Node n : f.args()) {
            out.add(c.check(n));
        }
        return out;
    }

    private WhereException noOverload(String name, List<Expr> args, int pos) {
        List<String> types = new ArrayList<>();
        for (Expr e : args) {
            types.add(e.type().display());
        }
        return new WhereException(pos, "Could not select a function overload for " + name + "("
                + String.join(", ", types) + ")");
    }

    Expr call(Node.FuncCall f) {
        String name = f.name().startsWith("pg_catalog.") ? f.name().substring(11) : f.name();
        int n = f.args().size();
        if (f.over()) {
            throw new WhereException(f.pos(), "window functions are not supported in this context");
        }
        if (AGGREGATES.contains(name) || f.star() || f.distinct()) {
            throw new WhereException(f.pos(), "aggregation is not supported in this context");
        }
        if (f.variadic()) {
            throw new WhereException(f.pos(), "VARIADIC is not supported in this context");
        }
        if (TYPE_FUNCS.contains(name) && n == 1) {
            return c.explicitCast(c.check(f.args().get(0)), SqlType.of(name), List.of(), f.pos());
        }
        switch (name + "/" + (n > 2 && (name.equals("concat") || name.equals("coalesce") || name.equals("greatest")
                || name.equals("least")) ? "n" : Integer.toString(n))) {
            case "lower/1", "upper/1": {
                Expr a = text(args(f), name, f.pos()).get(0);
                boolean lower = name.equals("lower");
                return fold(new Func(name, List.of(a), SqlType.TEXT,
                        v -> lower ? TextOps.lower((String) v[0]) : TextOps.upper((String) v[0]), true, true, f.pos()));
            }
            case "like/2", "ilike/2": {
                List<Expr> a = args(f);
                return new Predicates(c).like(a.get(0), a.get(1), null, name.equals("ilike"), false, f.pos());
            }
            case "concat/1", "concat/2", "concat/n": {
                List<Expr> a = new ArrayList<>();
                for (Expr e : args(f)) {
                    a.add(c.resolveUnknown(e));
                }
                List<SqlType> types = a.stream().map(Expr::type).toList();
                return fold(new Func(name, a, SqlType.TEXT, v -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] != null) {
                            b.append(TypeIO.format(types.get(i), v[i]));
                        }
                    }
                    return b.toString();
                }, false, false, f.pos()));
            }
            case "coalesce/1", "coalesce/2", "coalesce/n", "greatest/1", "greatest/2", "greatest/n", "least/1",
                    "least/2", "least/n":
                return conditional(name, args(f), f.pos());
            case "nullif/2": {
                List<Expr> a = args(f);
                Expr first = c.resolveUnknown(a.get(0));
                Expr.Op eq = c.resolve("=", first, a.get(1), f.pos());
                return fold(new Func(name, List.of(first, eq), first.type(), v -> Boolean.TRUE.equals(v[1]) ? null : v[0],
                        false, false, f.pos()));
            }
            case "justify_days/1", "justify_hours/1", "justify_interval/1": {
                Expr a = c.coerceArg(args(f).get(0), SqlType.INTERVAL, name, f.pos());
                return fold(new Func(name, List.of(a), SqlType.INTERVAL, v -> switch (name) {
                    case "justify_days" -> Temporal.justifyDays((Interval) v[0]);
                    case "justify_hours" -> Temporal.justifyHours((Interval) v[0]);
                    default -> Temporal.justifyInterval((Interval) v[0]);
                }, true, false, f.pos()));
            }
            case "timezone/2": {
                List<Expr> a = args(f);
                Expr zone = c.coerceArg(a.get(0), SqlType.TEXT, name, f.pos());
                Expr ts = a.get(1);
                if (ts.type().equals(SqlType.TIMESTAMP)) {
                    return fold(new Func(name, List.of(zone, ts), SqlType.TIMESTAMPTZ,
                            v -> Temporal.timezoneOfTimestamp((String) v[0], (Long) v[1]), true, false, f.pos()));
                }
                Expr t = c.coerceArg(ts, SqlType.TIMESTAMPTZ, name, f.pos());
                return fold(new Func(name, List.of(zone, t), SqlType.TIMESTAMP,
                        v -> Temporal.timezoneOfTimestamptz((String) v[0], (Long) v[1]), true, false, f.pos()));
            }
            default:
                return ArrayFunctions.call(c, name, f, this::fold);
        }
    }

    private List<Expr> text(List<Expr> args, String name, int pos) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : args) {
            if (!SqlType.canImplicit(e.type(), SqlType.TEXT)) {
                throw noOverload(name, args, pos);
            }
            out.add(c.coerce(e, SqlType.TEXT));
        }
        return out;
    }

    Expr fold(Func f) {
        return c.foldAll(f, f.args());
    }

    private Expr conditional(String name, List<Expr> args, int pos) {
        SqlType t = Resolver.commonType(args.stream().map(Expr::type).toList());
        if (t == null) {
            throw new WhereException(pos, name.toUpperCase() + " types " + args.get(0).type().display() + " and "
                    + args.stream().map(Expr::type).filter(x -> !x.equals(args.get(0).type())).findFirst()
                    .orElse(SqlType.UNKNOWN).display() + " cannot be matched");
        }
        List<Expr> a = new ArrayList<>();
        for (Expr e : args) {
            a.add(c.coerce(e, t));
        }
        if (name.equals("coalesce")) {
            return fold(new Func(name, a, t, v -> {
                for (Object o : v) {
                    if (o != null) {
                        return o;
                    }
                }
                return null;
            }, false, false, pos));
        }
        if (!Compare.ordered(t)) {
            throw new WhereException(pos, "could not identify a comparison function for type " + t.display());
        }
        Comparator<Object> cmp = Compare.of(t);
        boolean greatest = name.equals("greatest");
        return fold(new Func(name, a, t, v -> {
            Object best = null;
            for (Object o : v) {
                if (o != null && (best == null || (greatest ? cmp.compare(o, best) > 0 : cmp.compare(o, best) < 0))) {
                    best = o;
                }
            }
            return best;
        }, false, t.collatable() || t.array() && t.elem().collatable(), pos));
    }

    Expr arrayCtor(Node.ArrayCtor a) {
        if (a.elements().isEmpty()) {
            throw new WhereException(a.pos(), "cannot determine type of empty array");
        }
        List<Expr> elems = new ArrayList<>();
        for (Node n : a.elements()) {
            elems.add(c.check(n));
        }
        SqlType t = Resolver.commonType(elems.stream().map(Expr::type).toList());
        if (t == null) {
            throw new WhereException(a.pos(), "ARRAY types " + elems.get(0).type().display() + " and "
                    + elems.get(elems.size() - 1).type().display() + " cannot be matched");
        }
        List<Expr> out = new ArrayList<>();
        for (Expr e : elems) {
            out.add(c.coerce(e, t));
        }
        return c.foldAll(new Expr.ArrayCtor(out, t.array() ? t : t.arrayOf(), a.pos()), out);
    }

    Expr subscript(Node.Subscript s) {
        List<Node.Subscript> chain = new ArrayList<>();
        Node base = s;
        while (base instanceof Node.Subscript x) {
            chain.add(0, x);
            base = x.array();
        }
        Expr arr = c.check(base);
        if (!arr.type().array()) {
            throw new WhereException(s.pos(), "cannot subscript type " + arr.type().display()
                    + " because it does not support subscripting");
        }
        List<Expr> lowers = new ArrayList<>();
        List<Expr> uppers = new ArrayList<>();
        List<Boolean> sliced = new ArrayList<>();
        List<Expr> kids = new ArrayList<>();
        kids.add(arr);
        boolean slice = false;
        for (Node.Subscript x : chain) {
            Expr lo = x.lower() == null ? null : c.coerceArg(c.check(x.lower()), SqlType.INT4, "subscript", x.pos());
            Expr up = x.upper() == null ? null : c.coerceArg(c.check(x.upper()), SqlType.INT4, "subscript", x.pos());
            lowers.add(lo);
            uppers.add(up);
            sliced.add(x.sliced());
            slice |= x.sliced();
            kids.add(lo);
            kids.add(up);
        }
        SqlType t = slice ? arr.type() : arr.type().elem();
        return c.foldAll(new Expr.Subscript(arr, lowers, uppers, sliced, slice, t, s.pos()),
                kids.stream().filter(k -> k != null).toList());
    }

    static Const nullOf(SqlType t, int pos) {
        return new Const(t, null, false, pos);
    }
}
