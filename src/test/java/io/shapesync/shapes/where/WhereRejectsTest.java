package io.shapesync.shapes.where;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed where clauses (issue 3): each must be refused with a {@link WhereException} whose reason says
 * what is wrong (and, for syntax errors, where, as Postgres reports it), never another exception, a stack overflow or
 * a hang.
 */
class WhereRejectsTest {
    static final List<WhereColumn> COLUMNS = List.of(
        new WhereColumn("id", "int4", 0, false),
        new WhereColumn("name", "text", 0, false),
        new WhereColumn("price", "numeric", 0, false),
        new WhereColumn("created", "date", 0, false),
        new WhereColumn("active", "bool", 0, false),
        new WhereColumn("tags", "text", 1, false),
        new WhereColumn("mood", "mood", 0, true));

    private static final Where.TableResolver NO_TABLES = (schema, table) -> {
        throw new WhereException(-1, "Table \"" + (schema == null ? "public" : schema) + "\".\"" + table
            + "\" does not exist");
    };

    /** A clause, its params, substrings of which the reason must contain one (case-insensitive), the position. */
    record Case(String clause, Map<String, String> params, List<String> anyOf, Integer position) {
        @Override
        public String toString() {
            String c = clause.length() > 60 ? clause.substring(0, 60) + "…(" + clause.length() + " chars)" : clause;
            return "«" + c.replace("\0", "\\0").replace("\n", "\\n") + "»";
        }
    }

    static Case c(String clause, int position, String... anyOf) {
        return new Case(clause, Map.of(), List.of(anyOf), position < -1 ? null : position);
    }

    /** Position not asserted. */
    static Case c(String clause, String... anyOf) {
        return c(clause, -2, anyOf);
    }

    static Case p(String clause, Map<String, String> params, String... anyOf) {
        return new Case(clause, params, List.of(anyOf), null);
    }

    static Stream<Case> hostile() {
        return Stream.of(
            // SQL injection attempts
            c("1=1; DROP TABLE t", "statement split", ";"),
            c("id = 1; SELECT password FROM users", "statement split", ";"),
            c("id = 1) OR (1=1", 6, "syntax error at or near \")\""),
            c("' OR '1'='1", 6, "syntax error at or near \"1\""),
            c("id = 1 /* x", 7, "unterminated /* comment"),
            c("id = 1 UNION SELECT id FROM users", "malformed query", "SQL clauses", "union"),
            c("id = 1 UNION ALL SELECT 1", "malformed query", "SQL clauses", "union"),
            c("id = 1 ORDER BY id", "malformed query", "SQL clauses"),
            c("id = 1 LIMIT 1", "malformed query", "SQL clauses"),
            c("id = 1 GROUP BY id", "malformed query", "SQL clauses"),
            c("id = 1 HAVING count(*) > 1", "malformed query", "SQL clauses", "aggregat"),
            c("id = 1 FOR UPDATE", "malformed query", "SQL clauses", "locking"),
            c("id = 1 INTO x", 7, "syntax error at or near \"INTO\""),
            c("id = 1 WHERE id = 2", 7, "syntax error at or near \"WHERE\""),
            c("pg_sleep(10) IS NOT NULL", 0, "pg_sleep"),
            c("id = 1 OR pg_sleep(10) IS NULL", 10, "pg_sleep"),
            c("(SELECT password FROM users) = 'x'", "not supported", "subquer", "sublink", "users", "does not exist"),
            c("id = 1 OR (SELECT pg_sleep(10)) IS NULL", "not supported", "subquer", "sublink", "pg_sleep", "from"),
            // unbalanced quotes and parentheses, broken syntax
            c("name = 'abc", 7, "unterminated quoted string"),
            c("name = \"abc", 7, "unterminated quoted identifier"),
            c("'", 0, "unterminated quoted string"),
            c("((id = 1)", "syntax error at end of input"),
            c("id = 1)", 6, "syntax error at or near \")\""),
            c(")", 0, "syntax error at or near \")\""),
            c("id = 1 AND", "syntax error at end of input"),
            c("id = = 1", 5, "syntax error at or near \"=\""),
            c("id IN ()", 7, "syntax error at or near \")\""),
            c("id = 1 OR OR id = 2", 10, "syntax error at or near \"OR\""),
            c("", "syntax error at end of input", "empty", "blank"),
            c("   ", "syntax error at end of input", "empty", "blank"),
            c("tags[1:2:3] = '{}'", 8, "syntax error at or near \":\""),
            c("\"\" = 1", 0, "zero-length delimited identifier"),
            // unknown columns and functions
            c("nope = 1", 0, "unknown reference nope", "nope"),
            c("\"ID\" = 1", 0, "unknown reference ID", "\"ID\"", "ID"),
            c("id = 1 AND users.password = 'x'", 11, "users", "password", "unknown reference"),
            c("now() > created", 0, "now"),
            c("random() > 0.5", 0, "random"),
            c("pg_read_file('/etc/passwd') = ''", 0, "pg_read_file"),
            c("set_config('role', 'postgres', false) = ''", 0, "set_config"),
            c("lo_import('/etc/passwd') > 0", 0, "lo_import"),
            c("lower(name, name) = 'x'", 0, "lower/2", "lower"),
            c("current_setting('is_superuser') = 'on'", 0, "current_setting"),
            // aggregates, windows, other unsupported constructs
            c("count(*) > 1", 0, "aggregat", "count"),
            c("sum(price) > 1", 0, "aggregat", "sum"),
            c("row_number() OVER () > 1", 0, "window", "over", "aggregat", "row_number"),
            c("CASE WHEN id = 1 THEN true ELSE false END", 0, "case"),
            c("EXISTS (SELECT 1 FROM users)", 0, "exists", "sublink", "not supported"),
            c("id = ANY (SELECT id FROM users)", "any", "sublink", "not supported", "subquer"),
            c("B'101' = B'101'", 0, "bit"),
            c("X'1F' = X'1F'", 0, "bit"),
            c("concat(VARIADIC tags) = 'x'", "variadic"),
            c("name ~ '(a+)+$'", 5, "operator", "~", "overload"),
            c("name::regclass IS NULL", "regclass", "unsupported type"),
            c("name::timetz IS NULL", "timetz", "unsupported type"),
            // type errors
            c("id = 'abc'", 5, "invalid input syntax", "abc", "integer", "int4"),
            c("name > 5", 5, "operator", "overload"),
            c("active = 'maybe'", 9, "maybe", "bool"),
            c("created > '2024-13-45'", 10, "2024-13-45", "out of range", "date"),
            c("mood < 'open'", 5, "operator", "overload"),
            c("id + 1", -1, "must return a boolean"),
            c("name", -1, "must return a boolean"),
            c("tags", -1, "must return a boolean"),
            c("'abc'", "boolean", "abc", "bool"),
            c("id = 1 AND 42", 11, "boolean", "bool"),
            // parameters
            p("id = $2", Map.of("1", "1"), "$2"),
            p("id = $1", Map.of(), "$1"),
            c("$0 = 1", 0, "$0", "parameter"),
            p("id = $1", Map.of("1", "abc"), "abc", "invalid input syntax", "integer", "int4"),
            // NUL characters and invalid encodings
            c("name = 'a\0b'", "nul", "0x00", "\\0", "invalid", "syntax error", "unterminated"),
            c("id = 1\0 OR true", "nul", "0x00", "\\0", "invalid", "syntax error", "unterminated"),
            c("\0", "nul", "0x00", "\\0", "invalid", "syntax error", "unterminated"),
            c("name = E'\\x00'", "0x00", "nul", "invalid", "escape"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void shouldRejectWithSpecificReasonWhenClauseIsHostile(Case k) {
        WhereException e = rejected(k.clause(), k.params(), Mode.SHAPE, Duration.ofSeconds(5));
        String reason = e.reason() == null ? "" : e.reason().toLowerCase(Locale.ROOT);
        assertTrue(k.anyOf().stream().anyMatch(s -> reason.contains(s.toLowerCase(Locale.ROOT))),
            () -> "reason for " + k + " should mention one of " + k.anyOf() + " but was: " + e.getMessage());
        if (k.position() != null) {
            assertEquals(k.position().intValue(), e.position(), () -> "position for " + k + ": " + e.getMessage());
        }
        String expectedMessage = e.position() >= 0 ? "At location " + e.position() + ": " + e.reason() : e.reason();
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void shouldHaveAtLeastFortyHostileCases() {
        assertTrue(hostile().count() >= 40);
    }

    @Test
    void shouldRejectSubqueriesInSubsets() {
        WhereException e = rejected("id IN (SELECT id FROM items)", Map.of(), Mode.SUBSET, Duration.ofSeconds(5));
        assertTrue(e.reason().contains("Subqueries are not allowed in subsets"), e::getMessage);
    }

    // ---------------------------------------------------------------- size and depth

    @Test
    void shouldRejectAMegabyteOfBrokenClauseQuickly() {
        String clause = IntStream.range(0, 80_000).mapToObj(i -> "id = " + i).collect(Collectors.joining(" OR ")) + " OR";
        assertTrue(clause.length() > 1_000_000);
        WhereException e = rejected(clause, Map.of(), Mode.SHAPE, Duration.ofSeconds(10));
        assertTrue(e.reason().contains("syntax error at end of input") || e.reason().toLowerCase().contains("too long"),
            e::getMessage);
    }

    @Test
    void shouldCompileOrRefuseAMegabyteStringLiteralQuickly() {
        String clause = "name = '" + "a".repeat(1_000_000) + "'";
        compilesOrRejected(clause, Duration.ofSeconds(10));
    }

    @Test
    void shouldRefuseTenThousandNestedParenthesesWithoutStackOverflow() {
        String clause = "(".repeat(10_000) + "id = 1" + ")".repeat(10_000);
        compilesOrRejected(clause, Duration.ofSeconds(10));
    }

    @Test
    void shouldRejectTenThousandUnclosedParenthesesWithoutStackOverflow() {
        String clause = "(".repeat(10_000) + "id = 1";
        WhereException e = rejected(clause, Map.of(), Mode.SHAPE, Duration.ofSeconds(10));
        String r = e.reason().toLowerCase(Locale.ROOT);
        assertTrue(r.contains("syntax error") || r.contains("nest") || r.contains("deep") || r.contains("too"),
            e::getMessage);
    }

    @Test
    void shouldRefuseDeeplyNestedOperatorsWithoutStackOverflow() {
        compilesOrRejected("NOT ".repeat(10_000) + "active", Duration.ofSeconds(10));
        compilesOrRejected("id = " + "-".repeat(1) + " -".repeat(10_000) + " 1", Duration.ofSeconds(10));
        compilesOrRejected("id = " + "1 + ".repeat(20_000) + "1", Duration.ofSeconds(10));
        compilesOrRejected("tags" + "[1]".repeat(10_000) + " IS NULL", Duration.ofSeconds(10));
        compilesOrRejected("id = " + "abs(".repeat(10_000) + "1" + ")".repeat(10_000), Duration.ofSeconds(10));
        compilesOrRejected("id::text".repeat(1) + "::text".repeat(10_000) + " = '1'", Duration.ofSeconds(10));
    }

    @Test
    void shouldHandleFiftyThousandOrTermsQuickly() {
        String clause = IntStream.range(0, 50_000).mapToObj(i -> "id = " + i).collect(Collectors.joining(" OR "));
        Where w = compilesOrRejected(clause, Duration.ofSeconds(5));
        if (w != null) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertTrue(w.filter().matches(slot -> "49999"));
                assertFalse(w.filter().matches(slot -> "50000"));
            });
        }
        String inList = "id IN (" + IntStream.range(0, 50_000).mapToObj(Integer::toString).collect(Collectors.joining(", "))
            + ")";
        compilesOrRejected(inList, Duration.ofSeconds(5));
        String broken = clause + " OR id = 'x'";
        WhereException e = rejected(broken, Map.of(), Mode.SHAPE, Duration.ofSeconds(5));
        assertTrue(e.reason().contains("x") || e.reason().contains("invalid input syntax"), e::getMessage);
    }

    @Test
    void shouldRefuseRandomBinaryWithWhereExceptionOnly() {
        Random rnd = new Random(42);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            char[] cs = new char[1 + rnd.nextInt(64)];
            for (int j = 0; j < cs.length; j++) {
                cs[j] = rnd.nextInt(4) == 0 ? (char) rnd.nextInt(0x10000) : (char) rnd.nextInt(256);
            }
            String clause = new String(cs);
            if (compilesOrRejected(clause, Duration.ofSeconds(5)) != null) accepted.add(clause);
        }
        assertTrue(accepted.isEmpty(), () -> "random binary accepted: " + accepted);
    }

    @Test
    void shouldRefuseRandomlyTruncatedAndMutatedClausesWithWhereExceptionOnly() {
        List<String> seeds = List.of("id = 1 AND name LIKE 'a%' ESCAPE '#'", "price BETWEEN SYMMETRIC 1 AND 2.5",
            "tags @> '{a,b}' OR tags[1] = 'x'", "created + interval '1 day' > '2024-01-01'::date",
            "coalesce(name, 'x') IN ('a', NULL, $1)", "NOT (active IS NOT TRUE) AND id IS DISTINCT FROM 3",
            "\"name\" ILIKE E'\\\\%' AND id = ANY('{1,2}'::int4[])", "-id % 3 = 1 AND name::text >= 'b'");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> mutate(seeds));
    }

    private static void mutate(List<String> seeds) {
        Random rnd = new Random(7);
        String junk = "()'\"$:;[]{}\\,.-+*/<>=!~@#%^&|`?0123456789eE_ aZ\0\n\t";
        for (String s : seeds) {
            for (int i = 0; i <= s.length(); i++) compilesOrRejected(s.substring(0, i), Map.of("1", "a"));
            for (int i = 0; i < 200; i++) {
                StringBuilder sb = new StringBuilder(s);
                int edits = 1 + rnd.nextInt(3);
                for (int k = 0; k < edits; k++) {
                    int at = rnd.nextInt(sb.length() + 1);
                    switch (rnd.nextInt(3)) {
                        case 0 -> sb.insert(at, junk.charAt(rnd.nextInt(junk.length())));
                        case 1 -> { if (at < sb.length()) sb.deleteCharAt(at); }
                        default -> { if (at < sb.length()) sb.setCharAt(at, junk.charAt(rnd.nextInt(junk.length()))); }
                    }
                }
                compilesOrRejected(sb.toString(), Map.of("1", "a"));
            }
        }
    }

    /** A trailing line comment is harmless: refused, or compiled to SQL that contains no comment. */
    @Test
    void shouldNeverLetACommentIntoRenderedSql() {
        for (String clause : List.of("id = 1 --", "id = 1 -- ) OR true", "id = 1 /* x */", "id = 1 /* ; DROP */ AND true")) {
            Where w = compilesOrRejected(clause, Duration.ofSeconds(5));
            if (w == null) continue;
            for (String sql : List.of(w.canonicalSql(), w.sql().text())) {
                assertFalse(sql.contains("--") || sql.contains("/*") || sql.contains(";"), () -> clause + " rendered " + sql);
            }
            assertTrue(w.filter().matches(slot -> "1"), clause);
            assertFalse(w.filter().matches(slot -> "2"), clause);
        }
    }

    // ---------------------------------------------------------------- helpers

    static WhereException rejected(String clause, Map<String, String> params, Mode mode, Duration limit) {
        Object outcome = assertTimeoutPreemptively(limit, () -> {
            try {
                Where w = Where.compile(clause, params, COLUMNS, mode, NO_TABLES);
                return "accepted; canonical SQL: " + w.canonicalSql();
            } catch (WhereException e) {
                return e;
            } catch (Throwable t) {
                return t;
            }
        }, () -> "compiling took too long: " + abbreviate(clause));
        if (outcome instanceof WhereException e) {
            assertTrue(e.reason() != null && !e.reason().isBlank(), "blank reason");
            assertTrue(e.position() >= -1 && e.position() <= clause.length(),
                () -> "position " + e.position() + " outside the clause: " + e.getMessage());
            return e;
        }
        if (outcome instanceof Throwable t) {
            throw new AssertionError("expected WhereException for " + abbreviate(clause) + " but got " + t, t);
        }
        return fail("expected WhereException for " + abbreviate(clause) + " but it was " + abbreviate((String) outcome));
    }

    /** Compiles within the limit, or refuses with a WhereException; anything else fails. Null when refused. */
    static Where compilesOrRejected(String clause, Duration limit) {
        return assertTimeoutPreemptively(limit, () -> compilesOrRejected(clause, Map.of()),
            () -> "compiling took too long: " + abbreviate(clause));
    }

    static Where compilesOrRejected(String clause, Map<String, String> params) {
        try {
            Where w = Where.compile(clause, params, COLUMNS, Mode.SHAPE, NO_TABLES);
            w.canonicalSql();
            w.sql();
            w.filter();
            return w;
        } catch (WhereException e) {
            if (e.reason() == null || e.reason().isBlank()) throw new AssertionError("blank reason for " + abbreviate(clause));
            if (e.position() < -1 || e.position() > clause.length()) {
                throw new AssertionError("position " + e.position() + " outside " + abbreviate(clause));
            }
            return null;
        } catch (Throwable t) {
            throw new AssertionError("expected WhereException or success for " + abbreviate(clause) + " but got " + t, t);
        }
    }

    static String abbreviate(String s) {
        String a = s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + " chars)" : s;
        return Arrays.stream(a.split("")).map(ch -> ch.equals("\0") ? "\\0" : ch).collect(Collectors.joining());
    }
}
