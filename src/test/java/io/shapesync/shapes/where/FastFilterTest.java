package io.shapesync.shapes.where;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code column = constant} takes the flat path and answers exactly as the general evaluator. */
class FastFilterTest {
    private static final List<WhereColumn> COLUMNS = List.of(new WhereColumn("id", "int8", 0, false),
            new WhereColumn("t", "text", 0, false), new WhereColumn("v", "varchar", 0, false));

    private static Boolean eval(String clause, String value) {
        Where w = Where.compile(clause, Map.of("1", "42"), COLUMNS, Mode.SHAPE, (s, t) -> List.of());
        return w.filter().matches(slot -> value);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "id = 42, 42, true", "id = 42, 43, false", "id = 42, -42, false", "id = 42, NULL, false",
            "id = $1, 42, true", "id = -7, -7, true", "id = 9223372036854775807, 9223372036854775807, true",
            "t = 'a b', a b, true", "t = 'a b', a B, false", "t = 'a b', NULL, false", "t = $1, 42, true",
            "v = 'x', x, true", "v = 'x', 'x ', false"})
    void shouldAnswerLikeTheGeneralEvaluatorWhenClauseIsColumnEqualsConstant(String clause, String value, boolean want) {
        assertEquals(want, eval(clause, value));
    }

    @ParameterizedTest
    @CsvSource({"id = 42, abc", "id = 42, 99999999999999999999"})
    void shouldRaiseWhenValueIsNotAnInteger(String clause, String value) {
        assertThrows(EvaluationException.class, () -> eval(clause, value));
    }
}
