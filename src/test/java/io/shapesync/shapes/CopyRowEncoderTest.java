package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopyRowEncoderTest {
    private static final TableInfo ITEMS = new TableInfo(10, new QualifiedName("public", "items"), List.of(
            new ColumnInfo("id", "int4", -1, true, 0, 0, false),
            new ColumnInfo("title", "text", -1, false, 0, -1, false),
            new ColumnInfo("due", "date", -1, false, 0, -1, false)), List.of("id"));
    // PK-less, odd names: the key is every column, sorted by name
    private static final TableInfo ODD = new TableInfo(11, new QualifiedName("my.schema", "t/\"x\""), List.of(
            new ColumnInfo("b\"q", "text", -1, false, 0, -1, false),
            new ColumnInfo("a/é", "text", -1, false, 0, -1, false),
            new ColumnInfo("c", "int4[]", -1, false, 1, -1, false)), List.of());

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** What Postgres' COPY TO writes for the values (CopyAttributeOutText, text format, tab delimiter). */
    static byte[] copyLine(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.write('\t');
            if (values[i] == null) {
                out.writeBytes(new byte[] {'\\', 'N'});
                continue;
            }
            for (byte b : values[i].getBytes(StandardCharsets.UTF_8)) {
                switch (b) {
                    case '\b' -> out.writeBytes(new byte[] {'\\', 'b'});
                    case '\f' -> out.writeBytes(new byte[] {'\\', 'f'});
                    case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                    case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                    case '\t' -> out.writeBytes(new byte[] {'\\', 't'});
                    case 0x0B -> out.writeBytes(new byte[] {'\\', 'v'});
                    case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                    default -> out.write(b);
                }
            }
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void assertSameAsStringPath(TableInfo table, String columns, String... values) {
        ShapeDefinition def = ShapeDefinition.resolve(table, columns, Replica.DEFAULT, LogMode.FULL);
        ChangeEncoder e = new ChangeEncoder(def);
        List<String> cols = def.columns();
        String expected = s(e.snapshotRow(values, e.selectedIndexes(cols), e.keyIndexes(cols)));
        assertEquals(expected, s(e.copyRowEncoder(cols).encode(copyLine(values))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "tab\there", "new\nline", "cr\rlf\n", "back\\slash", "\\N", "\\\\N", "quote\"d",
        "slash/in/value", "bell\u0007 and \u001f and \u007f", "\b\f\u000b", "é ü ß 日本 😀", "{\"a\": [1, \"x\\ty\"]}",
        "{\"NULL\",\"a\\\\b\",NULL}", "\\x00ff", "  padded  ", "trailing backslash\\"})
    void shouldEncodeLikeTheStringPathWhenValueNeedsEscaping(String v) {
        assertSameAsStringPath(ITEMS, null, "1", v, "2024-05-01");
        assertSameAsStringPath(ITEMS, null, v, v, null);  // in the key as well: '/' doubles there
    }

    @Test
    void shouldEncodeNullsInValueAndKeyWhenFieldIsBackslashN() {
        assertSameAsStringPath(ITEMS, null, "7", null, null);
        assertSameAsStringPath(ODD, null, null, "x", null);
        assertEquals("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"7\\\"\",\"value\":{\"id\":\"7\",\"title\":null,\"due\":null},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"items\"]}}",
                s(new ChangeEncoder(ShapeDefinition.resolve(ITEMS, null, Replica.DEFAULT, LogMode.FULL))
                        .copyRowEncoder(List.of("id", "title", "due")).encode(copyLine("7", null, null))));
    }

    @Test
    void shouldEscapeNamesAndSortPkLessKeyWhenTableHasOddNames() {
        assertSameAsStringPath(ODD, null, "b/1", "a\"2", "{1,2,NULL}");
        assertSameAsStringPath(ODD, "c,a/é", "{}", "x");
    }

    @Test
    void shouldUndoEveryCopyEscapeWhenPostgresOrAClientWroteIt() {
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(ITEMS, "id,title", Replica.DEFAULT, LogMode.FULL));
        CopyRowEncoder c = e.copyRowEncoder(List.of("id", "title"));
        String line = "1\t\\\\ \\b\\f\\n\\r\\t\\v \\101\\60\\0601\\7 \\x41\\x4a\\x4G\\xz \\q\\\"\\/ \\303\\251\n";
        String value = "\\ \b\f\n\r\t\u000b A001\u0007 AJ\u0004Gxz q\"/ é";
        assertEquals(s(e.snapshotRow(new String[] {"1", value}, new int[] {0, 1}, new int[] {0})),
                s(c.encode(line.getBytes(StandardCharsets.ISO_8859_1))));
    }

    @Test
    void shouldMatchTheStringPathWhenValuesAreRandom() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        String alphabet = "ab/\\\"\t\n\r\b\f\u000b\u0001\u001f\u007fNx é日😀{},";
        int[] points = alphabet.codePoints().toArray();
        for (int i = 0; i < 2000; i++) {
            String[] v = new String[3];
            for (int j = 0; j < 3; j++) {
                if (r.nextInt(8) == 0) continue;
                StringBuilder sb = new StringBuilder();
                for (int k = r.nextInt(12); k > 0; k--) sb.appendCodePoint(points[r.nextInt(points.length)]);
                v[j] = sb.toString();
            }
            ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(ODD, null, Replica.DEFAULT, LogMode.FULL));
            List<String> cols = List.of("b\"q", "a/é", "c");
            assertEquals(s(e.snapshotRow(v, e.selectedIndexes(cols), e.keyIndexes(cols))),
                    s(e.copyRowEncoder(cols).encode(copyLine(v))), "seed " + seed + ", row " + i);
        }
    }

    @Test
    void shouldReuseItsBufferWhenRowsGrowAndShrink() {
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(ITEMS, null, Replica.DEFAULT, LogMode.FULL));
        List<String> cols = List.of("id", "title", "due");
        CopyRowEncoder c = e.copyRowEncoder(cols);
        for (String title : new String[] {"short", "\u0001".repeat(5000), "x"}) {
            String[] v = {"1", title, null};
            assertEquals(s(e.snapshotRow(v, e.selectedIndexes(cols), e.keyIndexes(cols))), s(c.encode(copyLine(v))));
        }
    }

    @Test
    void shouldRejectRowWhenFieldCountOrEndIsWrong() {
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(ITEMS, null, Replica.DEFAULT, LogMode.FULL));
        CopyRowEncoder c = e.copyRowEncoder(List.of("id", "title", "due"));
        assertThrows(CopyRowEncoder.MalformedCopyRowException.class, () -> c.encode("1\tx\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CopyRowEncoder.MalformedCopyRowException.class, () -> c.encode("1\tx\ty\tz\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CopyRowEncoder.MalformedCopyRowException.class, () -> c.encode("1\tx\ty".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CopyRowEncoder.MalformedCopyRowException.class, () -> c.encode("1\tx\ty\\\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CopyRowEncoder.MalformedCopyRowException.class, () -> c.encode(new byte[0]));
    }
}
