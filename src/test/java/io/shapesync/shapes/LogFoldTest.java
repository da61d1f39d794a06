package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.TupleData;
import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogFoldTest {
    private static final TableInfo ITEMS = new TableInfo(10, new QualifiedName("public", "items"), List.of(
            new ColumnInfo("id", "text", -1, true, 0, 0, false),
            new ColumnInfo("title", "text", -1, false, 0, -1, false),
            new ColumnInfo("due", "date", -1, false, 0, -1, false)), List.of("id"));
    private static final Relation ITEMS_REL = new Relation(10, "public", "items", 'd', List.of(
            new Relation.Column(true, "id", 25, -1),
            new Relation.Column(false, "title", 25, -1),
            new Relation.Column(false, "due", 1082, -1)));
    private static final List<String> TABLE_COLUMNS = List.of("id", "title", "due");
    private static final String RELATION = "[\"public\",\"items\"]";
    private static final byte[] SNAPSHOT_END = new SnapshotXids(740, 760, Set.of(745L, 750L)).snapshotEndJson();

    /** A log in memory: hands each payload out of one reused buffer (valid only during the callback). */
    private static final class ListSource implements LogFold.Source {
        final List<byte[]> log;
        int passes;

        ListSource(List<byte[]> log) {
            this.log = log;
        }

        @Override
        public void read(FileShapeLog.RecordSink sink) {
            passes++;
            ByteBuffer shared = ByteBuffer.allocateDirect(64 * 1024);
            for (int i = 0; i < log.size(); i++) {
                byte[] payload = log.get(i);
                shared.clear();
                shared.put("junk".getBytes(StandardCharsets.US_ASCII)).put(payload).put("{junk".getBytes(StandardCharsets.US_ASCII));
                shared.position(4).limit(4 + payload.length);
                try {
                    sink.accept(offsetOf(i), shared);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                shared.clear();
                while (shared.hasRemaining()) shared.put((byte) 'x'); // a payload kept past its callback turns to garbage
            }
        }
    }

    private static LogOffset offsetOf(int i) {
        return i < 4 ? LogOffset.snapshotChunk(i) : new LogOffset(1000 + i / 3, i % 3);
    }

    /** Builds a log with the real encoder of one shape. */
    private static final class Log {
        final ChangeEncoder encoder;
        final ShapeDefinition definition;
        final List<byte[]> messages = new ArrayList<>();
        long lsn = 24153560L;

        Log(String columns, Replica replica) {
            definition = ShapeDefinition.resolve(ITEMS, columns, replica, LogMode.FULL);
            encoder = new ChangeEncoder(definition);
            encoder.bind(ITEMS_REL);
        }

        Log snapshot(String... values) {
            messages.add(snapshotRow(values));
            return this;
        }

        byte[] snapshotRow(String... values) {
            return encoder.snapshotRow(values, encoder.selectedIndexes(TABLE_COLUMNS), encoder.keyIndexes(TABLE_COLUMNS));
        }

        Log snapshotEnd() {
            messages.add(SNAPSHOT_END);
            return this;
        }

        Log insert(Row row) {
            encoder.insert(row, tx(), 0, e -> messages.add(e.json()));
            return this;
        }

        Log update(Row old, Row now) {
            encoder.update(old, now, tx(), 0, e -> messages.add(e.json()));
            return this;
        }

        Log delete(Row old) {
            encoder.delete(old, tx(), 0, e -> messages.add(e.json()));
            return this;
        }

        Log raw(String json) {
            messages.add(json.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private ChangeEncoder.Tx tx() {
            return new ChangeEncoder.Tx(750 + messages.size(), lsn++);
        }

        List<String> fold() {
            return LogFoldTest.fold(messages, definition.columns(), RELATION);
        }
    }

    private static Row row(String... values) {
        char[] kinds = new char[values.length];
        for (int i = 0; i < values.length; i++) kinds[i] = values[i] == null ? TupleData.NULL : TupleData.TEXT;
        return Row.of(TupleData.of(kinds, (Object[]) values));
    }

    /** A row whose {@code title} is an unchanged TOASTed value (not in the stream). */
    private static Row toastedTitle(String id, String due) {
        return Row.of(TupleData.of(new char[] {TupleData.TEXT, TupleData.UNCHANGED_TOAST, due == null ? TupleData.NULL : TupleData.TEXT},
                id, null, due));
    }

    private static List<String> fold(List<byte[]> log, List<String> columns, String relationJson) {
        ListSource source = new ListSource(log);
        List<String> out = new ArrayList<>();
        LogFold.Result result = LogFold.fold(source, columns, relationJson, b -> out.add(s(b)));
        assertEquals(new LogFold.Result(log.size(), out.size()), result);
        assertTrue(source.passes <= 2, "passes: " + source.passes);
        return out;
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> messages) {
        return messages.stream().map(LogFoldTest::s).toList();
    }

    @Test
    void shouldReturnSnapshotRowsUnchangedWhenLogHoldsOnlySnapshot() {
        Log log = new Log(null, Replica.DEFAULT).snapshot("1", "a", null).snapshot("2", "b", "2024-05-01").snapshot("3", null, null);
        List<String> rows = strings(log.messages);
        log.snapshotEnd();
        assertEquals(rows, log.fold());
    }

    @Test
    void shouldMergeUpdatesWhenInsertIsFollowedByUpdates() {
        Log log = new Log(null, Replica.DEFAULT).snapshot("0", "z", null).snapshotEnd()
                .insert(row("1", "a", null))
                .update(row("1", "a", null), row("1", "b", null))
                .update(row("1", "b", null), row("1", "b", "2024-05-01"));
        assertEquals(strings(List.of(log.snapshotRow("0", "z", null), log.snapshotRow("1", "b", "2024-05-01"))), log.fold());
    }

    @Test
    void shouldWriteNullWhenUpdateSetsColumnToNull() {
        Log log = new Log(null, Replica.DEFAULT).insert(row("1", "a", "2024-01-01"))
                .update(row("1", "a", "2024-01-01"), row("1", "a", null));
        assertEquals(List.of(s(log.snapshotRow("1", "a", null))), log.fold());
        assertTrue(log.fold().get(0).contains("\"due\":null"));
    }

    @Test
    void shouldKeepColumnWhenUpdateOmitsUnchangedToast() {
        Log log = new Log(null, Replica.DEFAULT).insert(row("1", "long text", null))
                .update(null, toastedTitle("1", "2024-05-01"));
        assertEquals(List.of(s(log.snapshotRow("1", "long text", "2024-05-01"))), log.fold());
    }

    @Test
    void shouldOrderRowsByLastInsertWhenKeyDeletedAndReinserted() {
        Log log = new Log(null, Replica.DEFAULT).snapshot("1", "a", null).snapshot("2", "b", null).snapshotEnd()
                .delete(row("1", "a", null))
                .insert(row("3", "c", null))
                .update(row("2", "b", null), row("2", "b2", null))
                .insert(row("1", "again", "2024-05-01"))
                .delete(row("3", "c", null));
        assertEquals(strings(List.of(log.snapshotRow("2", "b2", null), log.snapshotRow("1", "again", "2024-05-01"))), log.fold());
    }

    @Test
    void shouldDropUpdatesBeforeDeleteWhenKeyReinserted() {
        Log log = new Log(null, Replica.DEFAULT).insert(row("1", "a", null))
                .update(row("1", "a", null), row("1", "a", "2024-01-01"))
                .delete(row("1", "a", "2024-01-01"))
                .insert(row("1", "b", null));
        assertEquals(List.of(s(log.snapshotRow("1", "b", null))), log.fold());
    }

    @Test
    void shouldReplaceRowAndItsUpdatesWhenInsertFindsKeyPresent() {
        Log log = new Log(null, Replica.DEFAULT).insert(row("1", "a", null))
                .update(row("1", "a", null), row("1", "a", "2024-01-01"))
                .insert(row("2", "b", null))
                .insert(row("1", "c", null));
        assertEquals(strings(List.of(log.snapshotRow("2", "b", null), log.snapshotRow("1", "c", null))), log.fold());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEFAULT", "FULL"})
    void shouldKeepOnlyNewKeyWhenPrimaryKeyChanges(Replica replica) {
        Log log = new Log(null, replica).snapshot("1", "t", null).snapshotEnd()
                .update(row("1", "t", null), row("2", "t", "2024-05-01"));
        assertEquals(4, log.messages.size(), "snapshot row, snapshot-end, delete, insert");
        assertTrue(s(log.messages.get(2)).contains("key_change_to"));
        assertTrue(s(log.messages.get(3)).contains("key_change_from"));
        assertEquals(List.of(s(log.snapshotRow("2", "t", "2024-05-01"))), log.fold());
    }

    @Test
    void shouldIgnoreOldValueWhenUpdatesHaveReplicaFull() {
        Log log = new Log(null, Replica.FULL).snapshot("1", "a", null).snapshot("2", "x", null).snapshotEnd()
                .update(row("1", "a", null), row("1", "b", "2024-05-01"))
                .update(row("1", "b", "2024-05-01"), row("1", "c", "2024-05-01"))
                .delete(row("2", "x", null));
        assertTrue(s(log.messages.get(3)).contains("\"old_value\":{\"title\":\"a\",\"due\":null}"));
        assertEquals(List.of(s(log.snapshotRow("1", "c", "2024-05-01"))), log.fold());
    }

    @Test
    void shouldIgnoreLastAndKeyChangeHeadersWhenPresent() {
        Log log = new Log(null, Replica.DEFAULT);
        log.encoder.insert(row("1", "a", null), new ChangeEncoder.Tx(1, 2), 0,
                e -> log.messages.add(ChangeEncoder.markLast(e.json())));
        assertEquals(List.of(s(log.snapshotRow("1", "a", null))), log.fold());
    }

    @Test
    void shouldEscapeLikeEncoderWhenKeysAndValuesHoldSpecialCharacters() {
        String id = "a\"b\\c/d \u0001\u001f\n\t é 😀 \u2028";
        String title = "say \"hi\" \\x01\r\b\f\u007f \u0000 ☃";
        Log log = new Log(null, Replica.DEFAULT).insert(row(id, "first", null))
                .update(row(id, "first", null), row(id, title, null))
                .snapshotEnd();
        assertEquals(List.of(s(log.snapshotRow(id, title, null))), log.fold());
    }

    @Test
    void shouldWriteRawUtf8WhenInputEscapesUnicode() {
        Log log = new Log(null, Replica.DEFAULT)
                .raw("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"\\u00e9\\\"\",\"value\":{\"id\":\"\\u00e9\",\"title\":\"\\ud83d\\ude00\\/\","
                        + "\"due\":null},\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"items\"]}}");
        assertEquals(List.of(s(log.snapshotRow("é", "😀/", null))), log.fold());
    }

    @Test
    void shouldSkipControlMessagesWhenAnywhereInLog() {
        Log log = new Log(null, Replica.DEFAULT).snapshotEnd().insert(row("1", "a", null)).snapshotEnd()
                .raw("{\"headers\":{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\"1\"}}");
        assertEquals(List.of(s(log.snapshotRow("1", "a", null))), log.fold());
    }

    @Test
    void shouldWriteNothingAndReadOnceWhenLogEmpty() {
        ListSource source = new ListSource(List.of());
        assertEquals(new LogFold.Result(0, 0), LogFold.fold(source, TABLE_COLUMNS, RELATION, b -> {
            throw new AssertionError("no row expected");
        }));
        assertEquals(1, source.passes);
    }

    @Test
    void shouldWriteNothingWhenEveryKeyDeleted() {
        Log log = new Log(null, Replica.DEFAULT).snapshot("1", "a", null).snapshotEnd().delete(row("1", "a", null));
        assertEquals(List.of(), log.fold());
    }

    @Test
    void shouldKeepOnlyUpdatedColumnsWhenUpdatedKeyWasAbsent() {
        Log log = new Log(null, Replica.DEFAULT).insert(row("1", "a", null))
                .update(row("9", "x", null), row("9", "y", null))
                .update(row("9", "y", null), row("9", "y", "2024-05-01"))
                .insert(row("2", "b", null));
        assertEquals(List.of(s(log.snapshotRow("1", "a", null)),
                "{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"9\\\"\",\"value\":{\"id\":\"9\",\"title\":\"y\",\"due\":\"2024-05-01\"},"
                        + "\"headers\":{\"operation\":\"insert\",\"relation\":" + RELATION + "}}",
                s(log.snapshotRow("2", "b", null))), log.fold());
        Log partial = new Log(null, Replica.DEFAULT).update(row("9", "x", null), row("9", "y", null));
        assertEquals(List.of("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"9\\\"\",\"value\":{\"id\":\"9\",\"title\":\"y\"},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":" + RELATION + "}}"), partial.fold());
    }

    @Test
    void shouldUseShapeColumnOrderWhenShapeSelectsSubset() {
        Log log = new Log("due,id", Replica.DEFAULT).insert(row("1", "a", null))
                .update(row("1", "a", null), row("1", "a", "2024-05-01"));
        assertEquals(List.of("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"1\\\"\",\"value\":{\"id\":\"1\",\"due\":\"2024-05-01\"},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":" + RELATION + "}}"), log.fold());
        assertEquals(List.of(s(log.snapshotRow("1", "a", "2024-05-01"))), log.fold());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "garbage",
            "[1,2]",
            "{\"key\":\"k\",\"value\":{\"id\":\"1\"},\"headers\":{\"operation\":\"insert\"}",
            "{\"key\":\"k\",\"value\":{\"id\":\"1\"},\"headers\":{\"operation\":\"insert\"}} {}",
            "{\"key\":\"k\",\"value\":{\"id\":\"1\"}}",
            "{\"key\":\"k\",\"value\":{\"id\":\"1\"},\"headers\":{\"relation\":[\"public\",\"items\"]}}",
            "{\"key\":\"k\",\"value\":{\"id\":\"1\"},\"headers\":{\"operation\":\"upsert\"}}",
            "{\"key\":\"k\",\"headers\":{\"operation\":\"insert\"}}",
            "{\"key\":1,\"value\":{\"id\":\"1\"},\"headers\":{\"operation\":\"insert\"}}",
            "{\"key\":\"k\",\"value\":{\"id\":1},\"headers\":{\"operation\":\"insert\"}}",
            "{\"key\":\"k\",\"value\":{\"id\":\"1\",\"secret\":\"x\"},\"headers\":{\"operation\":\"insert\"}}",
            "{\"key\":\"k\",\"value\":[\"1\"],\"headers\":{\"operation\":\"insert\"}}",
            "{\"value\":{\"id\":\"1\"},\"headers\":{\"operation\":\"insert\"}}",
            "{\"headers\":{\"xmin\":\"1\"}}",
            "{\"headers\":[]}",
    })
    void shouldThrowNamingOffsetWhenPayloadIsNotMessage(String payload) {
        Log log = new Log(null, Replica.DEFAULT).snapshot("1", "a", null).snapshotEnd().insert(row("2", "b", null))
                .insert(row("3", "c", null)).insert(row("4", "d", null)).raw(payload);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, log::fold);
        assertTrue(e.getMessage().contains("record at " + offsetOf(5) + " "), e.getMessage());
        assertEquals("1001_2", offsetOf(5).toString());
    }

    @Test
    void shouldFailWhenLogChangesBetweenPasses() {
        List<byte[]> log = new ArrayList<>(new Log(null, Replica.DEFAULT).snapshot("1", "a", null).messages);
        LogFold.Source growing = sink -> {
            new ListSource(log).read(sink);
            log.add(SNAPSHOT_END);
        };
        assertThrows(IllegalStateException.class, () -> LogFold.fold(growing, TABLE_COLUMNS, RELATION, b -> { }));
    }

    @Test
    void shouldReadTwiceAndWriteFewRowsWhenLongLogHasFewKeys() {
        Log log = new Log(null, Replica.DEFAULT).snapshot("1", "v0", null).snapshot("2", "w", null).snapshotEnd();
        String title = "v0";
        for (int i = 1; i <= 20_000; i++) {
            String next = "v" + i;
            log.update(row("1", title, null), row("1", next, null));
            title = next;
            if (i % 100 == 0) log.delete(row("3", "x", null));
            if (i % 100 == 50) log.insert(row("3", "x", null));
        }
        ListSource source = new ListSource(log.messages);
        List<String> out = new ArrayList<>();
        LogFold.Result result = LogFold.fold(source, TABLE_COLUMNS, RELATION, b -> out.add(s(b)));
        assertEquals(new LogFold.Result(log.messages.size(), 2), result);
        assertEquals(2, source.passes);
        assertEquals(strings(List.of(log.snapshotRow("1", "v20000", null), log.snapshotRow("2", "w", null))), out);
    }

    // ---------------------------------------------------------------- randomized

    private static final TableInfo WIDE = new TableInfo(13, new QualifiedName("s", "wide"), List.of(
            new ColumnInfo("id", "text", -1, true, 0, 0, false),
            new ColumnInfo("c1", "text", -1, false, 0, -1, false),
            new ColumnInfo("c2", "text", -1, false, 0, -1, false),
            new ColumnInfo("c3", "text", -1, false, 0, -1, false),
            new ColumnInfo("c4", "text", -1, false, 0, -1, false)), List.of("id"));
    private static final Relation WIDE_REL = new Relation(13, "s", "wide", 'd', List.of(
            new Relation.Column(true, "id", 25, -1), new Relation.Column(false, "c1", 25, -1),
            new Relation.Column(false, "c2", 25, -1), new Relation.Column(false, "c3", 25, -1),
            new Relation.Column(false, "c4", 25, -1)));
    private static final List<String> WIDE_COLUMNS = List.of("id", "c1", "c2", "c3", "c4");
    private static final String[] SAMPLES = {"x", "", "a\"b", "back\\slash", "line\nbreak", "\u0001", "é😀", "/", "null"};

    @ParameterizedTest
    @CsvSource({"1, DEFAULT, ''", "2, FULL, ''", "3, DEFAULT, 'c3,id,c1'", "4, FULL, 'id,c4,c2'"})
    void shouldMatchInMemoryMaterializationWhenOpsAreRandom(long seed, Replica replica, String columns) {
        Random random = new Random(seed);
        ShapeDefinition definition = ShapeDefinition.resolve(WIDE, columns.isEmpty() ? null : columns, replica, LogMode.FULL);
        ChangeEncoder encoder = new ChangeEncoder(definition);
        encoder.bind(WIDE_REL);
        Map<String, String[]> table = new HashMap<>();
        List<byte[]> log = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String[] r = randomRow(random, "k" + i);
            table.put(r[0], r);
            log.add(encoder.snapshotRow(r, encoder.selectedIndexes(WIDE_COLUMNS), encoder.keyIndexes(WIDE_COLUMNS)));
        }
        log.add(SNAPSHOT_END);
        for (int op = 0; op < 4000; op++) {
            randomChange(random, encoder, table, new ChangeEncoder.Tx(op, 1000 + op), op, log);
        }
        String context = "seed " + seed;

        List<String> out = fold(log, definition.columns(), "[\"s\",\"wide\"]");

        Map<String, Map<String, String>> expected = materialize(log);
        List<String> keys = new ArrayList<>();
        Map<String, Map<String, String>> actual = new LinkedHashMap<>();
        for (String json : out) {
            JsonObject m = parse(json);
            keys.add(m.getString("key"));
            actual.put(m.getString("key"), values(m.getJsonObject("value")));
            assertEquals(JsonValue.ValueType.OBJECT, m.get("headers").getValueType(), context);
        }
        assertEquals(new ArrayList<>(expected.keySet()), keys, context + ": keys in order of their last insert");
        assertEquals(expected, actual, context);
        assertEquals(table.size(), out.size(), context);
        for (int i = 0; i < out.size(); i++) {
            String[] r = table.get(expected.get(keys.get(i)).get("id"));
            byte[] snapshotRow = encoder.snapshotRow(r, encoder.selectedIndexes(WIDE_COLUMNS), encoder.keyIndexes(WIDE_COLUMNS));
            assertEquals(s(snapshotRow), out.get(i), context + ": row " + i);
        }
    }

    private static String[] randomRow(Random random, String id) {
        String[] r = new String[WIDE_COLUMNS.size()];
        r[0] = id;
        for (int c = 1; c < r.length; c++) r[c] = randomValue(random);
        return r;
    }

    private static String randomValue(Random random) {
        int n = random.nextInt(SAMPLES.length + 3);
        return n < SAMPLES.length ? SAMPLES[n] : n == SAMPLES.length ? null : "v" + random.nextInt(1000);
    }

    private static void randomChange(Random random, ChangeEncoder encoder, Map<String, String[]> table, ChangeEncoder.Tx tx,
                                     long n, List<byte[]> log) {
        String id = "k" + random.nextInt(50);
        String[] old = table.get(id);
        int dice = random.nextInt(100);
        List<ChangeEncoder.Encoded> out = new ArrayList<>();
        if (old == null) {
            String[] r = randomRow(random, id);
            encoder.insert(wideRow(r, null), tx, n, out::add);
            table.put(id, r);
        } else if (dice < 10) {
            encoder.delete(wideRow(old, null), tx, n, out::add);
            table.remove(id);
        } else if (dice < 15) {
            String to = "k" + random.nextInt(50);
            if (table.containsKey(to)) return;
            String[] r = old.clone();
            r[0] = to;
            encoder.update(wideRow(old, null), wideRow(r, null), tx, n, out::add);
            table.remove(id);
            table.put(to, r);
        } else {
            String[] r = old.clone();
            boolean[] toasted = new boolean[r.length];
            for (int c = 1; c < r.length; c++) {
                if (random.nextInt(3) == 0) r[c] = randomValue(random);
                else toasted[c] = random.nextInt(4) == 0;
            }
            encoder.update(random.nextBoolean() ? wideRow(old, null) : null, wideRow(r, toasted), tx, n, out::add);
            table.put(id, r);
        }
        for (int i = 0; i < out.size(); i++) {
            byte[] json = out.get(i).json();
            log.add(i == out.size() - 1 && random.nextBoolean() ? ChangeEncoder.markLast(json) : json);
        }
        if (random.nextInt(200) == 0) log.add(SNAPSHOT_END);
    }

    private static Row wideRow(String[] values, boolean[] toasted) {
        char[] kinds = new char[values.length];
        Object[] data = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boolean toast = toasted != null && toasted[i];
            kinds[i] = toast ? TupleData.UNCHANGED_TOAST : values[i] == null ? TupleData.NULL : TupleData.TEXT;
            data[i] = toast ? null : values[i];
        }
        return Row.of(TupleData.of(kinds, data));
    }

    /** The rows a client holds after applying every message in order, by key in order of each row's last insert. */
    private static Map<String, Map<String, String>> materialize(List<byte[]> log) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (byte[] b : log) {
            JsonObject m = parse(s(b));
            if (!m.containsKey("key")) continue;
            String key = m.getString("key");
            Map<String, String> value = values(m.getJsonObject("value"));
            switch (m.getJsonObject("headers").getString("operation")) {
                case "insert" -> {
                    rows.remove(key);
                    rows.put(key, value);
                }
                case "update" -> rows.computeIfAbsent(key, k -> new HashMap<>()).putAll(value);
                case "delete" -> rows.remove(key);
                default -> throw new AssertionError(s(b));
            }
        }
        return rows;
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = jakarta.json.Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    private static Map<String, String> values(JsonObject value) {
        Map<String, String> out = new HashMap<>();
        value.forEach((k, v) -> out.put(k, v.getValueType() == JsonValue.ValueType.NULL ? null : ((JsonString) v).getString()));
        return out;
    }
}
