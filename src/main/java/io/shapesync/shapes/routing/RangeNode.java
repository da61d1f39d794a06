package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import java.util.Comparator;

/**
 * An immutable (persistent) treap of range alternatives, ordered by lower bound and augmented with the largest upper
 * bound of each subtree. Insert and delete copy the O(log n) nodes of one path, so a published root is never
 * modified and readers need no lock. A stabbing query visits the search path of the key plus only those subtrees left
 * of it that hold a result: O(log n + k log(n/k)) at worst, O(log n + k) for typical layouts.
 */
final class RangeNode<S> {
    private final Entry<S> entry;
    private final IndexHint.Range range;
    private final int priority;
    private final RangeNode<S> left;
    private final RangeNode<S> right;
    /** Largest upper bound in this subtree; null: unbounded. */
    private final Object maxUpper;
    private final boolean maxUpperInclusive;

    private RangeNode(Entry<S> entry, IndexHint.Range range, int priority, RangeNode<S> left, RangeNode<S> right) {
        this.entry = entry;
        this.range = range;
        this.priority = priority;
        this.left = left;
        this.right = right;
        RangeNode<S> higher = higherMax(left, right);
        boolean childWins = higher != null && Bounds.compareUpper(order(), higher.maxUpper,
                higher.maxUpperInclusive, range.upper(), range.upperInclusive()) > 0;
        this.maxUpper = childWins ? higher.maxUpper : range.upper();
        this.maxUpperInclusive = childWins ? higher.maxUpperInclusive : range.upperInclusive();
    }

    private static <S> RangeNode<S> higherMax(RangeNode<S> a, RangeNode<S> b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Bounds.compareUpper(a.order(), a.maxUpper, a.maxUpperInclusive, b.maxUpper, b.maxUpperInclusive) >= 0
                ? a : b;
    }

    /** The tree with {@code entry} (whose alternative is {@code range}) added. */
    static <S> RangeNode<S> insert(RangeNode<S> root, Entry<S> entry, IndexHint.Range range) {
        return insert(root, new RangeNode<>(entry, range, priorityOf(entry), null, null));
    }

    /** The tree without {@code entry} (unchanged if absent). */
    static <S> RangeNode<S> delete(RangeNode<S> node, Entry<S> entry, IndexHint.Range range) {
        if (node == null) {
            return null;
        }
        int c = node.compareTo(entry, range);
        if (c > 0) {
            return node.with(delete(node.left, entry, range), node.right);
        }
        if (c < 0) {
            return node.with(node.left, delete(node.right, entry, range));
        }
        return merge(node.left, node.right);
    }

    /** Reports every entry whose range contains {@code key} (not null). */
    static <S> void stab(RangeNode<S> node, Object key, Emitter<S> out) {
        while (node != null) {
            Comparator<Object> order = node.order();
            if (!Bounds.upperIncludes(order, node.maxUpper, node.maxUpperInclusive, key)) {
                return;
            }
            stab(node.left, key, out);
            if (Bounds.lowerExcludes(order, node.range.lower(), node.range.lowerInclusive(), key)) {
                return;
            }
            if (Bounds.upperIncludes(order, node.range.upper(), node.range.upperInclusive(), key)) {
                out.entry(node.entry);
            }
            node = node.right;
        }
    }

    /** Reports every entry. */
    static <S> void forEach(RangeNode<S> node, Emitter<S> out) {
        while (node != null) {
            forEach(node.left, out);
            out.entry(node.entry);
            node = node.right;
        }
    }

    private static <S> RangeNode<S> insert(RangeNode<S> node, RangeNode<S> leaf) {
        if (node == null) {
            return leaf;
        }
        if (node.compareTo(leaf.entry, leaf.range) > 0) {
            RangeNode<S> l = insert(node.left, leaf);
            return l.priority > node.priority
                    ? l.with(l.left, node.with(l.right, node.right))
                    : node.with(l, node.right);
        }
        RangeNode<S> r = insert(node.right, leaf);
        return r.priority > node.priority
                ? r.with(node.with(node.left, r.left), r.right)
                : node.with(node.left, r);
    }

    private static <S> RangeNode<S> merge(RangeNode<S> a, RangeNode<S> b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.priority > b.priority
                ? a.with(a.left, merge(a.right, b))
                : b.with(merge(a, b.left), b.right);
    }

    /** Orders nodes by lower bound, then by registration and alternative (unique). */
    private int compareTo(Entry<S> other, IndexHint.Range otherRange) {
        int c = Bounds.compareLower(order(), range.lower(), range.lowerInclusive(), otherRange.lower(),
                otherRange.lowerInclusive());
        if (c != 0) {
            return c;
        }
        c = Long.compare(entry.registration().sequence(), other.registration().sequence());
        return c != 0 ? c : Integer.compare(entry.alternative(), other.alternative());
    }

    private RangeNode<S> with(RangeNode<S> newLeft, RangeNode<S> newRight) {
        return new RangeNode<>(entry, range, priority, newLeft, newRight);
    }

    private Comparator<Object> order() {
        return range.space().order();
    }

    /** A pseudo-random priority derived from the entry (SplitMix64 finaliser): no shared random source. */
    private static int priorityOf(Entry<?> entry) {
        long z = entry.registration().sequence() * 0x9E3779B97F4A7C15L + entry.alternative();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }
}
