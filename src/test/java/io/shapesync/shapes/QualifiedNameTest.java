package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualifiedNameTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "items                 | public   | items",
            "Items                 | public   | items",
            "ITEMS_2$x             | public   | items_2$x",
            "_t                    | public   | _t",
            "App.Items             | app      | items",
            "\"Items\"             | public   | Items",
            "\"my table\"          | public   | my table",
            "\"a.b\"               | public   | a.b",
            "\"S\".\"T\"           | S        | T",
            "\"S\".t               | S        | t",
            "Sch.\"T-1\"           | sch      | T-1",
            "\"say \"\"hi\"\"\"    | public   | say \"hi\"",
            "straße                | public   | straße",
            "ÉTÉ                   | public   | été",
    })
    void shouldParseNameWhenIdentifierValid(String text, String schema, String name) {
        assertEquals(new QualifiedName(schema, name), QualifiedName.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "a.b.c          | Invalid relation identifier, too many delimiters: a.b.c",
            "\"a\".b.c      | Invalid relation identifier, too many delimiters: \"a\".b.c",
            "foo@bar        | Invalid unquoted identifier contains special characters: foo@bar",
            "public.foo@bar | Invalid unquoted identifier contains special characters: foo@bar",
            "1abc           | Invalid unquoted identifier contains special characters: 1abc",
            "my table       | Invalid unquoted identifier contains special characters: my table",
            "foo-bar        | Invalid unquoted identifier contains special characters: foo-bar",
            "\"\"           | Invalid zero-length delimited identifier",
            "s.\"\"         | Invalid zero-length delimited identifier",
            ".t             | Invalid zero-length delimited identifier",
            "s.             | Invalid zero-length delimited identifier",
    })
    void shouldThrowTableErrorWhenIdentifierInvalid(String text, String message) {
        InvalidShapeException e = assertThrows(InvalidShapeException.class, () -> QualifiedName.parse(text));
        assertEquals("table", e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldRejectWhenIdentifierLongerThan63Chars() {
        String ok = "a".repeat(63);
        assertEquals(new QualifiedName("public", ok), QualifiedName.parse(ok));
        assertEquals(new QualifiedName("public", "B".repeat(63)), QualifiedName.parse('"' + "B".repeat(63) + '"'));
        for (String text : new String[] {"a".repeat(64), '"' + "B".repeat(64) + '"', "s." + "c".repeat(64), "x".repeat(64) + ".t"}) {
            InvalidShapeException e = assertThrows(InvalidShapeException.class, () -> QualifiedName.parse(text), text);
            assertEquals("table", e.field());
            assertEquals("Identifier is too long (max length is 63)", e.getMessage());
        }
    }

    @Test
    void shouldQuoteAndEscapeWhenRenderingSql() {
        assertEquals("\"public\".\"items\"", QualifiedName.parse("Items").sql());
        assertEquals("\"S\".\"say \"\"hi\"\"\"", QualifiedName.parse("\"S\".\"say \"\"hi\"\"\"").sql());
        assertEquals("\"public\".\"items\"", QualifiedName.parse("items").toString());
    }
}
