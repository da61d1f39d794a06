package io.shapesync.shapes.where;

/**
 * The current result of a shape's subqueries ({@code col IN (SELECT ...)}), as the outer filter reads it: whether
 * subquery {@code index} (position in {@link Where#subqueries()}) currently yields {@code key} (as produced by
 * {@link Subquery#key(java.util.List)} from the inner row's text values).
 */
@FunctionalInterface
public interface SubqueryValues {
    boolean contains(int index, Object key);
}
