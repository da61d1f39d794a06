package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Lsn;
import io.shapesync.storage.FileShapeLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on the flusher thread: forced, then acknowledged; batches merged while it is busy; failures isolated. */
class LogFlusherTest {
    private static final TableInfo T = new TableInfo(7, new QualifiedName("public", "t"),
            List.of(new ColumnInfo("id", "int4", -1, true, 0, 0, false)), List.of("id"));

    private static Shape shape(Path dir, String name) {
        Shape s = new Shape(name, ShapeDefinition.resolve(T, null, Replica.DEFAULT, LogMode.FULL),
                FileShapeLog.open(dir.resolve(name), 1 << 20), 1 << 20);
        s.completeSnapshot(new SnapshotXids(1, 1, Set.of()));
        return s;
    }

    @Test
    void shouldAcknowledgeMergedBatchOnceWhenFlushedLate(@TempDir Path dir) {
        List<Lsn> durable = new ArrayList<>();
        LogFlusher f = new LogFlusher(durable::add, (s, e) -> { throw new AssertionError(e); });
        Shape a = shape(dir, "a");
        Shape b = shape(dir, "b");
        f.submit(List.of(a, b), new Lsn(10));
        f.submit(List.of(b), new Lsn(20));
        assertEquals(List.of(), durable, "nothing is acknowledged before the logs are forced");
        f.flushNow();
        assertEquals(List.of(new Lsn(20)), durable);
        f.flushNow();
        assertEquals(List.of(new Lsn(20)), durable, "nothing pending, nothing acknowledged");
    }

    @Test
    void shouldAcknowledgeEverySubmittedEndWhenThreadRunsUntilStopped(@TempDir Path dir) throws Exception {
        List<Lsn> durable = Collections.synchronizedList(new ArrayList<>());
        LogFlusher f = new LogFlusher(durable::add, (s, e) -> { throw new AssertionError(e); });
        Shape a = shape(dir, "a");
        Thread t = new Thread(f);
        t.start();
        for (int i = 1; i <= 500; i++) f.submit(List.of(a), new Lsn(i));
        f.stop();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertEquals(new Lsn(500), durable.get(durable.size() - 1), "the last end is acknowledged at stop");
        for (int i = 1; i < durable.size(); i++) {
            assertTrue(durable.get(i).value() > durable.get(i - 1).value(), "acknowledgements only move forward");
        }
    }

    @Test
    void shouldReportShapeAndStillAcknowledgeWhenItsLogCannotBeForced(@TempDir Path dir) {
        List<Lsn> durable = new ArrayList<>();
        List<Shape> failed = new ArrayList<>();
        LogFlusher f = new LogFlusher(durable::add, (s, e) -> failed.add(s));
        Shape good = shape(dir, "good");
        Shape bad = shape(dir, "bad");
        bad.closeLog();
        f.submit(List.of(bad, good), new Lsn(7));
        f.flushNow();
        assertEquals(List.of(bad), failed);
        assertEquals(List.of(new Lsn(7)), durable);
    }

    @Test
    void shouldSyncTheFileSystemOnceWhenABatchWroteManyLogs(@TempDir Path dir) {
        List<Lsn> durable = new ArrayList<>();
        int[] syncs = {0};
        boolean[] answer = {true};
        int[] journalForces = {0};
        LogFlusher f = new LogFlusher(durable::add, (s, e) -> { throw new AssertionError(e); }, () -> {
            syncs[0]++;
            return answer[0];
        }, () -> journalForces[0]++);
        List<Shape> many = new ArrayList<>();
        for (int i = 0; i < LogFlusher.SYNC_ALL_FROM; i++) many.add(shape(dir, "s" + i));
        f.submit(many.subList(0, LogFlusher.SYNC_ALL_FROM - 1), new Lsn(5));
        f.flushNow();
        assertEquals(0, syncs[0], "a batch below the threshold forces log by log");
        f.submit(many, new Lsn(10));
        f.flushNow();
        assertEquals(1, syncs[0]);
        answer[0] = false;  // unavailable: every log is forced instead, and the batch is still acknowledged
        f.submit(many, new Lsn(20));
        f.flushNow();
        assertEquals(2, syncs[0]);
        assertEquals(List.of(new Lsn(5), new Lsn(10), new Lsn(20)), durable);
        assertEquals(3, journalForces[0], "the journal is forced before every acknowledgement");
    }

    @Test
    void shouldNotAcknowledgeWhenTheJournalCannotBeForced(@TempDir Path dir) {
        List<Lsn> durable = new ArrayList<>();
        boolean[] broken = {true};
        LogFlusher f = new LogFlusher(durable::add, (s, e) -> { throw new AssertionError(e); }, () -> false, () -> {
            if (broken[0]) throw new io.shapesync.storage.StorageException("disk gone", null);
        });
        f.submit(List.of(shape(dir, "a")), new Lsn(5));
        f.flushNow();
        assertEquals(List.of(), durable);
        broken[0] = false;
        f.submit(List.of(shape(dir, "b")), new Lsn(9));
        f.flushNow();
        assertEquals(List.of(new Lsn(9)), durable);
    }

    @Test
    void shouldSyncARealFileSystemAndGiveUpForGoodWhenSyncFails(@TempDir Path dir) {
        assertTrue(new io.shapesync.storage.FileSystemSync(dir).syncAll(), "sync --file-system on " + dir);
        io.shapesync.storage.FileSystemSync missing = new io.shapesync.storage.FileSystemSync(dir.resolve("no-such-dir"));
        assertFalse(missing.syncAll());
        java.nio.file.Path created = dir.resolve("no-such-dir");
        assertTrue(created.toFile().mkdir());
        assertFalse(missing.syncAll(), "disabled after the first failure");
    }
}
