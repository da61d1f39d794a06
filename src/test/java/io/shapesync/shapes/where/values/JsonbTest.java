package io.shapesync.shapes.where.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-picked jsonb edge cases (expected values taken from Postgres 15). */
class JsonbTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"b\":[1,2],\"a\":1}|{\"a\": 1, \"b\": [1, 2]}", "1.0|1.0", "1e2|100", "-0|0", "1E+2|100", "-0.0|0.0",
        "1.50e1|15.0", "0.00001e3|0.01", "{\"aaa\":1,\"b\":2,\"cc\":3}|{\"b\": 2, \"cc\": 3, \"aaa\": 1}",
        "{\"a\":1,\"a\":2}|{\"a\": 2}", "\"\\u0001\\/\\u00e9\"|\"\\u0001/é\"", "[]|[]", "{}|{}", "\" x\\ty\"|\" x\\ty\""})
    void roundTrips(String in, String out) {
        assertEquals(out, Jsonb.format(Jsonb.parse(in)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "01|invalid input syntax for type json", "[1,]|invalid input syntax for type json",
        "\"\\u0000\"|unsupported Unicode escape sequence", "\"\\ud800\"|invalid input syntax for type json",
        "1e1000000|value overflows numeric format", "tru|invalid input syntax for type json"})
    void rejects(String in, String messageStart) {
        String m = assertThrows(IllegalArgumentException.class, () -> Jsonb.parse(in)).getMessage();
        assertTrue(m.startsWith(messageStart), m);
    }

    @Test
    void operators() {
        Object doc = Jsonb.parse("{\"a\": {\"b\": [1, \"x\", null]}, \"n\": null, \"s\": \"q\\\"\"}");
        assertEquals("{\"b\": [1, \"x\", null]}", Jsonb.format(Jsonb.field(doc, "a")));
        assertSame(Jsonb.NULL, Jsonb.field(doc, "n"));
        assertNull(Jsonb.fieldText(doc, "n"));
        assertNull(Jsonb.field(doc, "missing"));
        assertEquals("q\"", Jsonb.fieldText(doc, "s"));
        Object arr = Jsonb.field(Jsonb.field(doc, "a"), "b");
        assertEquals("x", Jsonb.elementText(arr, -2));
        assertNull(Jsonb.element(arr, 3));
        assertNull(Jsonb.element(arr, -4));
        assertEquals("1", Jsonb.elementText(Jsonb.parse("1"), 0));
        assertNull(Jsonb.field(arr, "0"));
    }

    @Test
    void containment() {
        assertTrue(contains("[1,2]", "1"));
        assertFalse(contains("1", "[1]"));
        assertFalse(contains("{\"a\":[1,2]}", "{\"a\":1}"));
        assertTrue(contains("{\"a\":[1,2,3]}", "{\"a\":[3,1,1]}"));
        assertFalse(contains("[[1,2]]", "[1]"));
        assertTrue(contains("[[1,2]]", "[[1]]"));
        assertTrue(contains("[1.0]", "[1]"));
    }

    @Test
    void ordering() {
        assertTrue(Jsonb.compare(Jsonb.parse("null"), Jsonb.parse("[]")) > 0);
        assertTrue(Jsonb.compare(Jsonb.parse("1"), Jsonb.parse("[1]")) < 0);
        assertTrue(Jsonb.compare(Jsonb.parse("{}"), Jsonb.parse("[1,2]")) > 0);
        assertTrue(Jsonb.compare(Jsonb.parse("true"), Jsonb.parse("2")) > 0);
        assertTrue(Jsonb.compare(Jsonb.parse("\"\\uffee\""), Jsonb.parse("\"\\ud83d\\ude00\"")) < 0);
        assertEquals(0, Jsonb.compare(Jsonb.parse("1.0"), Jsonb.parse("1")));
    }

    @Test
    void callerBuiltValuesAreOrderedOnOutput() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bb", List.of(1, 2.5));
        m.put("a", null);
        assertEquals("{\"a\": null, \"bb\": [1, 2.5]}", Jsonb.format(m));
    }

    private static boolean contains(String a, String b) {
        return Jsonb.contains(Jsonb.parse(a), Jsonb.parse(b));
    }
}
