package io.shapesync.shapes.where;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generated expression: SQL text parts interleaved with typed sub-expressions, a type, and the generator features
 * it uses. A {@code $n} parameter is a leaf whose number is assigned when rendering (so shrunk predicates stay
 * numbered 1..k).
 */
final class Expr {
    final Ty type;
    /** SQL text around the children: {@code parts.size() == kids.size() + 1}; a leaf has one part. */
    final List<String> parts;
    final List<Expr> kids;
    /** Features of this node only (see {@link #allFeatures()}). */
    final Set<String> features;
    /** Non-null for a parameter leaf: the parameter's value as sent in {@code params[n]}. */
    final String paramValue;

    private Expr(Ty type, List<String> parts, List<Expr> kids, Set<String> features, String paramValue) {
        this.type = type;
        this.parts = parts;
        this.kids = kids;
        this.features = features;
        this.paramValue = paramValue;
    }

    static Expr leaf(Ty type, String sql, String... features) {
        return new Expr(type, List.of(sql), List.of(), Set.copyOf(Arrays.asList(features)), null);
    }

    static Expr param(Ty type, String value) {
        return new Expr(type, List.of(""), List.of(), Set.of("params"), value);
    }

    /**
     * A node from {@code items}: Strings are SQL text, Exprs are children, a leading {@code String[]} holds the
     * features. Consecutive strings are joined.
     */
    static Expr node(Ty type, String[] features, Object... items) {
        List<String> parts = new ArrayList<>();
        List<Expr> kids = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (Object item : items) {
            if (item instanceof Expr e) {
                parts.add(cur.toString());
                cur.setLength(0);
                kids.add(e);
            } else {
                cur.append((String) item);
            }
        }
        parts.add(cur.toString());
        return new Expr(type, List.copyOf(parts), List.copyOf(kids), Set.copyOf(Arrays.asList(features)), null);
    }

    static String[] f(String... features) {
        return features;
    }

    /** A quoted literal without a cast: Postgres types it from its context. */
    boolean isUntypedLiteral() {
        return kids.isEmpty() && !isParam() && parts.get(0).startsWith("'") && !parts.get(0).matches("(?s).*'::[a-z0-9\\[\\]]+$");
    }

    boolean isParam() {
        return paramValue != null;
    }

    Expr withKids(List<Expr> newKids) {
        return new Expr(type, parts, List.copyOf(newKids), features, paramValue);
    }

    /** The clause with {@code $n} parameters, filling {@code params} ("1" → value, ...). */
    String render(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        render(sb, params, false);
        return sb.toString();
    }

    /** The clause with parameters inlined as untyped string literals (how Postgres sees them unbound). */
    String renderInline() {
        StringBuilder sb = new StringBuilder();
        render(sb, new LinkedHashMap<>(), true);
        return sb.toString();
    }

    private void render(StringBuilder sb, Map<String, String> params, boolean inline) {
        if (isParam()) {
            if (inline) {
                sb.append(quote(paramValue));
            } else {
                params.put(String.valueOf(params.size() + 1), paramValue);
                sb.append('$').append(params.size());
            }
            return;
        }
        for (int i = 0; i < kids.size(); i++) {
            sb.append(parts.get(i));
            kids.get(i).render(sb, params, inline);
        }
        sb.append(parts.get(parts.size() - 1));
    }

    Set<String> allFeatures() {
        Set<String> out = new LinkedHashSet<>();
        collect(out);
        return out;
    }

    private void collect(Set<String> out) {
        out.addAll(features);
        for (Expr k : kids) k.collect(out);
    }

    int size() {
        int n = 1;
        for (Expr k : kids) n += k.size();
        return n;
    }

    /**
     * Smaller variants for shrinking: every bool subtree as the whole clause, and every node replaced by one of its
     * children of the same type.
     */
    List<Expr> shrinkCandidates() {
        List<Expr> out = new ArrayList<>();
        collectBoolSubtrees(this, out);
        out.remove(this);
        replaceByChild(out);
        out.sort((a, b) -> Integer.compare(a.size(), b.size()));
        return out;
    }

    private static void collectBoolSubtrees(Expr e, List<Expr> out) {
        if (e.type == Ty.BOOL) out.add(e);
        for (Expr k : e.kids) collectBoolSubtrees(k, out);
    }

    private void replaceByChild(List<Expr> out) {
        for (Expr k : kids) {
            if (k.type == type && !isParam()) out.add(k);
        }
        for (int i = 0; i < kids.size(); i++) {
            List<Expr> smaller = new ArrayList<>();
            kids.get(i).replaceByChild(smaller);
            for (Expr s : smaller) {
                List<Expr> nk = new ArrayList<>(kids);
                nk.set(i, s);
                out.add(withKids(nk));
            }
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return renderInline();
    }
}
