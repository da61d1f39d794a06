package io.shapesync.shapes.routing;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Test key spaces, hints and lookups. */
final class Spaces {
    private Spaces() {
    }

    static KeySpace int8(String column) {
        return new KeySpace(column, "int8", Long::valueOf, (a, b) -> Long.compare((Long) a, (Long) b));
    }

    static KeySpace text(String column) {
        return new KeySpace(column, "text", s -> s, (a, b) -> ((String) a).compareTo((String) b));
    }

    static IndexHint.Equality eq(KeySpace space, Object... keys) {
        return new IndexHint.Equality(space, Set.of(keys));
    }

    static IndexHint.AnyOf anyOf(IndexHint... alternatives) {
        return new IndexHint.AnyOf(List.of(alternatives));
    }

    /** Candidates for a row given as column → text (missing columns are NULL), in emission order. */
    static <S> List<S> candidates(RoutingIndex<S> index, Map<String, String> row) {
        List<S> out = new ArrayList<>();
        index.candidates(row::get, out::add);
        return out;
    }

    static <S> List<S> candidates(RoutingIndex<S> index, Function<String, String> row) {
        List<S> out = new ArrayList<>();
        index.candidates(row, out::add);
        return out;
    }
}
