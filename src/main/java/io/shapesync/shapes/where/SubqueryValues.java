package io.shapesync.shapes.where;

/**
 * The current result of a shape's subqueries ({@code col IN (SELECT ...)}), as the outer filter reads it: whether
 * subquery {@code index} (position in {@link Where#subqueries()}) currently yields {@code key} (as produced by
 * {@link Subquery#key(java.util.List)} from the inner row's text values).
 */
public interface SubqueryValues {
    boolean contains(int index, Object key);

    /** Whether subquery {@code index} currently yields a row with a NULL in a selected column. */
    default boolean hasNull(int index) {
        return false;
    }

    /** Whether subquery {@code index} currently yields no row at all. */
    default boolean isEmpty(int index) {
        return false;
    }
}
