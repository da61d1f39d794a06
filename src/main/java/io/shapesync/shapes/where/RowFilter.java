package io.shapesync.shapes.where;

/** A compiled where clause. Thread-safe, allocates little. */
@FunctionalInterface
public interface RowFilter {
    /**
     * True iff the clause evaluates to SQL TRUE on the row (FALSE and NULL exclude it, as in Postgres).
     *
     * @throws EvaluationException where Postgres would raise an error evaluating the clause on this row
     */
    boolean matches(RowValues row);
}
