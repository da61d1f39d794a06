package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shapesync.decoding.Lsn;
import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.RowInserted;
import io.shapesync.decoding.Transaction;
import io.shapesync.decoding.TupleData;
import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long transaction arrives in parts: appended as it comes, visible and marked last only at its commit. */
class ShapePartsTest {
    private static final TableInfo T = new TableInfo(7, new QualifiedName("public", "t"),
            List.of(new ColumnInfo("id", "int4", -1, true, 0, 0, false)), List.of("id"));
    private static final Relation REL = new Relation(7, "public", "t", 'f', List.of(new Relation.Column(true, "id", 23, -1)));

    private static IndexedChange insert(long n) {
        return new IndexedChange(n, new RowInserted(REL, Row.of(TupleData.of(new char[] {TupleData.TEXT}, Long.toString(n)))));
    }

    private static Shape liveShape(Path dir) {
        Shape shape = new Shape("h", ShapeDefinition.resolve(T, null, Replica.DEFAULT, LogMode.FULL),
                FileShapeLog.open(dir, 1 << 20), 1 << 20);
        shape.restore(new SnapshotXids(1, 1, Set.of()), shape.handle(), java.util.List.of(), null);
        return shape;
    }

    private static List<String> messages(Shape shape) {
        List<String> out = new ArrayList<>();
        shape.read(LogOffset.BEFORE_ALL, new LogOffset(Long.MAX_VALUE, Long.MAX_VALUE), (offset, payload) -> {
            byte[] b = new byte[payload.remaining()];
            payload.duplicate().get(b);
            String json = new String(b, StandardCharsets.UTF_8);
            out.add(offset + (json.contains("\"last\":true") ? " last" : ""));
        });
        return out;
    }

    private static Transaction commit(long lsn, int xid) {
        return new Transaction(xid, new Lsn(lsn), new Lsn(lsn + 10), 0, List.of());
    }

    @Test
    void shouldPublishPartsOnlyAtCommitAndMarkOnlyTheLastMessage(@TempDir Path dir) {
        Shape shape = liveShape(dir);
        shape.offerPart(42, 100, List.of(insert(0), insert(1)));
        shape.offerPart(42, 100, List.of(insert(2)));
        assertEquals(List.of(), messages(shape), "nothing visible before the commit");
        assertEquals(true, shape.offer(commit(100, 42), List.of(insert(3))));
        assertEquals(List.of("100_0", "100_2", "100_4", "100_6 last"), messages(shape));
    }

    @Test
    void shouldMarkLastPartMessageWhenCommitBringsNothingForTheShape(@TempDir Path dir) {
        Shape shape = liveShape(dir);
        shape.offerPart(42, 100, List.of(insert(0), insert(1)));
        assertEquals(true, shape.offer(commit(100, 42), List.of()));
        assertEquals(List.of("100_0", "100_2 last"), messages(shape));
    }

    @Test
    void shouldNotRepeatChangesWhenInterruptedTransactionIsSentAgain(@TempDir Path dir) {
        Shape shape = liveShape(dir);
        shape.offerPart(42, 100, List.of(insert(0), insert(1)));
        shape.offerPart(42, 100, List.of(insert(2), insert(3)));
        shape.discardOpenTransaction();  // the connection dropped; the transaction comes again from its start
        shape.offerPart(42, 100, List.of(insert(0), insert(1)));
        shape.offer(commit(100, 42), List.of(insert(2), insert(3), insert(4)));
        assertEquals(List.of("100_0", "100_2", "100_4", "100_6", "100_8 last"), messages(shape));
    }

    @Test
    void shouldStayReadableWhenInvalidatedUntilTheLogIsClosed(@TempDir Path dir) {
        Shape shape = liveShape(dir);
        shape.offer(commit(100, 42), List.of(insert(0)));
        shape.invalidate();  // a TRUNCATE, say, while a response is streaming the log
        assertEquals(List.of("100_0 last"), messages(shape));
        assertEquals(false, shape.offer(commit(200, 43), List.of(insert(0))), "no writes after invalidation");
        shape.closeLog();
    }
}
