package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.append;
import static io.shapesync.storage.LogFixtures.bytes;
import static io.shapesync.storage.LogFixtures.off;
import static io.shapesync.storage.LogFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final long CHUNK = 1 << 20;
    private static final long SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    private final Map<String, FileShapeLog> logs = new HashMap<>();
    private final List<String> damaged = new ArrayList<>();

    private FileShapeLog openLog(String id) {
        FileShapeLog log = FileShapeLog.open(dir.resolve("shapes").resolve(id), CHUNK);
        logs.put(id, log);
        return log;
    }

    private Journal openJournal() {
        return Journal.open(dir.resolve("journal"), SEGMENT, logs::get, damaged::add);
    }

    private static void tx(FileShapeLog log, long lsn, String... payloads) {
        for (int i = 0; i < payloads.length; i++) append(log, lsn + "_" + (2 * i), payloads[i]);
        log.commit();
    }

    private static long fileSize(FileShapeLog log) throws IOException {
        return Files.size(log.file());
    }

    @Test
    void shouldShowATransactionOnlyOnceTheJournalWroteItAndKeepTheFileUntouched() throws IOException {
        FileShapeLog log = openLog("a");
        try (Journal j = openJournal()) {
            log.attach(j);
            tx(log, 10, "x", "y");
            assertEquals(LogOffset.BEFORE_ALL, log.latestOffset(), "not written out yet");
            assertEquals(off("10_2"), log.lastCommitted());
            assertTrue(log.hasUncommitted(), "a staged commit blocks a compaction's install");
            j.writeOut();
            assertEquals(off("10_2"), log.latestOffset());
            assertFalse(log.hasUncommitted());
            assertEquals(List.of("10_0=x", "10_2=y"), readAll(log));
            assertEquals(RecordCodec.FILE_HEADER_BYTES, fileSize(log), "the records are in the journal only");
            assertFalse(log.needsForce(), "the journal is forced instead");
        } finally {
            log.close();
        }
    }

    @Test
    void shouldReadAcrossFileAndJournalAndCopyTheTailIntoTheFile() throws IOException {
        FileShapeLog log = openLog("a");
        try (Journal j = openJournal()) {
            tx(log, 5, "in-file");
            log.attach(j);
            tx(log, 10, "j1");
            tx(log, 11, "j2");
            j.writeOut();
            assertEquals(List.of("5_0=in-file", "10_0=j1", "11_0=j2"), readAll(log));
            long sizeBefore = fileSize(log);
            long copied = log.drainTail();
            assertTrue(copied > 0);
            assertEquals(sizeBefore + copied, fileSize(log));
            assertEquals(-1, log.tailJournalStart());
            assertEquals(List.of("5_0=in-file", "10_0=j1", "11_0=j2"), readAll(log));
            tx(log, 12, "j3");
            j.writeOut();
            assertEquals(List.of("5_0=in-file", "10_0=j1", "11_0=j2", "12_0=j3"), readAll(log));
        } finally {
            log.close();
        }
        // the drained file alone holds what was drained
        FileShapeLog reopened = FileShapeLog.open(dir.resolve("shapes").resolve("a"), CHUNK);
        try {
            assertEquals(List.of("5_0=in-file", "10_0=j1", "11_0=j2"), readAll(reopened));
        } finally {
            reopened.close();
        }
    }

    @Test
    void shouldReplayTheJournalIntoReopenedLogsAfterACrash() throws IOException {
        FileShapeLog a = openLog("a");
        FileShapeLog b = openLog("b");
        Journal j = openJournal();
        a.attach(j);
        b.attach(j);
        tx(a, 10, "a1");
        tx(b, 10, "b1");
        tx(a, 11, "a2", "a3");
        j.writeOut();
        a.drainTail();  // a's file has 10 and 11; the journal too
        tx(a, 12, "a4");
        tx(b, 12, "b2");
        j.writeOut();
        j.force();
        tx(b, 13, "lost");  // staged, never written out: gone, as Postgres sends it again
        // crash: nothing closed in order
        a.close();
        b.close();
        j.close();
        logs.clear();
        FileShapeLog a2 = openLog("a");
        FileShapeLog b2 = openLog("b");
        try (Journal j2 = openJournal()) {
            assertEquals(List.of(), damaged);
            assertEquals(List.of("10_0=a1", "11_0=a2", "11_2=a3", "12_0=a4"), readAll(a2));
            assertEquals(List.of("10_0=b1", "12_0=b2"), readAll(b2));
            assertEquals(off("12_0"), b2.latestOffset());
            tx(b2, 13, "again");  // writing goes on through the new journal
            j2.writeOut();
            assertEquals(List.of("10_0=b1", "12_0=b2", "13_0=again"), readAll(b2));
            b2.drainTail();
            assertEquals(List.of("10_0=b1", "12_0=b2", "13_0=again"), readAll(b2));
        } finally {
            a2.close();
            b2.close();
        }
    }

    @Test
    void shouldIgnoreATornFrameAtTheJournalsEnd() throws IOException {
        FileShapeLog a = openLog("a");
        Journal j = openJournal();
        a.attach(j);
        tx(a, 10, "kept");
        j.writeOut();
        tx(a, 11, "torn");
        j.writeOut();
        a.close();
        j.close();
        Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            segment = files.filter(p -> p.toString().endsWith(".jnl")).sorted().reduce((x, y) -> y).orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        logs.clear();
        FileShapeLog a2 = openLog("a");
        try (Journal j2 = openJournal()) {
            assertEquals(List.of("10_0=kept"), readAll(a2));
            assertEquals(List.of(), damaged);
        } finally {
            a2.close();
        }
    }

    @Test
    void shouldReportALogWhoseJournalRecordsLeaveAGap() throws IOException {
        // a frame that starts beyond the file's end (its predecessor is missing) is a gap
        FileShapeLog c = openLog("c");
        Journal jc = Journal.open(dir.resolve("journal-c"), SEGMENT, logs::get, damaged::add);
        c.attach(jc);
        tx(c, 10, "c1");
        jc.writeOut();
        tx(c, 11, "c2");
        jc.writeOut();
        c.close();
        jc.close();
        Path cseg;
        try (Stream<Path> files = Files.list(dir.resolve("journal-c"))) {
            cseg = files.sorted().findFirst().orElseThrow();
        }
        // drop the first frame from the segment: the second then starts past the (empty) file's end
        byte[] seg = Files.readAllBytes(cseg);
        int first = java.nio.ByteBuffer.wrap(seg, Journal.SEGMENT_HEADER_BYTES, 4).getInt() + 8;
        byte[] cut = new byte[seg.length - first];
        System.arraycopy(seg, 0, cut, 0, Journal.SEGMENT_HEADER_BYTES);
        System.arraycopy(seg, Journal.SEGMENT_HEADER_BYTES + first, cut, Journal.SEGMENT_HEADER_BYTES,
                seg.length - Journal.SEGMENT_HEADER_BYTES - first);
        Files.write(cseg, cut);
        logs.clear();
        FileShapeLog c2 = openLog("c");
        try (Journal j3 = Journal.open(dir.resolve("journal-c"), SEGMENT, logs::get, damaged::add)) {
            assertEquals(List.of("c"), damaged);
        } finally {
            c2.close();
        }
    }

    @Test
    void shouldWriteATransactionTooBigToStageStraightToTheFile() throws IOException {
        FileShapeLog log = openLog("a");
        try (Journal j = openJournal()) {
            log.attach(j);
            tx(log, 10, "small");
            String big = "b".repeat(64 * 1024);
            int n = FileShapeLog.STAGE_MAX_BYTES / big.length() + 2;
            for (int i = 0; i < n; i++) append(log, "11_" + (2 * i), big);
            log.commit();
            assertTrue(log.needsForce(), "the big transaction went to the file");
            assertEquals(-1, log.tailJournalStart(), "the tail was drained first");
            assertTrue(fileSize(log) > (long) n * big.length());
            log.force();
            assertFalse(log.needsForce());
            tx(log, 12, "after");
            j.writeOut();
            List<String> all = readAll(log);
            assertEquals(n + 2, all.size());
            assertEquals("10_0=small", all.get(0));
            assertEquals("12_0=after", all.get(all.size() - 1));
        } finally {
            log.close();
        }
    }

    @Test
    void shouldDropAnInterruptedTransactionStagedOrSpilled() throws IOException {
        FileShapeLog log = openLog("a");
        try (Journal j = openJournal()) {
            log.attach(j);
            tx(log, 10, "kept");
            append(log, "11_0", "cut short");
            log.discardUncommitted();
            String big = "b".repeat(64 * 1024);
            for (int i = 0; i < FileShapeLog.STAGE_MAX_BYTES / big.length() + 2; i++) append(log, "11_" + (2 * i), big);
            long spilledSize = fileSize(log);
            assertTrue(spilledSize > FileShapeLog.STAGE_MAX_BYTES);
            log.discardUncommitted();
            assertTrue(fileSize(log) < spilledSize, "the spilled records were cut from the file");
            tx(log, 11, "sent again");
            j.writeOut();
            assertEquals(List.of("10_0=kept", "11_0=sent again"), readAll(log));
        } finally {
            log.close();
        }
    }

    @Test
    void shouldRollSegmentsAndDeleteThemOnceTheirRecordsAreInTheFiles() throws IOException {
        FileShapeLog a = openLog("a");
        FileShapeLog b = openLog("b");
        try (Journal j = openJournal()) {
            a.attach(j);
            b.attach(j);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 400; i++) {
                String p = "row " + i + " " + "x".repeat(400);
                tx(a, i, p);
                tx(b, i, p);
                expected.add(i + "_0=" + p);
            }
            j.writeOut();
            long segments = segments();
            assertTrue(segments > 3, "rolled into " + segments + " segments");
            assertEquals(expected, readAll(a));
            a.drainTail();
            assertEquals(0, j.reclaimBelow(j.lowestNeeded()), "b still reads every segment");
            b.drainTail();
            int deleted = j.reclaimBelow(j.lowestNeeded());
            assertEquals(segments - 1, deleted, "all but the one being written");
            assertEquals(1, segments());
            assertEquals(expected, readAll(a));
            assertEquals(expected, readAll(b));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void shouldSkipFramesOfAGenerationReplacedByACompaction() throws IOException {
        Path shape = dir.resolve("shapes").resolve("a");
        FileShapeLog old = FileShapeLog.open(shape, 8);  // every transaction closes a chunk
        logs.put("a", old);
        Journal j = openJournal();
        old.attach(j);
        tx(old, 1, "row1");
        tx(old, 2, "row2");
        tx(old, 3, "row3");
        j.writeOut();
        LogOffset cut = old.compactionPoint(LogFixtures.EVERYTHING);
        assertEquals(off("2_0"), cut);
        FileShapeLog next;
        try (LogRewrite rewrite = old.beginRewrite(cut)) {
            rewrite.prefixRow(bytes("folded"));
            rewrite.endPrefix(bytes("end"));
            rewrite.copyTail();
            next = rewrite.install();
        }
        next.attach(j);
        tx(next, 4, "row4");
        j.writeOut();
        j.force();
        List<String> expected = readAll(next);
        assertEquals(List.of("0_0=folded", "0_0=end", "3_0=row3", "4_0=row4"), expected);
        old.close();
        next.close();
        j.close();
        logs.clear();
        FileShapeLog reopened = FileShapeLog.open(shape, 8);
        logs.put("a", reopened);
        try (Journal j2 = openJournal()) {
            assertEquals(List.of(), damaged, "the old generation's frames are skipped, not replayed onto the new one");
            assertEquals(expected, readAll(reopened));
        } finally {
            reopened.close();
        }
    }

    @Test
    void shouldKeepServingOtherReadersAfterAnInterruptedRead() throws Exception {
        FileShapeLog log = openLog("a");
        try (Journal j = openJournal()) {
            log.attach(j);
            tx(log, 10, "x");
            j.writeOut();
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    readAll(log);
                } catch (Throwable t) {
                    seen.set(t);
                }
            });
            interrupted.start();
            interrupted.join();
            assertTrue(seen.get() != null, "the interrupted read fails");
            assertEquals(List.of("10_0=x"), readAll(log), "the journal's readers reopen");
            tx(log, 11, "y");
            j.writeOut();
            assertEquals(List.of("10_0=x", "11_0=y"), readAll(log), "the writer is unaffected");
        } finally {
            log.close();
        }
    }

    @Test
    void shouldRefuseFurtherWritesWhenAWriteFailedAndCouldNotBeCutOff() throws Exception {
        FileShapeLog log = openLog("a");
        Journal j = openJournal();
        log.attach(j);
        tx(log, 10, "kept");
        j.writeOut();
        // the segment's channel goes away under the writer (as on an I/O error): the write and its undo both fail
        java.lang.reflect.Field current = Journal.class.getDeclaredField("current");
        current.setAccessible(true);
        Object segment = current.get(j);
        java.lang.reflect.Field channel = segment.getClass().getDeclaredField("channel");
        channel.setAccessible(true);
        ((FileChannel) channel.get(segment)).close();
        tx(log, 11, "lost");
        org.junit.jupiter.api.Assertions.assertThrows(StorageException.class, j::writeOut);
        org.junit.jupiter.api.Assertions.assertThrows(StorageException.class, j::writeOut, "no later write goes after it");
        org.junit.jupiter.api.Assertions.assertThrows(StorageException.class, j::force);
        assertEquals(List.of("10_0=kept"), readAll(log), "readers never saw the failed commit");
        log.close();
        j.close();
        logs.clear();
        FileShapeLog reopened = openLog("a");
        try (Journal j2 = openJournal()) {
            assertEquals(List.of("10_0=kept"), readAll(reopened));
        } finally {
            reopened.close();
        }
    }

    private long segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.filter(p -> p.toString().endsWith(".jnl")).count();
        }
    }

    @Test
    void shouldServeConsistentReadsWhileACheckpointCopiesAndReclaims() throws Exception {
        FileShapeLog log = openLog("a");
        try (Journal j = openJournal()) {
            log.attach(j);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread checkpointer = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        log.drainTail();
                        j.reclaimBelow(j.lowestNeeded());
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        List<String> all = readAll(log);
                        for (int i = 0; i < all.size(); i++) {
                            if (!all.get(i).startsWith((i + 1) + "_0=row " + (i + 1) + " ")) {
                                throw new AssertionError("record " + i + " is " + all.get(i));
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            checkpointer.start();
            reader.start();
            for (int i = 1; i <= 2000 && failure.get() == null; i++) {
                tx(log, i, "row " + i + " " + "y".repeat(100));
                if (i % 7 == 0) j.writeOut();
            }
            j.writeOut();
            Thread.sleep(200);
            stop.set(true);
            checkpointer.join();
            reader.join();
            if (failure.get() != null) throw new AssertionError(failure.get());
            assertEquals(2000, readAll(log).size());
        } finally {
            log.close();
        }
    }
}
