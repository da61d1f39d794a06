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
final class GenExpr {
    final GenTy type;
    /** SQL text around the children: {@code parts.size() == kids.size() + 1}; a leaf has one part. */
    final List<String> parts;
    final List<GenExpr> kids;
    /** Features of this node only (see {@link #allFeatures()}). */
    final Set<String> features;
    /** Non-null for a parameter leaf: the parameter's value as sent in {@code params[n]}. */
    final String paramValue;

    private GenExpr(GenTy type, List<String> parts, List<GenExpr> kids, Set<String> features, String paramValue) {
        this.type = type;
        this.parts = parts;
        this.kids = kids;
        this.features = features;
        this.paramValue = paramValue;
    }

    static GenExpr leaf(GenTy type, String sql, String... features) {
        return new GenExpr(type, List.of(sql), List.of(), Set.copyOf(Arrays.asList(features)), null);
    }

    static GenExpr param(GenTy type, String value) {
        return new GenExpr(type, List.of(""), List.of(), Set.of("params"), value);
    }

    /**
     * A node from {@code items}: Strings are SQL text, Exprs are children, a leading {@code String[]} holds the
     * features. Consecutive strings are joined.
     */
    static GenExpr node(GenTy type, String[] features, Object... items) {
        List<String> parts = new ArrayList<>();
        List<GenExpr> kids = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (Object item : items) {
            if (item instanceof GenExpr e) {
                parts.add(cur.toString());
                cur.setLength(0);
                kids.add(e);
            } else {
                cur.append((String) item);
            }
        }
        parts.add(cur.toString());
        return new GenExpr(type, List.copyOf(parts), List.copyOf(kids), Set.copyOf(Arrays.asList(features)), null);
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

    GenExpr withKids(List<GenExpr> newKids) {
        return new GenExpr(type, parts, List.copyOf(newKids), features, paramValue);
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
        for (GenExpr k : kids) k.collect(out);
    }

    int size() {
        int n = 1;
        for (GenExpr k : kids) n += k.size();
        return n;
    }

    /**
     * Smaller variants for shrinking: every bool subtree as the whole clause, and every node replaced by one of its
     * children of the same type.
     */
    List<GenExpr> shrinkCandidates() {
        List<GenExpr> out = new ArrayList<>();
        collectBoolSubtrees(this, out);
        out.remove(this);
        replaceByChild(out);
        out.sort((a, b) -> Integer.compare(a.size(), b.size()));
        return out;
    }

    private static void collectBoolSubtrees(GenExpr e, List<GenExpr> out) {
        if (e.type == GenTy.BOOL) out.add(e);
        for (GenExpr k : e.kids) collectBoolSubtrees(k, out);
    }

    private void replaceByChild(List<GenExpr> out) {
        for (GenExpr k : kids) {
            if (k.type == type && !isParam()) out.add(k);
        }
        for (int i = 0; i < kids.size(); i++) {
            List<GenExpr> smaller = new ArrayList<>();
            kids.get(i).replaceByChild(smaller);
            for (GenExpr s : smaller) {
                List<GenExpr> nk = new ArrayList<>(kids);
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
