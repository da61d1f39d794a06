package io.shapesync.shapes.where;

/**
 * A row as the compiled predicate reads it: the Postgres text output of each column the clause references, by slot
 * (slot i = {@code Where.columns().get(i)}); {@code null} is SQL NULL. Values are formatted with the session settings
 * of the replication stream (DateStyle ISO, TimeZone UTC, IntervalStyle iso_8601, extra_float_digits 1,
 * bytea_output hex).
 */
@FunctionalInterface
public interface RowValues {
    String text(int slot);
}
