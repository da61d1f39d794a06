package io.shapesync.shapes.where;

import java.util.ArrayList;
import java.util.List;

/** Postgres' operator/function candidate selection (func_select_candidate and friends). */
final class Resolver {
    private Resolver() {
    }

    /** The selected candidate, or null when none or several remain. */
    static Sig select(List<Sig> all, List<SqlType> args) {
        int n = args.size();
        int unknowns = 0;
        for (SqlType a : args) {
            if (a.isUnknown()) {
                unknowns++;
            }
        }
        // exact match (binary_oper_exact: an unknown side is assumed to have the other side's type)
        List<SqlType> exactArgs = args;
        if (n == 2 && unknowns == 1) {
            SqlType known = args.get(0).isUnknown() ? args.get(1) : args.get(0);
            exactArgs = List.of(known, known);
        }
        for (Sig s : all) {
            if (!s.isPoly(0) && !s.isPoly(1) && s.params().equals(exactArgs) && unknowns < n) {
                return s;
            }
        }
        List<Sig> cands = new ArrayList<>();
        for (Sig s : all) {
            if (s.params().size() != n) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                ok = SqlType.canImplicit(args.get(i), s.params().get(i));
            }
            if (ok) {
                cands.add(s);
            }
        }
        if (cands.size() <= 1) {
            return cands.isEmpty() ? null : cands.get(0);
        }
        // most exact matches
        cands = keepMax(cands, s -> {
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!args.get(i).isUnknown() && !s.isPoly(i) && s.params().get(i).equals(args.get(i))) {
                    m++;
                }
            }
            return m;
        });
        if (cands.size() == 1) {
            return cands.get(0);
        }
        // exact or preferred (of the input's category) at the other positions
        cands = keepMax(cands, s -> {
            int m = 0;
            for (int i = 0; i < n; i++) {
                SqlType a = args.get(i);
                SqlType p = s.params().get(i);
                if (!a.isUnknown() && !s.isPoly(i)
                        && (p.equals(a) || p.preferred() && p.category() == a.category())) {
                    m++;
                }
            }
            return m;
        });
        if (cands.size() == 1) {
            return cands.get(0);
        }
        if (unknowns == 0) {
            return null;
        }
        cands = resolveUnknowns(cands, args);
        if (cands.size() == 1) {
            return cands.get(0);
        }
        // last gasp: assume unknowns have the (single) known type
        SqlType known = null;
        for (SqlType a : args) {
            if (a.isUnknown()) {
                continue;
            }
            if (known == null) {
                known = a;
            } else if (!known.equals(a)) {
                known = null;
                break;
            }
        }
        if (known != null) {
            Sig match = null;
            int count = 0;
            for (Sig s : cands) {
                boolean ok = true;
                for (int i = 0; i < n && ok; i++) {
                    ok = SqlType.canImplicit(known, s.params().get(i));
                }
                if (ok) {
                    count++;
                    match = s;
                }
            }
            if (count == 1) {
                return match;
            }
        }
        return null;
    }

    private static char category(Sig s, int i) {
        return s.isPoly(i) ? 'P' : s.params().get(i).category();
    }

    private static boolean preferred(Sig s, int i) {
        return !s.isPoly(i) && s.params().get(i).preferred();
    }

    private static List<Sig> resolveUnknowns(List<Sig> cands, List<SqlType> args) {
        int n = args.size();
        char[] cat = new char[n];
        boolean[] pref = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!args.get(i).isUnknown()) {
                continue;
            }
            cat[i] = 0;
            boolean conflict = false;
            for (Sig s : cands) {
                char c = category(s, i);
                boolean p = preferred(s, i);
                if (cat[i] == 0) {
                    cat[i] = c;
                    pref[i] = p;
                } else if (c == cat[i]) {
                    pref[i] |= p;
                } else if (c == 'S') {
                    cat[i] = c;
                    pref[i] = p;
                } else {
                    conflict = true;
                }
            }
            if (conflict && cat[i] != 'S') {
                return cands;
            }
        }
        List<Sig> kept = new ArrayList<>();
        for (Sig s : cands) {
            boolean keep = true;
            for (int i = 0; i < n && keep; i++) {
                if (args.get(i).isUnknown()) {
                    keep = category(s, i) == cat[i] && (!pref[i] || preferred(s, i));
                }
            }
            if (keep) {
                kept.add(s);
            }
        }
        return kept.isEmpty() ? cands : kept;
    }

    private static List<Sig> keepMax(List<Sig> cands, java.util.function.ToIntFunction<Sig> score) {
        int best = -1;
        List<Sig> kept = new ArrayList<>();
        for (Sig s : cands) {
            int v = score.applyAsInt(s);
            if (v > best) {
                best = v;
                kept.clear();
            }
            if (v == best) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** select_common_type; null when the types cannot be matched. Unknown-only inputs give text. */
    static SqlType commonType(List<SqlType> types) {
        SqlType cand = null;
        for (SqlType t : types) {
            if (t.isUnknown()) {
                continue;
            }
            if (cand == null) {
                cand = t;
                continue;
            }
            if (t.equals(cand)) {
                continue;
            }
            if (t.category() != cand.category()) {
                return null;
            }
            if (!cand.preferred() && SqlType.canImplicit(cand, t) && !SqlType.canImplicit(t, cand)) {
                cand = t;
            }
        }
        if (cand == null) {
            return SqlType.TEXT;
        }
        for (SqlType t : types) {
            if (!SqlType.canImplicit(t, cand)) {
                return null;
            }
        }
        return cand;
    }
}
