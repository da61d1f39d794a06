package io.shapesync.shapes.where;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhereRenderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', value = {
            "id = 5 ¦ (\"id\" = '5'::int4)",
            "'5' = id ¦ ('5'::int4 = \"id\")",
            "ID=5 and T='it''s' ¦ ((\"id\" = '5'::int4) AND (\"t\" = 'it''s'::text))",
            "t < 'b' ¦ (\"t\" COLLATE \"C\" < 'b'::text)",
            "c = 'ab' ¦ (\"c\" = 'ab'::bpchar)",
            "t ILIKE 'A%' ¦ (\"t\" COLLATE \"C\" ILIKE 'A%'::text)",
            "t NOT LIKE 'a!%' ESCAPE '!' ¦ (\"t\" NOT LIKE 'a!%'::text ESCAPE '!'::text)",
            "lower(t) = 'x' ¦ (lower(\"t\" COLLATE \"C\") = 'x'::text)",
            "greatest(t, 'b') = 'b' ¦ (greatest(\"t\" COLLATE \"C\", 'b'::text) = 'b'::text)",
            "id IN (1, 2.5) ¦ (\"id\" IN ('1'::numeric, '2.5'::numeric))",
            "id NOT BETWEEN 1 AND 5 ¦ (\"id\" NOT BETWEEN '1'::int4 AND '5'::int4)",
            "t BETWEEN SYMMETRIC 'a' AND 'c' ¦ (\"t\" COLLATE \"C\" BETWEEN SYMMETRIC 'a'::text AND 'c'::text)",
            "id = ANY('{1,2}') ¦ (\"id\" = ANY ('{1,2}'::int4[]))",
            "ia[2:]::text = '{2}' ¦ (((\"ia\")['2'::int4:])::text = '{2}'::text)",
            "e = 'happy' ¦ (\"e\" = 'happy'::\"mood\")",
            "b IS NOT TRUE ¦ (\"b\" IS NOT TRUE)",
            "id IS DISTINCT FROM NULL ¦ (\"id\" IS DISTINCT FROM NULL::int4)",
            "nullif(id, 5) IS NULL ¦ (NULLIF(\"id\", '5'::int4) IS NULL)",
            "-id = - 5 ¦ ((- \"id\") = '-5'::int4)",
            "1 + 2 * 3 = id ¦ ('7'::int4 = \"id\")",
            "lower('ABC') = t ¦ ('abc'::text = \"t\")",
            "u = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' ¦ (\"u\" = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid)",
            "ts > '2024-01-01 10:00' ¦ (\"ts\" > '2024-01-01 10:00:00'::timestamp)",
            "\"Mixed Case\" = 'x' ¦ (\"Mixed Case\" = 'x'::text)",
            "t::varchar(2) = 'ab' ¦ ((\"t\")::varchar(2) = 'ab'::text)",
            "f::text = '1e+16' ¦ ((\"f\")::text = '1e+16'::text)",
            "'00:00:00' NOT BETWEEN SYMMETRIC tm AND '12:34:56.789' ¦ (NOT ((('00:00:00'::time >= \"tm\") AND ('00:00:00'::text COLLATE \"C\" <= '12:34:56.789'::text)) OR (('00:00:00'::text COLLATE \"C\" >= '12:34:56.789'::text) AND ('00:00:00'::time <= \"tm\"))))",
            "'ab71df9c-97ee-4a64-b964-d6cf475f68ec' NOT IN ('05f4ac95-7a7c-46b3-92f4-b0f9d0422cb9', u) ¦ (NOT (('ab71df9c-97ee-4a64-b964-d6cf475f68ec'::text = '05f4ac95-7a7c-46b3-92f4-b0f9d0422cb9'::text) OR ('ab71df9c-97ee-4a64-b964-d6cf475f68ec'::uuid = \"u\")))",
            "'ab71df9c-97ee-4a64-b964-d6cf475f68ec' IN ('05f4ac95-7a7c-46b3-92f4-b0f9d0422cb9', $1, u) ¦ (('ab71df9c-97ee-4a64-b964-d6cf475f68ec'::text = '05f4ac95-7a7c-46b3-92f4-b0f9d0422cb9'::text) OR ('ab71df9c-97ee-4a64-b964-d6cf475f68ec'::text = '00000000-0000-0000-0000-000000000007'::text) OR ('ab71df9c-97ee-4a64-b964-d6cf475f68ec'::uuid = \"u\"))",
            "'ab71df9c-97ee-4a64-b964-d6cf475f68ec' IN ('05f4ac95-7a7c-46b3-92f4-b0f9d0422cb9', '00000000-0000-0000-0000-000000000007'::uuid, u) ¦ ('ab71df9c-97ee-4a64-b964-d6cf475f68ec'::uuid IN ('05f4ac95-7a7c-46b3-92f4-b0f9d0422cb9'::uuid, '00000000-0000-0000-0000-000000000007'::uuid, \"u\"))",
            "'1' IN (id, t) ¦ (('1'::int4 = \"id\") OR ('1'::text = \"t\"))",
            "b AND 't' ¦ \"b\"",
            "b = 'yes' ¦ (\"b\" = 't'::bool)",
    })
    void shouldRenderCanonicalSqlWhenCompiled(String where, String sql) {
        assertEquals(sql, Fixture.compile(where, "00000000-0000-0000-0000-000000000007").canonicalSql());
    }

    @Test
    void shouldInlineParamsAndBindStringsWhenRenderingSql() {
        Where w = Fixture.compile("id = $1 AND t = 'o''k' AND n > 3", "42");
        assertEquals("((\"id\" = '42'::int4) AND (\"t\" = 'o''k'::text) AND (\"n\" > '3'::int4))",
                w.canonicalSql());
        assertEquals("((\"id\" = ?::int4) AND (\"t\" = ?::text) AND (\"n\" > '3'::int4))", w.sql().text());
        assertEquals(List.of("42", "o'k"), w.sql().binds());
        assertEquals(List.of("id", "t", "n"), w.columns());
    }

    @Test
    void shouldGiveEqualTextWhenClausesAreEqual() {
        assertEquals(Fixture.compile("id=5 AND t='x'").canonicalSql(),
                Fixture.compile("  ID = '5'  and  \"t\" = $1", "x").canonicalSql());
    }
}
