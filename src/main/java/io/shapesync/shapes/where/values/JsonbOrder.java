package io.shapesync.shapes.where.values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * jsonb orderings: object keys (shorter UTF-8 first, then bytewise, as jsonb stores them) and Postgres'
 * {@code compareJsonbContainers} btree order: Object &gt; Array &gt; Boolean &gt; Number &gt; String &gt; Null,
 * arrays by element count then elements, objects by pair count then key/value pairs in storage order. Strings
 * compare by code point (= UTF-8 bytes), which is Postgres' behaviour under the C collation; under another database
 * collation Postgres would order strings (and keys, in comparisons) by that collation. The top-level quirk is kept:
 * a scalar is a one-element "raw scalar" array, so {@code '1' > '[]'} but {@code '1' < '[1]'} and
 * {@code '1' < '[0, 0]'}.
 */
final class JsonbOrder {
    /** jsonb's key order. */
    static final Comparator<String> KEYS = JsonbOrder::compareKeys;

    private JsonbOrder() {
    }

    static int compareKeys(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return x.length < y.length ? -1 : 1;
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** Entries of a map in jsonb key order. */
    static List<Map.Entry<String, Object>> entries(Map<?, ?> map) {
        List<Map.Entry<String, Object>> list = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            list.add(Map.entry((String) e.getKey(), e.getValue() == null ? Jsonb.NULL : e.getValue()));
        }
        if (!(map instanceof SortedMap<?, ?> sm && sm.comparator() == KEYS)) {
            list.sort((p, q) -> compareKeys(p.getKey(), q.getKey()));
        }
        return list;
    }

    /** Type rank as Postgres' enum jbvType: null, string, numeric, bool, array, object. */
    static int rank(Object v) {
        if (v == Jsonb.NULL || v == null) {
            return 0;
        }
        if (v instanceof String) {
            return 1;
        }
        if (v instanceof Number) {
            return 2;
        }
        if (v instanceof Boolean) {
            return 3;
        }
        if (v instanceof List) {
            return 4;
        }
        if (v instanceof Map) {
            return 5;
        }
        throw new IllegalArgumentException("not a jsonb value: " + v.getClass().getName());
    }

    /** Top-level comparison (jsonb btree / = / &lt;). */
    static int compareRoots(Object a, Object b) {
        boolean aArrayLike = !(a instanceof Map);
        boolean bArrayLike = !(b instanceof Map);
        if (aArrayLike && bArrayLike) {
            boolean aRaw = !(a instanceof List);
            boolean bRaw = !(b instanceof List);
            int na = aRaw ? 1 : ((List<?>) a).size();
            int nb = bRaw ? 1 : ((List<?>) b).size();
            int res = 0;
            if (aRaw != bRaw) {
                res = aRaw ? -1 : 1;
            }
            if (na != nb) {
                res = na > nb ? 1 : -1;
            }
            if (res != 0) {
                return res;
            }
            return compareElements(aRaw ? List.of(a) : (List<?>) a, bRaw ? List.of(b) : (List<?>) b);
        }
        return compare(a, b);
    }

    /** Comparison of nested values. */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return ra > rb ? 1 : -1;
        }
        return switch (ra) {
            case 0 -> 0;
            case 1 -> compareStrings((String) a, (String) b);
            case 2 -> JsonbNumbers.of((Number) a).compareTo(JsonbNumbers.of((Number) b));
            case 3 -> Boolean.compare((Boolean) a, (Boolean) b);
            case 4 -> compareArrays((List<?>) a, (List<?>) b);
            default -> compareObjects((Map<?, ?>) a, (Map<?, ?>) b);
        };
    }

    private static int compareArrays(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return a.size() > b.size() ? 1 : -1;
        }
        return compareElements(a, b);
    }

    private static int compareElements(List<?> a, List<?> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareObjects(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return a.size() > b.size() ? 1 : -1;
        }
        List<Map.Entry<String, Object>> x = entries(a);
        List<Map.Entry<String, Object>> y = entries(b);
        for (int i = 0; i < x.size(); i++) {
            int c = compareStrings(x.get(i).getKey(), y.get(i).getKey());
            if (c == 0) {
                c = compare(x.get(i).getValue(), y.get(i).getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Code point order (the C collation's byte order on UTF-8). */
    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
