package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import java.util.Comparator;

/** Comparisons of keys against range bounds ({@code null} bound: unbounded), in the key space's order. */
final class Bounds {
    private Bounds() {
    }

    static boolean contains(IndexHint.Range range, Object key) {
        Comparator<Object> order = range.space().order();
        return !lowerExcludes(order, range.lower(), range.lowerInclusive(), key)
                && upperIncludes(order, range.upper(), range.upperInclusive(), key);
    }

    /** True when the lower bound lies above {@code key}: the key and every larger key are not in range. */
    static boolean lowerExcludes(Comparator<Object> order, Object lower, boolean inclusive, Object key) {
        if (lower == null) {
            return false;
        }
        int c = order.compare(lower, key);
        return c > 0 || c == 0 && !inclusive;
    }

    /** True when {@code key} is at or below the upper bound. */
    static boolean upperIncludes(Comparator<Object> order, Object upper, boolean inclusive, Object key) {
        if (upper == null) {
            return true;
        }
        int c = order.compare(key, upper);
        return c < 0 || c == 0 && inclusive;
    }

    /** Orders lower bounds: unbounded first, then by value, inclusive before exclusive at equal values. */
    static int compareLower(Comparator<Object> order, Object a, boolean aInclusive, Object b, boolean bInclusive) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int c = order.compare(a, b);
        return c != 0 ? c : Boolean.compare(bInclusive, aInclusive);
    }

    /** Orders upper bounds: by value, exclusive before inclusive at equal values, unbounded last. */
    static int compareUpper(Comparator<Object> order, Object a, boolean aInclusive, Object b, boolean bInclusive) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = order.compare(a, b);
        return c != 0 ? c : Boolean.compare(aInclusive, bInclusive);
    }
}
