package io.shapesync.shapes.where;

import java.util.List;

/**
 * One {@code col IN (SELECT x FROM t WHERE ...)} (or {@code (a, b) IN (SELECT x, y ...)}) of a shape's where clause.
 * The engine materialises its result set: runs {@link #sql()} in the outer snapshot's transaction, turns every
 * result row into a key with {@link #key(List)}, and watches changes of {@link #schema()}.{@link #table()} with
 * {@link #where()} (null = every row of the table).
 */
public interface Subquery {
    /** Position in {@link Where#subqueries()}. */
    int index();

    String schema();

    String table();

    /** The selected inner columns, in select-list order. */
    List<String> columns();

    /** The inner where clause, compiled against the inner table, or null. */
    Where where();

    /** {@code SELECT DISTINCT <columns as text> FROM <table> WHERE <inner>} with its bind values. */
    Where.Sql sql();

    /** The key of one inner result row (text values in {@link #columns()} order), comparable with the outer side's. */
    Object key(List<String> texts);
}
