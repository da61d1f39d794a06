package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Lsn;
import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.RowDeleted;
import io.shapesync.decoding.RowInserted;
import io.shapesync.decoding.RowUpdated;
import io.shapesync.decoding.Transaction;
import io.shapesync.decoding.TupleData;
import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction of a real shape and log: the fold, the new generation, the handles, and writes after the swap. */
class ShapeCompactorTest {
    private static final TableInfo T = new TableInfo(7, new QualifiedName("public", "t"),
            List.of(new ColumnInfo("id", "int4", -1, true, 0, 0, false), new ColumnInfo("v", "text", -1, false, 0, -1, false)),
            List.of("id"));
    private static final Relation REL = new Relation(7, "public", "t", 'f',
            List.of(new Relation.Column(true, "id", 23, -1), new Relation.Column(false, "v", 25, -1)));
    private static final LogOffset END = new LogOffset(Long.MAX_VALUE, Long.MAX_VALUE);

    private static Row row(int id, String v) {
        return Row.of(TupleData.of(new char[] {TupleData.TEXT, TupleData.TEXT}, Integer.toString(id), v));
    }

    private final List<Shape.Generation> persisted = new ArrayList<>();
    private final List<FileShapeLog> retired = new ArrayList<>();
    private int handles;

    private ShapeCompactor compactor(long minBytes) {
        return new ShapeCompactor(minBytes, 0, s -> "h" + (++handles + 1), (s, g) -> persisted.add(g), retired::add);
    }

    /** A live shape over an empty table, 200-byte chunks; then 10 inserts and 30 rounds of updates, 2 deletes. */
    private static Shape busyShape(Path dir) {
        Shape shape = new Shape("h1", ShapeDefinition.resolve(T, null, Replica.DEFAULT, LogMode.FULL), FileShapeLog.open(dir, 200), 200);
        shape.completeSnapshot(new SnapshotXids(5, 5, Set.of()));
        List<IndexedChange> inserts = new ArrayList<>();
        for (int id = 1; id <= 10; id++) inserts.add(new IndexedChange(id - 1, new RowInserted(REL, row(id, "v0"))));
        shape.offer(tx(100, 10), inserts);
        for (int round = 1; round <= 30; round++) {
            List<IndexedChange> updates = new ArrayList<>();
            for (int id = 1; id <= 10; id++) {
                updates.add(new IndexedChange(id - 1, new RowUpdated(REL, row(id, "v" + (round - 1)), true, row(id, "v" + round))));
            }
            shape.offer(tx(100 + 10L * round, 10 + round), updates);
        }
        shape.offer(tx(1000, 99), List.of(new IndexedChange(0, new RowDeleted(REL, row(9, "v30"), true)),
                new IndexedChange(1, new RowDeleted(REL, row(10, "v30"), true))));
        return shape;
    }

    private static Transaction tx(long lsn, int xid) {
        return new Transaction(xid, new Lsn(lsn), new Lsn(lsn + 5), 0, List.of());
    }

    private static List<JsonObject> messages(Shape.View view, LogOffset after) {
        List<JsonObject> out = new ArrayList<>();
        view.read(after, END, (offset, payload) -> {
            byte[] b = new byte[payload.remaining()];
            payload.duplicate().get(b);
            out.add(Json.createReader(new StringReader(new String(b, StandardCharsets.UTF_8))).readObject());
        });
        return out;
    }

    /** Applies messages strictly; returns the rows, or fails on a conflicting message. */
    private static Map<String, Map<String, String>> apply(Map<String, Map<String, String>> rows, List<JsonObject> messages) {
        for (JsonObject m : messages) {
            JsonObject h = m.getJsonObject("headers");
            if (h.containsKey("control")) continue;
            String key = m.getString("key");
            Map<String, String> value = new TreeMap<>();
            m.getJsonObject("value").forEach((k, v) -> value.put(k, v.getValueType() == JsonValue.ValueType.NULL ? null
                    : ((jakarta.json.JsonString) v).getString()));
            switch (h.getString("operation")) {
                case "insert" -> assertNull(rows.put(key, value), "insert of a present key " + key);
                case "update" -> {
                    assertNotNull(rows.get(key), "update of an absent key " + key);
                    rows.get(key).putAll(value);
                }
                default -> assertNotNull(rows.remove(key), "delete of an absent key " + key);
            }
        }
        return rows;
    }

    private static Map<String, Map<String, String>> expected() {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (int id = 1; id <= 8; id++) rows.put("\"public\".\"t\"/\"" + id + "\"", new TreeMap<>(Map.of("id", "" + id, "v", "v30")));
        return rows;
    }

    @Test
    void shouldFoldLogIntoLatestRowsAndKeepEverythingAboveTheCut(@TempDir Path dir) {
        Shape shape = busyShape(dir);
        Shape.View before = shape.view();
        LogOffset latest = shape.lastEntry();
        List<JsonObject> all = messages(before, LogOffset.BEFORE_ALL);
        assertEquals(expected(), apply(new TreeMap<>(), all));

        ShapeCompactor.Result r = compactor(0).compact(shape, END);
        assertNotNull(r);
        assertTrue(r.cut().compareTo(latest) < 0 && r.cut().tx() > 0, "cut " + r.cut());
        assertEquals("h2", shape.handle());
        assertEquals(latest, shape.lastEntry(), "the latest offset stays");
        assertTrue(r.bytesAfter() < r.bytesBefore() / 2, r.bytesBefore() + " -> " + r.bytesAfter());
        assertEquals(1, persisted.size());
        assertEquals(List.of("h1"), persisted.get(0).retiredHandles());
        assertEquals(1, retired.size(), "the old generation is handed over for deletion");

        Shape.View after = shape.view();
        List<JsonObject> fresh = messages(after, LogOffset.BEFORE_ALL);
        assertEquals(expected(), apply(new TreeMap<>(), fresh), "a client from -1 of the new generation");
        assertTrue(fresh.size() < all.size() / 3, all.size() + " -> " + fresh.size() + " messages");
        // every offset at or above the cut reads the same records from both generations
        List<JsonObject> oldTail = messages(before, r.cut());
        assertEquals(oldTail, messages(after, r.cut()));
        assertEquals(before.chunkEnd(r.cut()), after.chunkEnd(r.cut()));

        assertTrue(after.accepts("h1", r.cut()));
        assertTrue(after.accepts("h1", latest));
        assertFalse(after.accepts("h1", LogOffset.SNAPSHOT_END), "behind the cut: 409");
        assertTrue(after.accepts("h2", LogOffset.parse("0_0")));
        assertTrue(before.accepts("h1", LogOffset.SNAPSHOT_END), "a response that began before the swap stays consistent");
    }

    @Test
    void shouldAppendToNewGenerationAndSkipReplayedTransactionsAfterCompaction(@TempDir Path dir) {
        Shape shape = busyShape(dir);
        assertNotNull(compactor(0).compact(shape, END));
        List<IndexedChange> replay = List.of(new IndexedChange(0, new RowInserted(REL, row(9, "again"))));
        assertFalse(shape.offer(tx(1000, 99), replay), "a transaction at or below the latest offset is a replay");
        assertTrue(shape.offer(tx(2000, 100), List.of(new IndexedChange(0, new RowInserted(REL, row(11, "new"))))));
        Map<String, Map<String, String>> want = expected();
        want.put("\"public\".\"t\"/\"11\"", new TreeMap<>(Map.of("id", "11", "v", "new")));
        assertEquals(want, apply(new TreeMap<>(), messages(shape.view(), LogOffset.BEFORE_ALL)));
        assertEquals(new LogOffset(2000, 0), shape.lastEntry());
    }

    @Test
    void shouldCompactOnTickOnlyWhenLogHasDoubledAndIsLargeEnough(@TempDir Path dir) {
        Shape shape = busyShape(dir);
        compactor(1L << 30).tick(List.of(shape), System.nanoTime());
        assertEquals("h1", shape.handle(), "below the minimum size");
        ShapeCompactor c = compactor(0);
        c.tick(List.of(shape), System.nanoTime());
        assertEquals("h2", shape.handle());
        long compacted = shape.logBytes();
        c.tick(List.of(shape), System.nanoTime());
        assertEquals("h2", shape.handle(), "not doubled since the last compaction");
        assertEquals(compacted, shape.logBytes());
    }

    @Test
    void shouldLeaveShapeAloneWhenNoCutExists(@TempDir Path dir) {
        Shape shape = new Shape("h1", ShapeDefinition.resolve(T, null, Replica.DEFAULT, LogMode.FULL), FileShapeLog.open(dir, 1 << 20), 1 << 20);
        shape.completeSnapshot(new SnapshotXids(5, 5, Set.of()));
        shape.offer(tx(100, 10), List.of(new IndexedChange(0, new RowInserted(REL, row(1, "a")))));
        assertNull(compactor(0).compact(shape, END), "no chunk boundary in the transaction region");
        assertEquals("h1", shape.handle());
    }

    @Test
    void shouldCutOnlyBelowWhatWasTheHeadKeepRecentAgo(@TempDir Path dir) {
        Shape shape = busyShape(dir);
        ShapeCompactor c = new ShapeCompactor(0, 1000, s -> "h2", (s, g) -> persisted.add(g), retired::add);
        long t0 = 1_000_000_000_000L;
        c.tick(List.of(shape), t0);
        assertEquals("h1", shape.handle(), "no head sampled 1 s ago yet");
        LogOffset headAtT0 = shape.lastEntry();
        shape.offer(tx(5000, 500), List.of(new IndexedChange(0, new RowInserted(REL, row(20, "late")))));
        c.tick(List.of(shape), t0 + 500_000_000L);
        assertEquals("h1", shape.handle(), "the t0 sample is only 0.5 s old");
        c.tick(List.of(shape), t0 + 1_200_000_000L);
        assertEquals("h2", shape.handle());
        assertTrue(persisted.get(0).compactedTo().compareTo(headAtT0) <= 0, "cut " + persisted.get(0).compactedTo()
                + " is above the head of 1 s ago " + headAtT0);
    }
}
