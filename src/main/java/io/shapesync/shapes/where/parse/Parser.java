package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import java.util.List;

/** Parses where clauses and ORDER BY lists with Postgres' expression grammar and operator precedence. */
public final class Parser {
    private Parser() {
    }

    /**
     * Parses a where clause as Postgres would parse {@code SELECT 1 WHERE <text>}.
     *
     * @throws WhereException with position and reason, e.g. {@code syntax error at or near "x"},
     *                        {@code syntax error at end of input}, {@code unescaped ";" causing statement split},
     *                        {@code malformed query ending with SQL clauses}, {@code unterminated quoted string}
     */
    public static Node parse(String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Parses an ORDER BY list ({@code a DESC, "B" NULLS FIRST}) for subset snapshots. */
    public static List<Node.SortItem> parseOrderBy(String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
