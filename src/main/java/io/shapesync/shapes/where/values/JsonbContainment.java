package io.shapesync.shapes.where.values;

import java.util.List;
import java.util.Map;

/**
 * Postgres' {@code @>} ({@code JsonbDeepContains}): objects contain objects whose pairs they contain (values of the
 * same type, containers recursively); arrays contain arrays whose elements each match some element (ignoring order
 * and duplicates; scalars by equality, containers by containment); at the top level an array also contains a scalar
 * element of its own, and a scalar contains only an equal scalar.
 */
final class JsonbContainment {
    private JsonbContainment() {
    }

    static boolean containsRoot(Object a, Object b) {
        boolean aObject = a instanceof Map;
        boolean bObject = b instanceof Map;
        if (aObject != bObject) {
            return false;
        }
        if (aObject) {
            return objectContains((Map<?, ?>) a, (Map<?, ?>) b);
        }
        boolean aRaw = !(a instanceof List);
        boolean bRaw = !(b instanceof List);
        if (aRaw && !bRaw) {
            return false;
        }
        return arrayContains(aRaw ? List.of(a) : (List<?>) a, bRaw ? List.of(b) : (List<?>) b);
    }

    private static boolean containerContains(Object a, Object b) {
        if (a instanceof Map<?, ?> ma) {
            return b instanceof Map<?, ?> mb && objectContains(ma, mb);
        }
        return a instanceof List<?> la && b instanceof List<?> lb && arrayContains(la, lb);
    }

    private static boolean objectContains(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() < b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> e : b.entrySet()) {
            Object lhs = a.get(e.getKey());
            if (lhs == null) {
                return false;
            }
            Object rhs = e.getValue() == null ? Jsonb.NULL : e.getValue();
            if (JsonbOrder.rank(lhs) != JsonbOrder.rank(rhs)) {
                return false;
            }
            if (isScalar(lhs) ? JsonbOrder.compare(lhs, rhs) != 0 : !containerContains(lhs, rhs)) {
                return false;
            }
        }
        return true;
    }

    private static boolean arrayContains(List<?> a, List<?> b) {
        for (Object rhs : b) {
            Object r = rhs == null ? Jsonb.NULL : rhs;
            boolean found = false;
            for (Object lhs : a) {
                Object l = lhs == null ? Jsonb.NULL : lhs;
                if (isScalar(r) ? isScalar(l) && JsonbOrder.compare(l, r) == 0 : containerContains(l, r)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean isScalar(Object v) {
        return !(v instanceof Map) && !(v instanceof List);
    }
}
