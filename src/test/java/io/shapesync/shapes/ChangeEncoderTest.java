package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.TupleData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeEncoderTest {
    private static final TableInfo ITEMS = new TableInfo(10, new QualifiedName("public", "items"), List.of(
            new ColumnInfo("id", "int4", -1, true, 0, 0, false),
            new ColumnInfo("title", "text", -1, false, 0, -1, false),
            new ColumnInfo("due", "date", -1, false, 0, -1, false)), List.of("id"));
    private static final Relation ITEMS_REL = new Relation(10, "public", "items", 'd', List.of(
            new Relation.Column(true, "id", 23, -1),
            new Relation.Column(false, "title", 25, -1),
            new Relation.Column(false, "due", 1082, -1)));

    // PK-less, table order b, a, c: the key is all columns sorted by name (a, b, c)
    private static final TableInfo NOPK = new TableInfo(11, new QualifiedName("public", "nopk"), List.of(
            new ColumnInfo("b", "text", -1, false, 0, -1, false),
            new ColumnInfo("a", "text", -1, false, 0, -1, false),
            new ColumnInfo("c", "text", -1, false, 0, -1, false)), List.of());
    private static final Relation NOPK_REL = new Relation(11, "public", "nopk", 'f', List.of(
            new Relation.Column(true, "b", 25, -1),
            new Relation.Column(true, "a", 25, -1),
            new Relation.Column(true, "c", 25, -1)));

    private static final ChangeEncoder.Tx TX = new ChangeEncoder.Tx(750, 24153560L);
    private static final String K1 = "\\\"public\\\".\\\"items\\\"/\\\"1\\\"";
    private static final String K2 = "\\\"public\\\".\\\"items\\\"/\\\"2\\\"";
    private static final String REL = "\"relation\":[\"public\",\"items\"]";

    private static ChangeEncoder encoder(TableInfo table, Relation rel, String columns, Replica replica) {
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(table, columns, replica, LogMode.FULL));
        e.bind(rel);
        return e;
    }

    private static Row row(String... values) {
        char[] kinds = new char[values.length];
        for (int i = 0; i < values.length; i++) kinds[i] = values[i] == null ? TupleData.NULL : TupleData.TEXT;
        return Row.of(TupleData.of(kinds, (Object[]) values));
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> collect(java.util.function.Consumer<java.util.function.Consumer<ChangeEncoder.Encoded>> action,
                                        List<Long> ops) {
        List<String> out = new ArrayList<>();
        action.accept(enc -> {
            ops.add(enc.op());
            out.add(s(enc.json()));
        });
        return out;
    }

    private static String headers(String op, long pos) {
        return "\"headers\":{\"operation\":\"" + op + "\"," + REL + ",\"txids\":[750],\"lsn\":\"24153560\",\"op_position\":" + pos;
    }

    @Test
    void shouldRenderInsertWithoutReplicationHeadersWhenSnapshotRow() {
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(ITEMS, null, Replica.DEFAULT, LogMode.FULL));
        List<String> snapshotColumns = List.of("due", "title", "id");
        byte[] json = e.snapshotRow(new String[] {null, "hello", "42"}, e.selectedIndexes(snapshotColumns),
                e.keyIndexes(snapshotColumns));
        assertEquals("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"42\\\"\",\"value\":{\"id\":\"42\",\"title\":\"hello\",\"due\":null},"
                + "\"headers\":{\"operation\":\"insert\"," + REL + "}}", s(json));
    }

    @Test
    void shouldIncludeTxidsLsnAndOpPositionWhenInsertReplicated() {
        List<Long> ops = new ArrayList<>();
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.DEFAULT);
        List<String> out = collect(c -> e.insert(row("1", "hello", null), TX, 3, c), ops);
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"title\":\"hello\",\"due\":null},"
                + headers("insert", 6) + "}}"), out);
        assertEquals(List.of(6L), ops);
    }

    @Test
    void shouldRenderUnsignedLsnWhenLsnHasHighBit() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, "id", Replica.DEFAULT);
        List<String> out = collect(c -> e.insert(row("1", "x", null), new ChangeEncoder.Tx(4294967295L, -1L), 0, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\"},\"headers\":{\"operation\":\"insert\"," + REL
                + ",\"txids\":[4294967295],\"lsn\":\"18446744073709551615\",\"op_position\":0}}"), out);
    }

    @Test
    void shouldEmitPkAndChangedColumnsWhenUpdateWithReplicaDefault() {
        List<Long> ops = new ArrayList<>();
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.DEFAULT);
        List<String> out = collect(c -> e.update(row("1", "old", "2024-01-01"), row("1", "new", "2024-01-01"), TX, 1, c), ops);
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"title\":\"new\"}," + headers("update", 2) + "}}"), out);
        assertEquals(List.of(2L), ops);
    }

    @Test
    void shouldTreatNullToValueAsChangeWhenUpdateWithReplicaDefault() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.DEFAULT);
        List<String> out = collect(c -> e.update(row("1", "t", null), row("1", "t", "2024-05-01"), TX, 0, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"due\":\"2024-05-01\"}," + headers("update", 0) + "}}"), out);
    }

    @Test
    void shouldEmitNothingWhenNoSelectedColumnChanged() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, "id,title", Replica.DEFAULT);
        assertEquals(List.of(), collect(c -> e.update(row("1", "same", null), row("1", "same", null), TX, 0, c), new ArrayList<>()));
        // only an unselected column changed
        assertEquals(List.of(), collect(c -> e.update(row("1", "same", null), row("1", "same", "2024-01-01"), TX, 0, c), new ArrayList<>()));
        ChangeEncoder full = encoder(ITEMS, ITEMS_REL, "id,title", Replica.FULL);
        assertEquals(List.of(), collect(c -> full.update(row("1", "same", "x"), row("1", "same", "y"), TX, 0, c), new ArrayList<>()));
    }

    @Test
    void shouldEmitFullRowAndOldValueOfChangedColumnsWhenUpdateWithReplicaFull() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.FULL);
        List<String> out = collect(c -> e.update(row("1", "old", null), row("1", "new", "2024-05-01"), TX, 2, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"title\":\"new\",\"due\":\"2024-05-01\"},"
                + "\"old_value\":{\"title\":\"old\",\"due\":null}," + headers("update", 4) + "}}"), out);
    }

    @Test
    void shouldEmitOnlyPkWhenDeleteWithReplicaDefault() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.DEFAULT);
        List<String> out = collect(c -> e.delete(row("1", "t", "2024-05-01"), TX, 5, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\"}," + headers("delete", 10) + "}}"), out);
    }

    @Test
    void shouldEmitWholeOldRowWhenDeleteWithReplicaFull() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.FULL);
        List<String> out = collect(c -> e.delete(row("1", "t", null), TX, 0, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"title\":\"t\",\"due\":null},"
                + headers("delete", 0) + "}}"), out);
    }

    @Test
    void shouldSplitIntoDeleteAndInsertWhenPrimaryKeyChanges() {
        List<Long> ops = new ArrayList<>();
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.DEFAULT);
        List<String> out = collect(c -> e.update(row("1", "t", null), row("2", "t", null), TX, 3, c), ops);
        assertEquals(List.of(
                "{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\"}," + headers("delete", 6) + ",\"key_change_to\":\"" + K2 + "\"}}",
                "{\"key\":\"" + K2 + "\",\"value\":{\"id\":\"2\",\"title\":\"t\",\"due\":null}," + headers("insert", 7)
                        + ",\"key_change_from\":\"" + K1 + "\"}}"), out);
        assertEquals(List.of(6L, 7L), ops);
    }

    @Test
    void shouldEmitWholeOldRowInDeleteWhenPrimaryKeyChangesWithReplicaFull() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.FULL);
        List<String> out = collect(c -> e.update(row("1", "t", null), row("2", "u", null), TX, 0, c), new ArrayList<>());
        assertEquals(List.of(
                "{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"title\":\"t\",\"due\":null}," + headers("delete", 0)
                        + ",\"key_change_to\":\"" + K2 + "\"}}",
                "{\"key\":\"" + K2 + "\",\"value\":{\"id\":\"2\",\"title\":\"u\",\"due\":null}," + headers("insert", 1)
                        + ",\"key_change_from\":\"" + K1 + "\"}}"), out);
    }

    @Test
    void shouldKeyByAllColumnsSortedByNameWhenTableHasNoPk() {
        ChangeEncoder e = encoder(NOPK, NOPK_REL, null, Replica.DEFAULT);
        // relation order b, a, c ; key order a, b, c
        List<String> out = collect(c -> e.insert(row(null, "x/y", "2"), TX, 0, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"\\\"public\\\".\\\"nopk\\\"/\\\"x//y\\\"/_/\\\"2\\\"\",\"value\":{\"b\":null,\"a\":\"x/y\",\"c\":\"2\"},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"nopk\"],\"txids\":[750],\"lsn\":\"24153560\",\"op_position\":0}}"), out);
        List<String> del = collect(c -> e.delete(row(null, "x/y", "2"), TX, 1, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"\\\"public\\\".\\\"nopk\\\"/\\\"x//y\\\"/_/\\\"2\\\"\",\"value\":{\"b\":null,\"a\":\"x/y\",\"c\":\"2\"},"
                + "\"headers\":{\"operation\":\"delete\",\"relation\":[\"public\",\"nopk\"],\"txids\":[750],\"lsn\":\"24153560\",\"op_position\":2}}"), del);
    }

    @Test
    void shouldEscapeSlashAndDotInNamesWhenBuildingKeyPrefix() {
        TableInfo t = new TableInfo(12, new QualifiedName("my.s", "a/b"), List.of(
                new ColumnInfo("id", "text", -1, true, 0, 0, false)), List.of("id"));
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(t, null, Replica.DEFAULT, LogMode.FULL));
        List<String> cols = List.of("id");
        assertEquals("{\"key\":\"\\\"my..s\\\".\\\"a//b\\\"/\\\"p//q\\\"\",\"value\":{\"id\":\"p/q\"},"
                        + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"my.s\",\"a/b\"]}}",
                s(e.snapshotRow(new String[] {"p/q"}, e.selectedIndexes(cols), e.keyIndexes(cols))));
    }

    @Test
    void shouldEscapeJsonWhenValuesContainSpecialCharacters() {
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(ITEMS, "id,title", Replica.DEFAULT, LogMode.FULL));
        List<String> cols = List.of("id", "title");
        String title = "say \"hi\" \\x01\n\r\t\b\f\u0001\u001f é";
        String json = s(e.snapshotRow(new String[] {"a\"b", title}, e.selectedIndexes(cols), e.keyIndexes(cols)));
        assertEquals("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"a\\\"b\\\"\",\"value\":{\"id\":\"a\\\"b\","
                + "\"title\":\"say \\\"hi\\\" \\\\x01\\n\\r\\t\\b\\f\\u0001\\u001f é\"},"
                + "\"headers\":{\"operation\":\"insert\"," + REL + "}}", json);
    }

    @Test
    void shouldOmitUnchangedToastColumnWhenUpdateReplicated() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.DEFAULT);
        Row now = Row.of(TupleData.of(new char[] {'t', 'u', 't'}, "1", null, "2024-05-01"));
        List<String> out = collect(c -> e.update(null, now, TX, 0, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"due\":\"2024-05-01\"}," + headers("update", 0) + "}}"), out);
    }

    @Test
    void shouldAddLastToHeadersWhenMarkedLast() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, "id", Replica.DEFAULT);
        List<ChangeEncoder.Encoded> out = new ArrayList<>();
        e.insert(row("1", "x", null), TX, 0, out::add);
        assertEquals("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\"}," + headers("insert", 0) + ",\"last\":true}}",
                s(ChangeEncoder.markLast(out.get(0).json())));
    }

    @Test
    void shouldWriteTheSameBytesAsMarkLastWhenTheLastMessageIsTakenAsLast() {
        ChangeEncoder e = encoder(ITEMS, ITEMS_REL, null, Replica.DEFAULT);
        List<ChangeEncoder.Encoded> out = new ArrayList<>();
        e.update(row("1", "a", null), row("1", "\u00e9t\u00e9 \"\u20ac\" \ud83d\ude00\n", "2024-05-01"), TX, 3, out::add);
        e.update(row("1", "a", null), row("2", "b", null), TX, 4, out::add);  // a key change: delete and insert
        assertEquals(3, out.size());
        for (ChangeEncoder.Encoded enc : out) {
            byte[] expected = ChangeEncoder.markLast(enc.json());
            assertArrayEquals(expected, enc.lastJson());
        }
    }

    @Test
    void shouldMapColumnsByNameWhenRelationOrderDiffers() {
        Relation reordered = new Relation(10, "public", "items", 'd', List.of(
                new Relation.Column(false, "due", 1082, -1),
                new Relation.Column(true, "id", 23, -1),
                new Relation.Column(false, "title", 25, -1)));
        ChangeEncoder e = encoder(ITEMS, reordered, null, Replica.DEFAULT);
        List<String> out = collect(c -> e.insert(row("2024-05-01", "1", "t"), TX, 0, c), new ArrayList<>());
        assertEquals(List.of("{\"key\":\"" + K1 + "\",\"value\":{\"id\":\"1\",\"title\":\"t\",\"due\":\"2024-05-01\"},"
                + headers("insert", 0) + "}}"), out);
    }

    @Test
    void shouldThrowColumnMissingWhenRelationLacksSelectedColumn() {
        ChangeEncoder e = new ChangeEncoder(ShapeDefinition.resolve(ITEMS, null, Replica.DEFAULT, LogMode.FULL));
        Relation dropped = new Relation(10, "public", "items", 'd', List.of(
                new Relation.Column(true, "id", 23, -1), new Relation.Column(false, "title", 25, -1)));
        ChangeEncoder.ColumnMissingException ex = assertThrows(ChangeEncoder.ColumnMissingException.class, () -> e.bind(dropped));
        assertEquals("column due is no longer in the table", ex.getMessage());
    }
}
