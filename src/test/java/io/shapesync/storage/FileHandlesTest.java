package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.EVERYTHING;
import static io.shapesync.storage.LogFixtures.append;
import static io.shapesync.storage.LogFixtures.bytes;
import static io.shapesync.storage.LogFixtures.off;
import static io.shapesync.storage.LogFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shape logs sharing a pool of file handles much smaller than their number. */
class FileHandlesTest {

    private static final long BIG = 10L << 20;

    @TempDir
    Path dir;

    @Test
    void shouldKeepOpenDescriptorsBoundedWhenManyLogsAreWrittenAndRead() throws IOException {
        FileHandles pool = new FileHandles(8);
        long fdsBefore = openDescriptors();
        List<FileShapeLog> logs = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                logs.add(FileShapeLog.open(dir.resolve("s" + i), BIG, pool));
            }
            Random random = new Random(7);
            List<List<String>> expected = new ArrayList<>();
            logs.forEach(l -> expected.add(new ArrayList<>()));
            for (int tx = 1; tx <= 2000; tx++) {
                int i = random.nextInt(logs.size());
                String offset = tx + "_0";
                append(logs.get(i), offset, "row" + tx);
                logs.get(i).commit();
                expected.get(i).add(offset + "=row" + tx);
                if (tx % 50 == 0) {
                    logs.get(random.nextInt(logs.size())).force();
                }
            }
            long fdsWithLogs = openDescriptors();
            for (int i = 0; i < logs.size(); i++) {
                assertEquals(expected.get(i), readAll(logs.get(i)), "log " + i);
            }
            assertTrue(pool.openCount() <= pool.capacity(), "open " + pool.openCount());
            assertTrue(fdsWithLogs - fdsBefore <= pool.capacity() + 4,
                    "descriptors grew by " + (fdsWithLogs - fdsBefore) + " for 200 logs with a pool of 8");
            assertTrue(pool.opens() > 400, "the pool reopened evicted files: " + pool.opens());
        } finally {
            logs.forEach(FileShapeLog::close);
        }
        assertEquals(0, pool.openCount());
        for (int i = 0; i < 200; i++) {
            try (FileShapeLog reopened = FileShapeLog.open(dir.resolve("s" + i), BIG, pool)) {
                // every record survived the evictions, at the position it was written
                readAll(reopened).forEach(r -> assertTrue(r.matches("\\d+_0=row\\d+"), r));
            }
        }
    }

    @Test
    void shouldWriteAtTheLogEndWhenTheWriteHandleWasEvictedBetweenAppends() {
        FileHandles pool = new FileHandles(2);
        try (FileShapeLog a = FileShapeLog.open(dir.resolve("a"), BIG, pool);
                FileShapeLog b = FileShapeLog.open(dir.resolve("b"), BIG, pool)) {
            append(a, "1_0", "a1");
            append(b, "1_0", "b1");  // evicts a's handles
            append(a, "1_1", "a2");  // reopened at position 0 unless moved back to the end
            a.commit();
            b.commit();
            a.force();
            append(a, "2_0", "dropped");
            append(b, "2_0", "b2");
            a.discardUncommitted();
            append(a, "2_0", "a3");
            a.commit();
            b.commit();
            assertEquals(List.of("1_0=a1", "1_1=a2", "2_0=a3"), readAll(a));
            assertEquals(List.of("1_0=b1", "2_0=b2"), readAll(b));
        }
        try (FileShapeLog a = FileShapeLog.open(dir.resolve("a"), BIG, pool)) {
            assertEquals(List.of("1_0=a1", "1_1=a2", "2_0=a3"), readAll(a));
        }
    }

    @Test
    void shouldCloseAnEvictedChannelOnlyWhenItsUserReleasesIt() throws IOException {
        FileHandles pool = new FileHandles(2);
        Path f1 = Files.createFile(dir.resolve("f1"));
        Path f2 = Files.createFile(dir.resolve("f2"));
        Path f3 = Files.createFile(dir.resolve("f3"));
        FileHandles.Handle h1 = pool.readHandle(f1);
        FileHandles.Handle h2 = pool.readHandle(f2);
        FileHandles.Handle h3 = pool.readHandle(f3);
        FileChannel c1 = h1.acquire();
        h2.acquire();
        h2.release();
        h3.acquire();  // the clock clears both bits and evicts h1, which is in use
        h3.release();
        assertTrue(c1.isOpen(), "an evicted channel stays open while in use");
        h1.release();
        assertFalse(c1.isOpen(), "closed at its release");
        FileChannel again = h1.acquire();
        assertTrue(again.isOpen());
        h1.release();
        h1.close();
        h2.close();
        h3.close();
        assertEquals(0, pool.openCount());
        assertThrows(StorageException.class, h1::acquire);
    }

    @Test
    void shouldReadCorrectlyWhenReadersAndAWriterShareATinyPool() throws Exception {
        FileHandles pool = new FileHandles(3);
        int logCount = 12;
        List<FileShapeLog> logs = new ArrayList<>();
        for (int i = 0; i < logCount; i++) {
            logs.add(FileShapeLog.open(dir.resolve("c" + i), 256, pool));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int tx = 1; tx <= 3000; tx++) {
                    FileShapeLog log = logs.get(tx % logCount);
                    log.append(off(tx + "_0"), bytes("v" + tx));
                    log.commit();
                }
                writing.set(false);
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int seed = r;
                readers.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    int checked = 0;
                    while (writing.get() || checked < 200) {
                        FileShapeLog log = logs.get(random.nextInt(logCount));
                        long[] last = {0};
                        log.read(LogOffset.BEFORE_ALL, EVERYTHING, (offset, payload) -> {
                            String text = LogFixtures.text(payload);
                            if (!text.equals("v" + offset.tx()) || offset.tx() <= last[0]) {
                                throw new AssertionError("record " + offset + "=" + text + " after " + last[0]);
                            }
                            last[0] = offset.tx();
                        });
                        checked++;
                    }
                    return checked;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(60, TimeUnit.SECONDS) >= 200);
            }
            for (int i = 0; i < logCount; i++) {
                assertEquals(3000 / logCount, readAll(logs.get(i)).size(), "log " + i);
            }
        } finally {
            threads.shutdownNow();
            logs.forEach(FileShapeLog::close);
        }
    }

    @Test
    void shouldRewriteALogWhenThePoolIsFull() {
        FileHandles pool = new FileHandles(2);
        try (FileShapeLog other = FileShapeLog.open(dir.resolve("other"), 10, pool);
                FileShapeLog old = FileShapeLog.open(dir.resolve("log"), 10, pool)) {
            append(old, "0_0", "row");
            old.commit();
            old.closeChunk();
            for (int tx = 1; tx <= 20; tx++) {
                append(old, tx + "_0", "0123456789");
                old.commit();
                append(other, tx + "_0", "x");
                other.commit();
            }
            LogOffset cut = old.compactionPoint(off("10_0"));
            FileShapeLog neu;
            try (LogRewrite rewrite = old.beginRewrite(cut)) {
                rewrite.prefixRow(bytes("{\"row\":1}"));
                rewrite.endPrefix(bytes("{\"end\":true}"));
                append(other, "21_0", "x");  // evicts the rewrite's handles mid-way
                other.commit();
                rewrite.copyTail();
                neu = rewrite.install();
            }
            try (FileShapeLog n = neu) {
                List<String> above = new ArrayList<>();
                n.read(cut, EVERYTHING, (offset, payload) -> above.add(offset + "=" + LogFixtures.text(payload)));
                List<String> expected = new ArrayList<>();
                old.read(cut, EVERYTHING, (offset, payload) -> expected.add(offset + "=" + LogFixtures.text(payload)));
                assertEquals(expected, above);
                assertEquals(List.of("0_0={\"row\":1}"), LogFixtures.read(n, LogOffset.BEFORE_ALL, off("0_0")));
                append(n, "30_0", "after");
                n.commit();
                assertTrue(readAll(n).contains("30_0=after"));
            }
        }
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
