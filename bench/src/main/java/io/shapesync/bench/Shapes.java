package io.shapesync.bench;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.Mode;
import io.shapesync.shapes.where.Where;
import io.shapesync.shapes.where.WhereColumn;
import java.util.List;
import java.util.Map;

/** Builds the benchmark's {@code id = k} shapes with {@link Where#compile}: its index hint and compiled filter. */
final class Shapes {
    private static final List<WhereColumn> COLUMNS = List.of(
            new WhereColumn("id", "int8", 0, false), new WhereColumn("title", "text", 0, false));

    private Shapes() {
    }

    /** The shape {@code id = k}; with {@code indexed} false its hint is {@link IndexHint#NONE}. */
    static BenchShape idEquals(long k, boolean indexed) {
        Where where = Where.compile("id = " + k, Map.of(), COLUMNS, Mode.SHAPE, Shapes::noTables);
        if (!where.columns().equals(List.of("id"))) {
            throw new IllegalStateException("Expected slot 0 = id, got " + where.columns());
        }
        if (!(where.indexHint() instanceof IndexHint.Equality)) {
            throw new IllegalStateException("Expected an equality hint for id = " + k + ", got " + where.indexHint());
        }
        return new BenchShape(indexed ? where.indexHint() : IndexHint.NONE, where.filter());
    }

    private static List<WhereColumn> noTables(String schema, String table) {
        throw new IllegalStateException("No subqueries in the benchmark");
    }
}
