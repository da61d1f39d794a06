package io.shapesync.shapes.where.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.shapesync.shapes.where.WhereException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rejected inputs with the position and reason reported. Positions and reasons of syntax and lexical errors were
 * checked against Postgres 15 ({@code SELECT 1 WHERE <input>}, position minus the prefix).
 */
class ParserErrorTest {

    static Stream<Arguments> bad() {
        return Stream.of(
                // injection attempts
                Arguments.of("1=1; DROP TABLE x", 3, "unescaped \";\" causing statement split"),
                Arguments.of("x = 1;", 5, "unescaped \";\" causing statement split"),
                Arguments.of("x = 1 ORDER BY y; DROP TABLE x", 16, "unescaped \";\" causing statement split"),
                Arguments.of("x = ; DROP", 4, "syntax error at or near \";\""),
                Arguments.of("(x = 1; DROP)", 6, "syntax error at or near \";\""),
                Arguments.of("') OR ('1'='1", 8, "syntax error at or near \"1\""),
                Arguments.of("1=1 UNION SELECT password FROM users", 4, "malformed query ending with SQL clauses"),
                // trailing clauses
                Arguments.of("x = 1 ORDER BY y", 6, "malformed query ending with SQL clauses"),
                Arguments.of("x = 1 LIMIT 5", 6, "malformed query ending with SQL clauses"),
                Arguments.of("x = 1 GROUP BY y HAVING y > 1", 6, "malformed query ending with SQL clauses"),
                Arguments.of("x = 1 OFFSET 3 ROWS", 6, "malformed query ending with SQL clauses"),
                Arguments.of("x = 1 FOR UPDATE", 6, "malformed query ending with SQL clauses"),
                Arguments.of("x = 1 FETCH FIRST 3 ROWS ONLY", 6, "malformed query ending with SQL clauses"),
                Arguments.of("x = 1 WINDOW w AS (PARTITION BY y)", 6, "malformed query ending with SQL clauses"),
                Arguments.of("x = 1 ORDER BY", 14, "syntax error at end of input"),
                Arguments.of("x = 1 UNION", 11, "syntax error at end of input"),
                // empty and incomplete
                Arguments.of("", 0, "syntax error at end of input"),
                Arguments.of("   \n\t", 5, "syntax error at end of input"),
                Arguments.of("-- just a comment", 17, "syntax error at end of input"),
                Arguments.of("x = ", 4, "syntax error at end of input"),
                Arguments.of("x AND", 5, "syntax error at end of input"),
                Arguments.of("NOT", 3, "syntax error at end of input"),
                Arguments.of("x::", 3, "syntax error at end of input"),
                Arguments.of("x IS", 4, "syntax error at end of input"),
                Arguments.of("x BETWEEN 1", 11, "syntax error at end of input"),
                Arguments.of("CASE WHEN x THEN 1", 18, "syntax error at end of input"),
                Arguments.of("f(x,", 4, "syntax error at end of input"),
                // unbalanced
                Arguments.of("(a", 2, "syntax error at end of input"),
                Arguments.of("a)", 1, "syntax error at or near \")\""),
                Arguments.of("((a)", 4, "syntax error at end of input"),
                Arguments.of("x = 1)", 5, "syntax error at or near \")\""),
                Arguments.of("a[1", 3, "syntax error at end of input"),
                Arguments.of("ARRAY[1", 7, "syntax error at end of input"),
                Arguments.of("x IN (SELECT a FROM t", 21, "syntax error at end of input"),
                // unterminated tokens
                Arguments.of("x = 'abc", 4, "unterminated quoted string at or near \"'abc\""),
                Arguments.of("x = E'ab\\'", 4, "unterminated quoted string at or near \"E'ab\\'\""),
                Arguments.of("x = \"abc", 4, "unterminated quoted identifier at or near \"\"abc\""),
                Arguments.of("x = /* abc /* */", 4, "unterminated /* comment at or near \"/* abc /* */\""),
                Arguments.of("x = $$abc", 4, "unterminated dollar-quoted string at or near \"$$abc\""),
                Arguments.of("x = $q$abc$$", 4, "unterminated dollar-quoted string at or near \"$q$abc$$\""),
                Arguments.of("x = \"\"", 4, "zero-length delimited identifier at or near \"\"\"\""),
                // bad tokens
                Arguments.of("x = 1abc", 4, "trailing junk after numeric literal at or near \"1abc\""),
                Arguments.of("x = 1.5e", 4, "trailing junk after numeric literal at or near \"1.5e\""),
                Arguments.of("x = 1e+", 4, "trailing junk after numeric literal at or near \"1e+\""),
                Arguments.of("x = $1a", 4, "trailing junk after parameter at or near \"$1a\""),
                Arguments.of("x = $0", 4, "there is no parameter $0"),
                Arguments.of("x = $99999999999", 4, "parameter number too large"),
                Arguments.of("x = $", 4, "syntax error at or near \"$\""),
                Arguments.of("x = $a", 4, "syntax error at or near \"$\""),
                Arguments.of("x = #", 5, "syntax error at end of input"),
                Arguments.of("x = {", 4, "syntax error at or near \"{\""),
                Arguments.of("x = 1.5.6", 7, "syntax error at or near \".6\""),
                Arguments.of("x = 'a' 'b'", 8, "syntax error at or near \"'b'\""),
                Arguments.of("x = 1 'abc'", 6, "syntax error at or near \"'abc'\""),
                Arguments.of("X'FF' = x", 0, "bit-string literals are not supported"),
                Arguments.of("x = b'101'", 4, "bit-string literals are not supported"),
                Arguments.of("U&'abc'", 0, "Unicode escape literals (U&'...' and U&\"...\") are not supported"),
                Arguments.of("E'\\u00zz' = 'a'", 2, "invalid Unicode escape"),
                Arguments.of("E'\\xff' = 'a'", 0, "invalid byte sequence for encoding \"UTF8\": 0xff"),
                Arguments.of("E'\\0' = 'a'", 0, "invalid byte sequence for encoding \"UTF8\": 0x00"),
                Arguments.of("E'\\ud83d' = 'a'", 8, "invalid Unicode surrogate pair at or near \"'\""),
                Arguments.of("E'\\ud83dx' = 'a'", 8, "invalid Unicode surrogate pair at or near \"x\""),
                Arguments.of("x = 'a\0b'", 6, "invalid byte sequence for encoding \"UTF8\": 0x00"),
                // grammar
                Arguments.of("1 < 2 < 3", 6, "syntax error at or near \"<\""),
                Arguments.of("1 = 2 = 3", 6, "syntax error at or near \"=\""),
                Arguments.of("a < b = ANY(c)", 6, "syntax error at or near \"=\""),
                Arguments.of("x LIKE y LIKE z", 9, "syntax error at or near \"LIKE\""),
                Arguments.of("x BETWEEN 1 AND 2 BETWEEN 3 AND 4", 18, "syntax error at or near \"BETWEEN\""),
                Arguments.of("x IS DISTINCT FROM y IS NULL", 21, "syntax error at or near \"IS\""),
                Arguments.of("x LIKE 'a' ESCAPE 'b' ESCAPE 'c'", 22, "syntax error at or near \"ESCAPE\""),
                Arguments.of("x IS foo", 5, "syntax error at or near \"foo\""),
                Arguments.of("x NOT y", 2, "syntax error at or near \"NOT\""),
                Arguments.of("NOT IN (1)", 4, "syntax error at or near \"IN\""),
                Arguments.of("x IN ()", 6, "syntax error at or near \")\""),
                Arguments.of("x IN 1", 5, "syntax error at or near \"1\""),
                Arguments.of("x BETWEEN 1 OR 2", 12, "syntax error at or near \"OR\""),
                Arguments.of("select = 1", 0, "syntax error at or near \"select\""),
                Arguments.of("x = select", 4, "syntax error at or near \"select\""),
                Arguments.of("like = 1", 5, "syntax error at or near \"=\""),
                Arguments.of("x = 1 x = 2", 6, "syntax error at or near \"x\""),
                Arguments.of("x = (1, )", 8, "syntax error at or near \")\""),
                Arguments.of("x::int[", 7, "syntax error at end of input"),
                Arguments.of("CAST(x AS)", 9, "syntax error at or near \")\""),
                Arguments.of("ARRAY[[1], 2]", 11, "syntax error at or near \"2\""),
                Arguments.of("a[]", 2, "syntax error at or near \"]\""),
                Arguments.of("f(,)", 2, "syntax error at or near \",\""),
                Arguments.of("x = ]", 4, "syntax error at or near \"]\""),
                // rejected constructs
                Arguments.of("t.x = 1", 0, "unknown reference t.x"),
                Arguments.of("\"T\".x = 1", 0, "unknown reference \"T\".x"),
                Arguments.of("t.* = 1", 0, "unknown reference t.*"),
                Arguments.of("(x).y = 1", 3, "field selection is not supported"),
                Arguments.of("f(a => 1)", 2, "named function arguments are not supported"),
                Arguments.of("count(x ORDER BY y) > 1", 0, "aggregation is not supported in this context"),
                Arguments.of("count(x) FILTER (WHERE y) > 1", 0, "aggregation is not supported in this context"),
                Arguments.of("x::float(0)", 3, "precision for type float must be at least 1 bit"),
                Arguments.of("x::varchar(y)", 11, "syntax error at or near \"y\""),
                Arguments.of("x::numeric(1+1)", 12, "type modifiers must be simple constants or identifiers"),
                Arguments.of("f(* x)", 4, "syntax error at or near \"x\""),
                Arguments.of("x::setof int", 3, "SETOF type names are not supported"),
                // subqueries
                Arguments.of("x IN (SELECT * FROM t)", 13, "SELECT * is not supported in subqueries"),
                Arguments.of("x IN (SELECT DISTINCT y FROM t)", 13, "DISTINCT is not supported in subqueries"),
                Arguments.of("x IN (SELECT y)", 14, "subqueries without FROM are not supported"),
                Arguments.of("x IN (SELECT FROM t)", 13, "SELECT without a target list is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM t, u)", 21, "several FROM items are not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM t JOIN u ON true)", 22, "JOIN is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM t LEFT JOIN u ON true)", 22, "JOIN is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM t GROUP BY y)", 22, "GROUP BY is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM t ORDER BY y)", 22, "ORDER BY is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM t WHERE z LIMIT 1)", 30, "LIMIT is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM t UNION SELECT 1)", 22, "UNION is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM (SELECT 1) s)", 20, "only a table name is supported in a subquery's FROM"),
                Arguments.of("x IN (SELECT y FROM ONLY t)", 20, "ONLY is not supported in subqueries"),
                Arguments.of("x IN (SELECT y FROM a.b.c)", 20, "cross-database references are not implemented"),
                Arguments.of("EXISTS (1)", 8, "syntax error at or near \"1\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("bad")
    void rejects(String input, int position, String reason) {
        WhereException e = assertThrows(WhereException.class, () -> Parser.parse(input), input);
        assertEquals(position, e.position(), () -> input + " -> " + e.getMessage());
        if (reason != null) {
            assertEquals(reason, e.reason(), input);
        }
        assertEquals("At location " + position + ": " + e.reason(), e.getMessage());
    }

    static Stream<Arguments> badOrderBy() {
        return Stream.of(
                Arguments.of("", 0, "syntax error at end of input"),
                Arguments.of("a,", 2, "syntax error at end of input"),
                Arguments.of("a USING <", 2, "ORDER BY USING is not supported"),
                Arguments.of("a NULLS", 2, "syntax error at or near \"NULLS\""),
                Arguments.of("a DESC DESC", 7, "syntax error at or near \"DESC\""),
                Arguments.of("a; DROP TABLE t", 1, "unescaped \";\" causing statement split"),
                Arguments.of("a LIMIT 1", 2, "malformed query ending with SQL clauses"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badOrderBy")
    void rejectsOrderBy(String input, int position, String reason) {
        WhereException e = assertThrows(WhereException.class, () -> Parser.parseOrderBy(input), input);
        assertEquals(position, e.position(), () -> input + " -> " + e.getMessage());
        assertEquals(reason, e.reason(), input);
    }

    // ---- hostile sizes and nesting: always a WhereException, quickly

    private static WhereException rejectQuickly(String input) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(WhereException.class, () -> Parser.parse(input)));
    }

    @Test
    void rejectsTooLongInput() {
        WhereException e = rejectQuickly("x = '" + "a".repeat(1_000_000) + "'");
        assertEquals("where clause is too long (max 100000 characters)", e.getMessage());
        assertEquals(-1, e.position());
    }

    @Test
    void acceptsInputJustUnderTheLimit() {
        String s = "x = '" + "a".repeat(Parser.MAX_LENGTH - 6) + "'";
        assertEquals(Parser.MAX_LENGTH, s.length());
        assertEquals("(= (col x) '" + "a".repeat(Parser.MAX_LENGTH - 6) + "')", TreePrinter.print(Parser.parse(s)));
    }

    @Test
    void rejectsDeeplyNestedParentheses() {
        WhereException e = rejectQuickly("(".repeat(50_000) + "x" + ")".repeat(49_999));
        assertEquals("expression is too deeply nested", e.reason());
        assertEquals(TokenStream.MAX_DEPTH, e.position());
    }

    @Test
    void rejectsDeepPrefixChains() {
        assertEquals("expression is too deeply nested", rejectQuickly("NOT ".repeat(20_000) + "x").reason());
        assertEquals("expression is too deeply nested", rejectQuickly("-".repeat(1) + " -".repeat(40_000) + "1").reason());
        assertEquals("expression is too deeply nested", rejectQuickly("ARRAY" + "[".repeat(40_000)).reason());
        assertEquals("expression is too deeply nested", rejectQuickly("f(".repeat(30_000)).reason());
        assertEquals("expression is too deeply nested", rejectQuickly("x" + "[1]".repeat(30_000)).reason());
    }

    @Test
    void rejectsDeepLeftAssociativeTrees() {
        assertEquals("expression is too deeply nested", rejectQuickly("x" + " + 1".repeat(20_000)).reason());
        assertEquals("expression is too deeply nested", rejectQuickly("x" + "::text".repeat(15_000)).reason());
    }

    @Test
    void flattensLongOrChainsInLinearTime() {
        String s = "x = 1" + " OR x = 1".repeat(9_000);
        Node n = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Parser.parse(s));
        assertEquals(9_001, ((Node.Or) n).args().size());
    }

    @Test
    void manyListElementsAreFine() {
        String s = "x IN (" + "1, ".repeat(20_000) + "1)";
        Node n = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Parser.parse(s));
        assertEquals(20_001, ((Node.InList) n).list().size());
    }

    @Test
    void unterminatedHugeInputsFailFast() {
        rejectQuickly("'" + "a".repeat(99_000));
        rejectQuickly("/*".repeat(45_000));
        rejectQuickly("$" + "a".repeat(40_000) + "$" + ("$" + "a".repeat(39_998) + "b").repeat(1));
        rejectQuickly("$a$" + "$a".repeat(45_000));
        rejectQuickly("E'" + "\\".repeat(90_000));
    }
}
