package io.shapesync.shapes.where.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid where clauses and the trees they parse to (precedence and associativity as in Postgres 15). */
class ParserTest {

    static Stream<Arguments> precedence() {
        return Stream.of(
                Arguments.of("a OR b AND NOT c = 1", "(or (col a) (and (col b) (not (= (col c) (int 1)))))"),
                Arguments.of("a OR b OR c", "(or (col a) (col b) (col c))"),
                Arguments.of("(a OR b) OR c", "(or (col a) (col b) (col c))"),
                Arguments.of("a OR (b OR c)", "(or (col a) (or (col b) (col c)))"),
                Arguments.of("a AND b AND c OR d", "(or (and (col a) (col b) (col c)) (col d))"),
                Arguments.of("-x^2", "(^ (unary- (col x)) (int 2))"),
                Arguments.of("- x::int", "(unary- (:: (col x) int4))"),
                Arguments.of("a::int[]", "(:: (col a) int4[])"),
                Arguments.of("x || y @> z", "(@> (|| (col x) (col y)) (col z))"),
                Arguments.of("x @> y || z", "(|| (@> (col x) (col y)) (col z))"),
                Arguments.of("a + b * c - d / e % f", "(- (+ (col a) (* (col b) (col c))) (% (/ (col d) (col e)) (col f)))"),
                Arguments.of("2 ^ 3 ^ 2", "(^ (^ (int 2) (int 3)) (int 2))"),
                Arguments.of("a || b = c", "(= (|| (col a) (col b)) (col c))"),
                Arguments.of("a + 1 || b", "(|| (+ (col a) (int 1)) (col b))"),
                Arguments.of("a IS NOT DISTINCT FROM b", "(not-distinct (col a) (col b))"),
                Arguments.of("a IS DISTINCT FROM b = c", "(distinct (col a) (= (col b) (col c)))"),
                Arguments.of("a = b IS NULL", "(isnull (= (col a) (col b)))"),
                Arguments.of("a IS NULL = true", "(= (isnull (col a)) true)"),
                Arguments.of("a IS NULL IS NULL", "(isnull (isnull (col a)))"),
                Arguments.of("a ISNULL", "(isnull (col a))"),
                Arguments.of("a NOTNULL AND b IS NOT NULL", "(and (notnull (col a)) (notnull (col b)))"),
                Arguments.of("a IS TRUE OR b IS NOT FALSE OR c IS UNKNOWN",
                        "(or (is-true (col a)) (is-not-false (col b)) (is-unknown (col c)))"),
                Arguments.of("x BETWEEN 1 AND 2 AND y", "(and (between (col x) (int 1) (int 2)) (col y))"),
                Arguments.of("x BETWEEN 1 + 1 AND 2 || 3", "(between (col x) (+ (int 1) (int 1)) (|| (int 2) (int 3)))"),
                Arguments.of("x NOT BETWEEN SYMMETRIC 5 AND 1", "(not-between-sym (col x) (int 5) (int 1))"),
                Arguments.of("x BETWEEN ASYMMETRIC a < b AND c", "(between (col x) (< (col a) (col b)) (col c))"),
                Arguments.of("x BETWEEN 1 AND 2 = true", "(= (between (col x) (int 1) (int 2)) true)"),
                Arguments.of("NOT a IN (1)", "(not (in (col a) (int 1)))"),
                Arguments.of("a NOT IN (1, 2)", "(not-in (col a) (int 1) (int 2))"),
                Arguments.of("1 IN (1) IN (true)", "(in (in (int 1) (int 1)) true)"),
                Arguments.of("x NOT ILIKE 'a%' ESCAPE '!'", "(not-ilike (col x) 'a%' '!')"),
                Arguments.of("x LIKE 'a' || 'b'", "(like (col x) (|| 'a' 'b'))"),
                Arguments.of("x LIKE y = true", "(= (like (col x) (col y)) true)"),
                Arguments.of("x ~~ 'a' AND x !~~* 'b'", "(and (~~ (col x) 'a') (!~~* (col x) 'b'))"),
                Arguments.of("x SIMILAR TO 'a%'", "(~ (col x) (call pg_catalog.similar_to_escape 'a%'))"),
                Arguments.of("x NOT SIMILAR TO 'a' ESCAPE '#'",
                        "(!~ (col x) (call pg_catalog.similar_to_escape 'a' '#'))"),
                Arguments.of("a != b", "(<> (col a) (col b))"),
                Arguments.of("a <> b AND a <= b AND a >= b", "(and (<> (col a) (col b)) (<= (col a) (col b)) (>= (col a) (col b)))"),
                Arguments.of("a = ANY(b)", "(any = (col a) (col b))"),
                Arguments.of("a = SOME(ARRAY[1,2])", "(any = (col a) (array (int 1) (int 2)))"),
                Arguments.of("a < ALL('{1,2}')", "(all < (col a) '{1,2}')"),
                Arguments.of("a LIKE ANY(b)", "(any ~~ (col a) (col b))"),
                Arguments.of("a NOT ILIKE ALL(b)", "(all !~~* (col a) (col b))"),
                Arguments.of("1 = ANY(array[1]) = true", "(= (any = (int 1) (array (int 1))) true)"),
                Arguments.of("a @> ANY(b)", "(any @> (col a) (col b))"),
                Arguments.of("NOT NOT a", "(not (not (col a)))"),
                Arguments.of("NOT a = b", "(not (= (col a) (col b)))"),
                Arguments.of("1 = NOT true", "(= (int 1) (not true))"),
                Arguments.of("@ -a + b", "(unary@ (+ (unary- (col a)) (col b)))"),
                Arguments.of("|/ a || b", "(|| (unary|/ (col a)) (col b))"),
                Arguments.of("a->>'x' = 'y'", "(= (->> (col a) 'x') 'y')"),
                Arguments.of("a -> 'x' ->> 'y'", "(->> (-> (col a) 'x') 'y')"),
                Arguments.of("a=-1", "(= (col a) (unary- (int 1)))"),
                Arguments.of("a<-1", "(< (col a) (unary- (int 1)))"),
                Arguments.of("a*-1", "(* (col a) (unary- (int 1)))"),
                Arguments.of("a @- 1", "(@- (col a) (int 1))"),
                Arguments.of("a+/*c*/b", "(+ (col a) (col b))"),
                Arguments.of("a # b & c | d", "(| (& (# (col a) (col b)) (col c)) (col d))"),
                Arguments.of("x == 5", "(== (col x) (int 5))"),
                Arguments.of("x = `a", "(= (col x) (unary` (col a)))"),
                Arguments.of("a << b >> c", "(>> (<< (col a) (col b)) (col c))"),
                Arguments.of("a[1]", "(sub (col a) (int 1))"),
                Arguments.of("a[1:2][3]", "(sub (slice (col a) (int 1) (int 2)) (int 3))"),
                Arguments.of("a[:2] = a[2:]", "(= (slice (col a) nil (int 2)) (slice (col a) (int 2) nil))"),
                Arguments.of("-a[1]", "(unary- (sub (col a) (int 1)))"),
                Arguments.of("(a)[1]", "(sub (col a) (int 1))"),
                Arguments.of("$1[2]", "(sub $1 (int 2))"),
                Arguments.of("x AT TIME ZONE 'UTC'", "(unsupported AtTimeZone)"),
                Arguments.of("x COLLATE \"C\" = 'a'", "(= (unsupported CollateClause) 'a')"),
                Arguments.of("x = $1 AND y = $23", "(and (= (col x) $1) (= (col y) $23))"));
    }

    static Stream<Arguments> literalsAndNames() {
        return Stream.of(
                Arguments.of("'it''s'", "'it''s'"),
                Arguments.of("''", "''"),
                Arguments.of("'a'\n'b'", "'ab'"),
                Arguments.of("'a' -- comment\n  -- another\n 'b'", "'ab'"),
                Arguments.of("E'a\\nb\\t\\\\\\'c'", "'a\nb\t\\''c'"),
                Arguments.of("e'\\x41\\101\\u00e9\\U0001F600'", "'AAé\uD83D\uDE00'"),
                Arguments.of("E'\\xc3\\xa9'", "'é'"),
                Arguments.of("E'\\q'", "'q'"),
                Arguments.of("E'\\uD83D\\uDE00'", "'\uD83D\uDE00'"),
                Arguments.of("E'a'\n'\\n'", "'a\n'"),
                Arguments.of("$$it's$$", "'it''s'"),
                Arguments.of("$tag$a$$b$tag$", "'a$$b'"),
                Arguments.of("N'abc'", "(:: 'abc' bpchar(1))"),
                Arguments.of("42", "(int 42)"),
                Arguments.of("9223372036854775807", "(int 9223372036854775807)"),
                Arguments.of("9223372036854775808", "(num 9223372036854775808)"),
                Arguments.of("007", "(int 007)"),
                Arguments.of("1.5", "(num 1.5)"),
                Arguments.of(".5", "(num .5)"),
                Arguments.of("5.", "(num 5.)"),
                Arguments.of("1e5", "(num 1e5)"),
                Arguments.of("1.5E-3", "(num 1.5E-3)"),
                Arguments.of("true AND FALSE", "(and true false)"),
                Arguments.of("NULL", "null"),
                Arguments.of("\"Weird \"\"Name\"\"\" = 1", "(= (col Weird \"Name\") (int 1))"),
                Arguments.of("\"UPPER\" = Upper", "(= (col UPPER) (col upper))"),
                Arguments.of("café = 1", "(= (col café) (int 1))"),
                Arguments.of("a$b_1 = 1", "(= (col a$b_1) (int 1))"),
                Arguments.of("\"" + "x".repeat(70) + "\"", "(col " + "x".repeat(63) + ")"),
                Arguments.of("between = 1", "(= (col between) (int 1))"),
                Arguments.of("time = 1", "(= (col time) (int 1))"),
                Arguments.of("exists", "(col exists)"),
                Arguments.of("row = 1", "(= (col row) (int 1))"),
                Arguments.of("at = 1", "(= (col at) (int 1))"),
                Arguments.of("x\t=\r\n1 /* a /* nested */ comment */", "(= (col x) (int 1))"));
    }

    static Stream<Arguments> typesAndCasts() {
        return Stream.of(
                Arguments.of("date '2024-01-01'", "(:: '2024-01-01' date)"),
                Arguments.of("interval '1 day'", "(:: '1 day' interval)"),
                Arguments.of("interval '1' day", "(:: '1' interval(8))"),
                Arguments.of("interval '1' year to month", "(:: '1' interval(6))"),
                Arguments.of("interval(3) '1'", "(:: '1' interval(32767,3))"),
                Arguments.of("timestamp '2024-01-01 00:00'", "(:: '2024-01-01 00:00' timestamp)"),
                Arguments.of("timestamp with time zone 'x'", "(:: 'x' timestamptz)"),
                Arguments.of("timestamp(3) without time zone 'x'", "(:: 'x' timestamp(3))"),
                Arguments.of("time with time zone 'x'", "(:: 'x' timetz)"),
                Arguments.of("int4 '5'", "(:: '5' int4)"),
                Arguments.of("int '5'", "(:: '5' int4)"),
                Arguments.of("double precision '1.5'", "(:: '1.5' float8)"),
                Arguments.of("varchar(3) 'abc'", "(:: 'abc' varchar(3))"),
                Arguments.of("character varying 'abc'", "(:: 'abc' varchar)"),
                Arguments.of("char 'a'", "(:: 'a' bpchar(1))"),
                Arguments.of("bool 'true'", "(:: 'true' bool)"),
                Arguments.of("pg_catalog.int8 '1'", "(:: '1' pg_catalog.int8)"),
                Arguments.of("mytype(3, 4) 'x'", "(:: 'x' mytype(3,4))"),
                Arguments.of("x::integer", "(:: (col x) int4)"),
                Arguments.of("x::int", "(:: (col x) int4)"),
                Arguments.of("x::smallint", "(:: (col x) int2)"),
                Arguments.of("x::bigint", "(:: (col x) int8)"),
                Arguments.of("x::real", "(:: (col x) float4)"),
                Arguments.of("x::double precision", "(:: (col x) float8)"),
                Arguments.of("x::float", "(:: (col x) float8)"),
                Arguments.of("x::float(10)", "(:: (col x) float4)"),
                Arguments.of("x::float(30)", "(:: (col x) float8)"),
                Arguments.of("x::decimal(10,2)", "(:: (col x) numeric(10,2))"),
                Arguments.of("x::numeric", "(:: (col x) numeric)"),
                Arguments.of("x::boolean", "(:: (col x) bool)"),
                Arguments.of("x::character varying(10)", "(:: (col x) varchar(10))"),
                Arguments.of("x::varchar", "(:: (col x) varchar)"),
                Arguments.of("x::character(5)", "(:: (col x) bpchar(5))"),
                Arguments.of("x::char", "(:: (col x) bpchar(1))"),
                Arguments.of("x::national character varying(2)", "(:: (col x) varchar(2))"),
                Arguments.of("x::timestamp", "(:: (col x) timestamp)"),
                Arguments.of("x::timestamp without time zone", "(:: (col x) timestamp)"),
                Arguments.of("x::timestamp with time zone", "(:: (col x) timestamptz)"),
                Arguments.of("x::timestamptz", "(:: (col x) timestamptz)"),
                Arguments.of("x::time", "(:: (col x) time)"),
                Arguments.of("x::time with time zone", "(:: (col x) timetz)"),
                Arguments.of("x::interval", "(:: (col x) interval)"),
                Arguments.of("x::interval day to second(2)", "(:: (col x) interval(7176,2))"),
                Arguments.of("x::text[][]", "(:: (col x) text[][])"),
                Arguments.of("x::int[3]", "(:: (col x) int4[])"),
                Arguments.of("x::int ARRAY", "(:: (col x) int4[])"),
                Arguments.of("x::\"MyType\"", "(:: (col x) MyType)"),
                Arguments.of("x::pg_catalog.text", "(:: (col x) pg_catalog.text)"),
                Arguments.of("x::bit varying(3)", "(:: (col x) varbit(3))"),
                Arguments.of("x::text::int", "(:: (:: (col x) text) int4)"),
                Arguments.of("CAST(x AS varchar(10)) = 'a'", "(= (:: (col x) varchar(10)) 'a')"),
                Arguments.of("'5'::int + 1", "(+ (:: '5' int4) (int 1))"));
    }

    static Stream<Arguments> constructsAndCalls() {
        return Stream.of(
                Arguments.of("lower(name) = 'a'", "(= (call lower (col name)) 'a')"),
                Arguments.of("pg_catalog.lower(x)", "(call pg_catalog.lower (col x))"),
                Arguments.of("\"MyFn\"()", "(call MyFn)"),
                Arguments.of("count(*)", "(call count *)"),
                Arguments.of("count(DISTINCT x)", "(call count distinct (col x))"),
                Arguments.of("f(a, VARIADIC b)", "(call f variadic (col a) (col b))"),
                Arguments.of("rank() OVER (PARTITION BY x ORDER BY y)", "(call rank over)"),
                Arguments.of("COALESCE(a, b, 1)", "(call coalesce (col a) (col b) (int 1))"),
                Arguments.of("greatest(a, b) > least(a, b)", "(> (call greatest (col a) (col b)) (call least (col a) (col b)))"),
                Arguments.of("NULLIF(a, '')", "(call nullif (col a) '')"),
                Arguments.of("left(x, 2)", "(call left (col x) (int 2))"),
                Arguments.of("extract(year from d)", "(call pg_catalog.extract 'year' (col d))"),
                Arguments.of("position('a' in x)", "(call pg_catalog.position (col x) 'a')"),
                Arguments.of("substring(x from 2 for 3)", "(call pg_catalog.substring (col x) (int 2) (int 3))"),
                Arguments.of("substring(x, 2)", "(call substring (col x) (int 2))"),
                Arguments.of("trim(both 'x' from y)", "(call pg_catalog.btrim (col y) 'x')"),
                Arguments.of("trim(y)", "(call pg_catalog.btrim (col y))"),
                Arguments.of("(a, b) = (1, 2)", "(= (row (col a) (col b)) (row (int 1) (int 2)))"),
                Arguments.of("ROW(a) = ROW()", "(= (row (col a)) (row))"),
                Arguments.of("ARRAY[1, 2] && ARRAY[[1], [2]]", "(&& (array (int 1) (int 2)) (array (array (int 1)) (array (int 2))))"),
                Arguments.of("ARRAY[] = x", "(= (array) (col x))"),
                Arguments.of("ARRAY[ARRAY[1], ARRAY[2]]", "(array (array (int 1)) (array (int 2)))"),
                Arguments.of("CASE WHEN a THEN 1 ELSE 2 END = 1", "(= (unsupported CaseExpr) (int 1))"),
                Arguments.of("CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END", "(unsupported CaseExpr)"),
                Arguments.of("current_date < d", "(< (unsupported SQLValueFunction) (col d))"),
                Arguments.of("current_timestamp(3) < d", "(< (unsupported SQLValueFunction) (col d))"));
    }

    static Stream<Arguments> subqueries() {
        return Stream.of(
                Arguments.of("id IN (SELECT user_id FROM members)", "(in (col id) (select [(col user_id)] members))"),
                Arguments.of("id NOT IN (SELECT m.user_id FROM s.members m WHERE active)",
                        null),
                Arguments.of("id NOT IN (SELECT user_id FROM \"S\".members AS m WHERE active AND x = 1)",
                        "(not-in (col id) (select [(col user_id)] S.members (and (col active) (= (col x) (int 1)))))"),
                Arguments.of("(a, b) IN (SELECT x, y AS z FROM t)", "(in (row (col a) (col b)) (select [(col x) (col y)] t))"),
                Arguments.of("id IN ((SELECT x FROM t))", "(in (col id) (select [(col x)] t))"),
                Arguments.of("id IN ((SELECT x FROM t), 2)", "(in (col id) (sublink EXPR (select [(col x)] t)) (int 2))"),
                Arguments.of("EXISTS (SELECT 1 FROM t WHERE t_id = 5)", "(sublink EXISTS (select [(int 1)] t (= (col t_id) (int 5))))"),
                Arguments.of("x = ANY(SELECT y FROM t)", "(sublink ANY (select [(col y)] t))"),
                Arguments.of("x = ALL((SELECT y FROM t))", "(sublink ALL (select [(col y)] t))"),
                Arguments.of("(SELECT max(y) FROM t) > 3", "(> (sublink EXPR (select [(call max (col y))] t)) (int 3))"),
                Arguments.of("ARRAY(SELECT y FROM t) @> x", "(@> (sublink ARRAY (select [(col y)] t)) (col x))"),
                Arguments.of("a IN (SELECT b FROM t WHERE c IN (SELECT d FROM u))",
                        "(in (col a) (select [(col b)] t (in (col c) (select [(col d)] u))))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"precedence", "literalsAndNames", "typesAndCasts", "constructsAndCalls", "subqueries"})
    void parses(String input, String expected) {
        if (expected == null) {
            return;
        }
        assertEquals(expected, TreePrinter.print(Parser.parse(input)), input);
    }

    static Stream<Arguments> positions() {
        return Stream.of(
                Arguments.of("a = 1", 2),
                Arguments.of("  x", 2),
                Arguments.of("a OR b OR c", 2),
                Arguments.of("x IS NULL", 2),
                Arguments.of("NOT a", 0),
                Arguments.of("x NOT IN (1)", 2),
                Arguments.of("x::int", 1),
                Arguments.of("CAST(x AS int)", 0),
                Arguments.of("date 'x'", 0),
                Arguments.of("  f(x)", 2),
                Arguments.of("x[1]", 1),
                Arguments.of("x = ANY(y)", 2),
                Arguments.of("- 1", 0),
                Arguments.of("'a' || 'b'", 4),
                Arguments.of("(1, 2)", 0),
                Arguments.of("x BETWEEN 1 AND 2", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void rootPosition(String input, int pos) {
        assertEquals(pos, Parser.parse(input).pos(), input);
    }

    static Stream<Arguments> orderBy() {
        return Stream.of(
                Arguments.of("a", "(col a)"),
                Arguments.of("a DESC, \"B\" NULLS FIRST", "(col a) desc, (col B) nulls-first"),
                Arguments.of("a ASC NULLS LAST, lower(b) DESC NULLS FIRST",
                        "(col a) nulls-last, (call lower (col b)) desc nulls-first"),
                Arguments.of("nulls", "(col nulls)"),
                Arguments.of("a + 1 desc", "(+ (col a) (int 1)) desc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderBy")
    void parsesOrderBy(String input, String expected) {
        assertEquals(expected, TreePrinter.print(Parser.parseOrderBy(input)), input);
    }
}
