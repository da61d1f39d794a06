package io.shapesync.shapes.where;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhereErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', value = {
            "foo = 1 ¦ At location 0: unknown reference foo",
            "id = $2 ¦ At location 5: parameter $2 was not provided",
            "id = 'x' ¦ At location 5: invalid input syntax for type integer: \"x\"",
            "b = 100000 ¦ At location 2: Could not select an operator overload for boolean = integer",
            "id = 'abc'::int4 ¦ At location 5: invalid input syntax for type integer: \"abc\"",
            "id = 99999999999::int4 ¦ At location 16: integer out of range",
            "id + 1 ¦ WHERE clause must return a boolean",
            "id = 1 / 0 ¦ At location 7: division by zero",
            "count(id) > 1 ¦ At location 0: aggregation is not supported in this context",
            "now() > ts ¦ At location 0: unknown or unsupported function now/0",
            "random() > 0.5 ¦ At location 0: unknown or unsupported function random/0",
            "CASE WHEN id = 1 THEN true END ¦ At location 0: CaseExpr is not supported in this context",
            "tt IS NULL ¦ At location 0: unsupported type timetz",
            "t::timetz IS NULL ¦ At location 3: unsupported type timetz",
            "id = 'a' AND t ¦ At location 5: invalid input syntax for type integer: \"a\"",
            "t = 5 ¦ At location 2: Could not select an operator overload for text = integer",
            "id = u ¦ At location 3: Could not select an operator overload for integer = uuid",
            "e < 'happy' ¦ At location 2: Could not select an operator overload for mood < unknown",
            "lower(id) = 'x' ¦ At location 0: Could not select a function overload for lower(integer)",
            "u = 'zz' ¦ At location 4: invalid input syntax for type uuid: \"zz\"",
            "b = 'maybe' ¦ At location 4: invalid input syntax for type boolean: \"maybe\"",
            "ia = '{1,' ¦ At location 5: malformed array literal: \"{1,\"",
            "EXISTS (SELECT 1 FROM other) ¦ At location 0: SubLink is not supported in this context",
            "t LIKE 'a' ESCAPE 'xy' ¦ At location 2: invalid escape string",
    })
    void shouldRejectWithPositionWhenClauseIsInvalid(String where, String message) {
        WhereException e = assertThrows(WhereException.class, () -> Fixture.compile(where));
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldRejectSubqueriesWhenCompilingSubset() {
        WhereException e = assertThrows(WhereException.class, () -> Where.compile(
                "id IN (SELECT oid FROM other)", Map.of(), Fixture.COLUMNS, Mode.SUBSET, (s, t) -> List.of()));
        assertEquals("Subqueries are not allowed in subsets", e.reason());
        assertEquals(3, e.position());
    }

    @Test
    void shouldThrowEvaluationExceptionWhenRowOverflows() {
        Where w = Fixture.compile("id * 2 > 0");
        assertThrows(EvaluationException.class, () -> w.filter().matches(Fixture.row(w, "id=2000000000")));
    }
}
