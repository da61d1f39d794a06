package io.shapesync.shapes.where;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhereHintTest {

    private static String describe(IndexHint h) {
        if (h instanceof IndexHint.Equality q) {
            return "EQ " + q.space() + " " + new java.util.TreeSet<>(q.keys().stream().map(String::valueOf).toList());
        }
        if (h instanceof IndexHint.Range r) {
            return "RANGE " + r.space() + " " + (r.lowerInclusive() ? "[" : "(") + r.lower() + "," + r.upper()
                    + (r.upperInclusive() ? "]" : ")");
        }
        if (h instanceof IndexHint.AnyOf a) {
            return "ANY " + a.alternatives().stream().map(WhereHintTest::describe).toList();
        }
        return "NONE";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', value = {
            "id = 5 ¦ EQ id::int8 [5]",
            "5 = id ¦ EQ id::int8 [5]",
            "id = 5 AND t LIKE 'x%' ¦ EQ id::int8 [5]",
            "t > 'a' AND id IN (1, 2) ¦ EQ id::int8 [1, 2]",
            "id = 1 OR id = 2 ¦ EQ id::int8 [1, 2]",
            "id = 1 OR t = 'x' ¦ ANY [EQ id::int8 [1], EQ t::text [x]]",
            "id = 1 OR t LIKE 'x%' ¦ NONE",
            "id = ANY('{1,2,NULL}') ¦ EQ id::int8 [1, 2]",
            "id = 2.5 ¦ EQ id::numeric [2.5]",
            "num = 1.50 ¦ EQ num::numeric [1.5]",
            "s = 5000000000 ¦ EQ s::int8 [5000000000]",
            "id < 10 ¦ RANGE id::int8 (null,10)",
            "5 >= id ¦ RANGE id::int8 (null,5]",
            "id BETWEEN 1 AND 5 ¦ RANGE id::int8 [1,5]",
            "NOT id = 5 ¦ NONE",
            "id IS NULL ¦ NONE",
            "id IS DISTINCT FROM 5 ¦ NONE",
            "id <> 5 ¦ NONE",
            "id BETWEEN SYMMETRIC 1 AND 5 ¦ NONE",
            "f = -0.0 ¦ EQ f::float8 [0.0]",
            "c = 'ab  ' ¦ EQ c::text [ab]",
            "u = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' ¦ EQ u::uuid [a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11]",
            "b = true ¦ EQ b::bool [true]",
            "b < true ¦ NONE",
            "id + 1 = 5 ¦ NONE",
    })
    void shouldHintNecessaryConditionWhenClauseIsIndexable(String where, String expected) {
        assertEquals(expected, describe(Fixture.compile(where).indexHint()));
    }

    @Test
    void shouldNormaliseKeysWhenColumnTextDiffers() {
        IndexHint.Equality num = (IndexHint.Equality) Fixture.compile("num = 1").indexHint();
        assertEquals(num.keys(), Set.of(num.space().key("1.000")));
        assertEquals(BigDecimal.ONE, num.space().key("1.00"));
        IndexHint.Equality f = (IndexHint.Equality) Fixture.compile("f = 0").indexHint();
        assertEquals(f.space().key("0"), f.space().key("-0"));
        IndexHint.Equality c = (IndexHint.Equality) Fixture.compile("c = 'ab'").indexHint();
        assertTrue(c.keys().contains(c.space().key("ab  ")));
        IndexHint.Equality s = (IndexHint.Equality) Fixture.compile("s = 1").indexHint();
        IndexHint.Equality n = (IndexHint.Equality) Fixture.compile("s = 10000000000").indexHint();
        assertEquals(s.space(), n.space());
        assertEquals(1L, s.space().key("1"));
    }

    @Test
    void shouldKeyOutOfRangeDateBelowInfinityWhenComparedAsTimestamp() {
        IndexHint.Range r = (IndexHint.Range) Fixture.compile("d > timestamp '2038-12-16 15:25:54'").indexHint();
        Object key = r.space().key("5874897-12-31");
        assertTrue(r.space().order().compare(key, r.lower()) > 0);
        assertTrue(r.space().order().compare(key, Long.MAX_VALUE) < 0);
    }

    @Test
    void shouldOrderTextByCodePointWhenRangeOnText() {
        IndexHint.Range r = assertInstanceOf(IndexHint.Range.class, Fixture.compile("t >= 'a'").indexHint());
        assertTrue(r.space().order().compare("\uFFFF", "\uD83D\uDE00") < 0);
        assertTrue(r.space().order().compare(r.lower(), r.space().key("b")) < 0);
    }
}
