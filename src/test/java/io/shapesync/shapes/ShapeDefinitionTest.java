package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeDefinitionTest {
    static final int INTERVAL_MINUTE_TO_SECOND_3 = (((1 << 11) | (1 << 12)) << 16) | 3;
    static final int INTERVAL_YEAR = ((1 << 2) << 16) | 0xFFFF;

    static final TableInfo ITEMS = new TableInfo(16384, new QualifiedName("public", "items"), List.of(
            new ColumnInfo("id", "int4", -1, true, 0, 0, false),
            new ColumnInfo("title", "varchar", 84, false, 0, -1, false),
            new ColumnInfo("price", "numeric", ((8 << 16) | 2) + 4, false, 0, -1, false),
            new ColumnInfo("tags", "text", -1, false, 1, -1, false),
            new ColumnInfo("at", "timestamptz", 3, false, 0, -1, false),
            new ColumnInfo("span", "interval", INTERVAL_MINUTE_TO_SECOND_3, false, 0, -1, false),
            new ColumnInfo("Status-Check", "bool", -1, true, 0, -1, false)), List.of("id"));

    static final TableInfo WITH_GENERATED = new TableInfo(1, new QualifiedName("public", "g"), List.of(
            new ColumnInfo("id", "int8", -1, true, 0, 0, false),
            new ColumnInfo("a", "int4", -1, false, 0, -1, false),
            new ColumnInfo("g", "int4", -1, false, 0, -1, true)), List.of("id"));

    static final TableInfo COMPOSITE = new TableInfo(2, new QualifiedName("s", "c"), List.of(
            new ColumnInfo("a", "int4", -1, true, 0, 1, false),
            new ColumnInfo("b", "text", -1, true, 0, 0, false),
            new ColumnInfo("c", "text", -1, false, 0, -1, false)), List.of("b", "a"));

    private static String columnError(TableInfo table, String columns) {
        InvalidShapeException e = assertThrows(InvalidShapeException.class,
                () -> ShapeDefinition.resolve(table, columns, Replica.DEFAULT, LogMode.FULL));
        assertEquals("columns", e.field());
        return e.getMessage();
    }

    @Test
    void shouldSelectAllColumnsInTableOrderWhenColumnsAbsent() {
        ShapeDefinition d = ShapeDefinition.resolve(ITEMS, null, Replica.DEFAULT, LogMode.FULL);
        assertEquals(List.of("id", "title", "price", "tags", "at", "span", "Status-Check"), d.columns());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "id,title                    | id,title",
            "title,id                    | id,title",
            "TITLE , Id                  | id,title",
            "\"title\",\"id\"            | id,title",
            "at,\"Status-Check\",id      | id,at,Status-Check",
            "id,title,id                 | id,title",
    })
    void shouldOrderColumnsByTableWhenColumnsListed(String columns, String expected) {
        ShapeDefinition d = ShapeDefinition.resolve(ITEMS, columns, Replica.DEFAULT, LogMode.FULL);
        assertEquals(List.of(expected.split(",")), d.columns());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "a,b,c               | a,b,c",
            "\" A \",B           | ' A ',b",
            "\"x,y\",z           | 'x,y',z",
            "\"q\"\"t\"          | q\"t",
            "  Mixed  ,\"Mixed\" | mixed,Mixed",
    })
    void shouldSplitOutsideQuotesWhenParsingColumnList(String text, String expectedCsv) {
        List<String> expected = new java.util.ArrayList<>();
        // expected values are separated by commas outside single quotes
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (char c : expectedCsv.toCharArray()) {
            if (c == '\'') q = !q;
            else if (c == ',' && !q) { expected.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        expected.add(cur.toString());
        assertEquals(expected, ShapeDefinition.parseColumnList(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "title                | The list of columns must include all primary key columns, missing: id",
            "id,foo,Bar           | The following columns are not found on the table: foo, bar",
            "id,\"Title\"         | The following columns are not found on the table: Title",
            "title,foo            | The following columns are not found on the table: foo",
            "id,                  | Invalid zero-length delimited identifier",
            "id,\"\"              | Invalid zero-length delimited identifier",
            "''                   | The list of columns must not be empty",
            "\"id                 | Invalid column list, unterminated quoted identifier: \"id",
    })
    void shouldRejectColumnsWhenListInvalid(String columns, String message) {
        assertEquals(message, columnError(ITEMS, columns));
    }

    @Test
    void shouldNameAllMissingPkColumnsWhenCompositeKeyIncomplete() {
        assertEquals("The list of columns must include all primary key columns, missing: b, a", columnError(COMPOSITE, "c"));
        assertEquals("The list of columns must include all primary key columns, missing: a", columnError(COMPOSITE, "b,c"));
    }

    @Test
    void shouldRejectGeneratedColumnsWithHintWhenColumnsAbsent() {
        assertEquals("The following columns are generated and cannot be included in the shape: g. You can exclude them "
                + "from the shape by explicitly listing which columns to fetch in the 'columns' query param",
                columnError(WITH_GENERATED, null));
    }

    @Test
    void shouldRejectGeneratedColumnsWithoutHintWhenListed() {
        assertEquals("The following columns are generated and cannot be included in the shape: g",
                columnError(WITH_GENERATED, "id,g"));
        assertEquals(List.of("id", "a"),
                ShapeDefinition.resolve(WITH_GENERATED, "a,id", Replica.DEFAULT, LogMode.FULL).columns());
    }

    @Test
    void shouldHaveEqualIdentityWhenColumnsSpelledDifferently() {
        String a = ShapeDefinition.resolve(ITEMS, "id,title", Replica.DEFAULT, LogMode.FULL).identity();
        String b = ShapeDefinition.resolve(ITEMS, "\"title\", ID", Replica.DEFAULT, LogMode.FULL).identity();
        String c = ShapeDefinition.resolve(ITEMS, "title,id,title", Replica.DEFAULT, LogMode.FULL).identity();
        assertEquals(a, b);
        assertEquals(a, c);
        assertEquals("16384|\"public\".\"items\"|id|id,title|DEFAULT|FULL|", a);
        assertNotEquals(a, ShapeDefinition.resolve(ITEMS, "id,title", Replica.FULL, LogMode.FULL).identity());
        assertNotEquals(a, ShapeDefinition.resolve(ITEMS, "id,title", Replica.DEFAULT, LogMode.CHANGES_ONLY).identity());
        assertNotEquals(a, ShapeDefinition.resolve(ITEMS, "id,title,at", Replica.DEFAULT, LogMode.FULL).identity());
    }

    @Test
    void shouldDescribeSelectedColumnsWhenBuildingSchemaJson() {
        ShapeDefinition d = ShapeDefinition.resolve(ITEMS, null, Replica.DEFAULT, LogMode.FULL);
        assertEquals("{\"id\":{\"type\":\"int4\",\"pk_index\":0,\"not_null\":true},"
                + "\"title\":{\"type\":\"varchar\",\"max_length\":80},"
                + "\"price\":{\"type\":\"numeric\",\"precision\":8,\"scale\":2},"
                + "\"tags\":{\"type\":\"text\",\"dims\":1},"
                + "\"at\":{\"type\":\"timestamptz\",\"precision\":3},"
                + "\"span\":{\"type\":\"interval\",\"precision\":3,\"fields\":\"MINUTE TO SECOND\"},"
                + "\"Status-Check\":{\"type\":\"bool\",\"not_null\":true}}", d.schemaJson());
    }

    @Test
    void shouldIncludeOnlySelectedColumnsWhenBuildingSchemaJson() {
        ShapeDefinition d = ShapeDefinition.resolve(ITEMS, "tags,id", Replica.DEFAULT, LogMode.FULL);
        assertEquals("{\"id\":{\"type\":\"int4\",\"pk_index\":0,\"not_null\":true},\"tags\":{\"type\":\"text\",\"dims\":1}}",
                d.schemaJson());
        ShapeDefinition composite = ShapeDefinition.resolve(COMPOSITE, null, Replica.DEFAULT, LogMode.FULL);
        assertEquals("{\"a\":{\"type\":\"int4\",\"pk_index\":1,\"not_null\":true},\"b\":{\"type\":\"text\",\"pk_index\":0,"
                + "\"not_null\":true},\"c\":{\"type\":\"text\"}}", composite.schemaJson());
    }

    @ParameterizedTest(name = "[{index}] {0}({1})")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "varchar     | 84          | {\"type\":\"varchar\",\"max_length\":80}",
            "varchar     | -1          | {\"type\":\"varchar\"}",
            "bpchar      | 14          | {\"type\":\"bpchar\",\"length\":10}",
            "bit         | 5           | {\"type\":\"bit\",\"length\":5}",
            "varbit      | 12          | {\"type\":\"varbit\",\"length\":12}",
            "time        | 0           | {\"type\":\"time\",\"precision\":0}",
            "timestamp   | 6           | {\"type\":\"timestamp\",\"precision\":6}",
            "numeric     | 655366      | {\"type\":\"numeric\",\"precision\":10,\"scale\":2}",
            "numeric     | -1          | {\"type\":\"numeric\"}",
            "interval    | -1          | {\"type\":\"interval\"}",
            "interval    | 2147418115  | {\"type\":\"interval\",\"precision\":3}",
            "interval    | 327679      | {\"type\":\"interval\",\"fields\":\"YEAR\"}",
            "interval    | 458751      | {\"type\":\"interval\",\"fields\":\"YEAR TO MONTH\"}",
            "interval    | 589823     | {\"type\":\"interval\",\"fields\":\"DAY\"}",
            "interval    | 470351871   | {\"type\":\"interval\",\"fields\":\"DAY TO SECOND\"}",
            "interval    | 469762054   | {\"type\":\"interval\",\"precision\":6,\"fields\":\"HOUR TO SECOND\"}",
            "mytype      | 7           | {\"type\":\"mytype\",\"type_mod\":7}",
    })
    void shouldDecodeTypmodWhenRenderingColumnSchema(String type, int typmod, String expected) {
        assertEquals(expected, new ColumnInfo("c", type, typmod, false, 0, -1, false).schemaJson(new StringBuilder()).toString());
    }

    @Test
    void shouldMatchTypmodConstantsWhenComputedFromBits() {
        // guards the literal typmods used in the table above
        assertEquals((0x7FFF << 16) | 3, 2147418115);
        assertEquals(((1 << 2) << 16) | 0xFFFF, 327679);
        assertEquals(INTERVAL_YEAR, 327679);
        assertEquals((((1 << 2) | (1 << 1)) << 16) | 0xFFFF, 458751);
        assertEquals(((1 << 3) << 16) | 0xFFFF, 589823);
        assertEquals((((1 << 3) | (1 << 10) | (1 << 11) | (1 << 12)) << 16) | 0xFFFF, 470351871);
        assertEquals((((1 << 10) | (1 << 11) | (1 << 12)) << 16) | 6, 469762054);
        assertEquals(((10 << 16) | 2) + 4, 655366);
    }
}
