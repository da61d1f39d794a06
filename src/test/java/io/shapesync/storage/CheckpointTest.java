package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.append;
import static io.shapesync.storage.LogFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final long CHUNK = 1 << 20;
    private static final long SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    private final Map<String, FileShapeLog> logs = new HashMap<>();

    private FileShapeLog openLog(String id) {
        FileShapeLog log = FileShapeLog.open(dir.resolve("shapes").resolve(id), CHUNK);
        logs.put(id, log);
        return log;
    }

    private static void tx(FileShapeLog log, long lsn, String payload) {
        append(log, lsn + "_0", payload);
        log.commit();
    }

    private static long fileSize(FileShapeLog log) throws IOException {
        return Files.size(log.file());
    }

    @Test
    void shouldStopBetweenLogsWhenAskedToGiveWayAndGoOnLater() throws IOException {
        List<FileShapeLog> all = List.of(openLog("a"), openLog("b"), openLog("c"));
        try (Journal j = Journal.open(dir.resolve("journal"), SEGMENT, logs::get, id -> { })) {
            List<String> expected = new ArrayList<>();
            for (FileShapeLog log : all) log.attach(j);
            for (int i = 1; i <= 300; i++) {
                String p = "row " + i + " " + "x".repeat(300);
                for (FileShapeLog log : all) tx(log, i, p);
                expected.add(i + "_0=" + p);
            }
            j.writeOut();
            long emptyFile = fileSize(all.get(0));
            long journalBytes = j.bytes();

            Checkpoint pass = new Checkpoint(j);
            AtomicInteger asked = new AtomicInteger();
            assertFalse(pass.copy(() -> asked.incrementAndGet() > 1), "gave way before the second log");
            assertEquals(1, pass.drained().size());
            assertEquals(1, pass.pauses());
            assertEquals(1, all.stream().filter(l -> sizeOf(l) > emptyFile).count(), "one file got its records");
            assertEquals(0, j.reclaimBelow(j.lowestNeeded()), "the other logs still read every segment");

            tx(all.get(0), 301, "after the pause");
            expected.add("301_0=after the pause");
            j.writeOut();
            assertTrue(pass.copy(() -> false), "the rest of the pass");
            assertEquals(3, pass.drained().size());
            assertEquals(1, pass.pauses());
            assertEquals(journalBytes, pass.journalBytesBefore());
            for (FileShapeLog log : all) assertTrue(sizeOf(log) > emptyFile);
            assertTrue(j.reclaimBelow(j.lowestNeeded()) > 0, "segments no log reads any more are deleted");
            assertEquals(expected, readAll(all.get(0)), "a log copied before a later transaction reads both");
            assertEquals(expected.subList(0, 300), readAll(all.get(1)));
            assertEquals(expected.subList(0, 300), readAll(all.get(2)));
            assertTrue(pass.copy(() -> true), "a finished pass has nothing left");
        } finally {
            for (FileShapeLog log : all) log.close();
        }
    }

    private static long sizeOf(FileShapeLog log) {
        try {
            return fileSize(log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
