package io.shapesync.bench;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import io.shapesync.shapes.where.Mode;
import io.shapesync.shapes.where.Where;
import io.shapesync.shapes.where.WhereColumn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the benchmark's {@code id = k} shapes from {@link Where#compile} when the where compiler is available (its
 * hint and filter), falling back to what is missing: a hand-built equality hint when the compiled hint is not
 * indexable, a trivial filter (parse and compare) when nothing compiles.
 */
final class Shapes {
    /** Where the shapes' hints and filters come from. */
    enum Source {
        COMPILED("Where.compile(\"id = k\"): compiled hints and filters"),
        COMPILED_FILTER("Where.compile(\"id = k\") filters; hand-built Equality hints (compiled hint not indexable)"),
        DIRECT("hand-built Equality hints and trivial filters (Where.compile not available)");

        private final String description;

        Source(String description) {
            this.description = description;
        }
    }

    private static final List<WhereColumn> COLUMNS = List.of(
            new WhereColumn("id", "int8", 0, false), new WhereColumn("title", "text", 0, false));
    private static final KeySpace ID = new KeySpace("id", "int8", Long::valueOf,
            (a, b) -> Long.compare((Long) a, (Long) b));

    private Shapes() {
    }

    /** What this build of the main sources supports. */
    static Source source() {
        try {
            IndexHint hint = compile(1).hint();
            return hint instanceof IndexHint.Equality ? Source.COMPILED : Source.COMPILED_FILTER;
        } catch (UnsupportedOperationException notYet) {
            return Source.DIRECT;
        }
    }

    /** The shape {@code id = k}; with {@code indexed} false its hint is {@link IndexHint#NONE}. */
    static BenchShape idEquals(long k, boolean indexed, Source source) {
        BenchShape shape = switch (source) {
            case COMPILED -> compile(k);
            case COMPILED_FILTER -> new BenchShape(equality(k), compile(k).filter());
            case DIRECT -> direct(k);
        };
        return indexed ? shape : new BenchShape(IndexHint.NONE, shape.filter());
    }

    private static BenchShape compile(long k) {
        Where where = Where.compile("id = " + k, Map.of(), COLUMNS, Mode.SHAPE, Shapes::noTables);
        if (!where.columns().equals(List.of("id"))) {
            throw new IllegalStateException("Expected slot 0 = id, got " + where.columns());
        }
        return new BenchShape(where.indexHint(), where.filter());
    }

    private static BenchShape direct(long k) {
        return new BenchShape(equality(k), row -> {
            String text = row.text(0);
            return text != null && Long.parseLong(text) == k;
        });
    }

    private static IndexHint equality(long k) {
        return new IndexHint.Equality(ID, Set.of(k));
    }

    private static List<WhereColumn> noTables(String schema, String table) {
        throw new IllegalStateException("No subqueries in the benchmark");
    }

    /** Prints where the benchmark's shapes come from. */
    public static void main(String[] args) {
        System.out.println("shapes: " + source().description);
    }
}
