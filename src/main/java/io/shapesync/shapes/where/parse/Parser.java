package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import java.util.List;

/**
 * Parses where clauses and ORDER BY lists with Postgres 15's lexical rules, expression grammar and operator
 * precedence, into {@link Node} trees.
 *
 * <p>Deliberate limits: input longer than {@value #MAX_LENGTH} characters and expressions nested deeper than 256
 * levels (parser recursion or depth of the resulting tree) are rejected; {@code U&} literals, bit-string literals,
 * {@code OPERATOR(...)} syntax and named function arguments are rejected; {@code CASE}, {@code COLLATE},
 * {@code AT TIME ZONE}, SQL value functions ({@code CURRENT_DATE}, ...) and XML functions are parsed and returned
 * as {@link Node.Unsupported}. Qualified column references ({@code t.x}) are rejected as unknown references.
 * Subqueries accept {@code SELECT targets FROM [schema.]table [alias] [WHERE ...]} only; target and table aliases
 * are ignored, other clauses are rejected by name.
 */
public final class Parser {
    /** Longest accepted input, in characters. */
    public static final int MAX_LENGTH = 100_000;

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
        ExprParser ep = parser(text, "where clause");
        Node node = ep.expr();
        ep.selects.requireEnd();
        return node;
    }

    /** Parses an ORDER BY list ({@code a DESC, "B" NULLS FIRST}) for subset snapshots. */
    public static List<Node.SortItem> parseOrderBy(String text) {
        ExprParser ep = parser(text, "order by list");
        List<Node.SortItem> items = new TrailingClauses(ep).sortList();
        ep.selects.requireEnd();
        return List.copyOf(items);
    }

    private static ExprParser parser(String text, String what) {
        String src = text == null ? "" : text;
        if (src.length() > MAX_LENGTH) {
            throw new WhereException(-1, what + " is too long (max " + MAX_LENGTH + " characters)");
        }
        int nul = src.indexOf('\0');
        if (nul >= 0) {
            throw new WhereException(nul, "invalid byte sequence for encoding \"UTF8\": 0x00");
        }
        return new ExprParser(new TokenStream(src));
    }
}
