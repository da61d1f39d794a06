package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.EVERYTHING;
import static io.shapesync.storage.LogFixtures.append;
import static io.shapesync.storage.LogFixtures.bytes;
import static io.shapesync.storage.LogFixtures.chunkEnds;
import static io.shapesync.storage.LogFixtures.compactionPoints;
import static io.shapesync.storage.LogFixtures.off;
import static io.shapesync.storage.LogFixtures.read;
import static io.shapesync.storage.LogFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction points and rewrites of a log into its next generation. */
class LogRewriteTest {

    private static final long THRESHOLD = 100;
    private static final String GEN0 = "00000000000000000000_00000000000000000000.log";
    private static final String GEN1 = "00000000000000000000_00000000000000000001.log";
    private static final String GEN2 = "00000000000000000000_00000000000000000002.log";
    private static final int PREFIX_ROWS = 7;
    private static final String SNAPSHOT_END_JSON = "{\"headers\":{\"control\":\"snapshot-end\"}}";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- compaction points

    @Test
    void shouldHaveNoCompactionPointWhenLogIsEmptyOrSnapshotOnly() {
        try (FileShapeLog log = FileShapeLog.open(dir, 10)) {
            assertNull(log.compactionPoint(EVERYTHING));
            writeSnapshot(log, 3);
            assertNull(log.compactionPoint(EVERYTHING));
            assertNull(log.compactionPoint(LogOffset.SNAPSHOT_END));
        }
    }

    @Test
    void shouldHaveNoCompactionPointWhenOnlyBoundaryIsLatest() {
        try (FileShapeLog log = FileShapeLog.open(dir, 10)) {
            writeSnapshot(log, 1);
            append(log, "5_0", "0123456789");
            log.commit();
            assertEquals(off("5_0"), log.chunkEndAfter(LogOffset.SNAPSHOT_END));
            assertNull(log.compactionPoint(EVERYTHING), "the boundary is the latest offset");
            append(log, "6_0", "x");
            log.commit();
            assertEquals(off("5_0"), log.compactionPoint(EVERYTHING));
        }
    }

    @Test
    void shouldCutAtAnyCommittedBoundaryBelowLatestWhenLookingForCompactionPoint() {
        try (FileShapeLog log = FileShapeLog.open(dir, 10)) {
            append(log, "5_0", "0123456789");  // boundary inside transaction 5
            append(log, "5_1", "ab");
            append(log, "5_2", "0123456789");  // boundary at its end, commit after the marker
            log.commit();
            append(log, "6_0", "x");
            log.commit();
            log.closeChunk();                   // commit right before the boundary
            append(log, "7_0", "y");
            log.closeChunk();
            append(log, "7_1", "z");            // same commit as 7_0
            log.commit();
            append(log, "8_0", "w");
            log.commit();
            assertEquals(List.of(off("5_0"), off("5_2"), off("6_0"), off("7_0"), off("8_0")),
                    chunkEnds(log, LogOffset.BEFORE_ALL).subList(0, 5));
            assertCompactionPoints(log);
        }
        try (FileShapeLog log = FileShapeLog.open(dir, 10)) {
            assertCompactionPoints(log);  // recovery rebuilds them
            append(log, "9_0", "0123456789");  // a boundary, not committed yet
            log.append(off("9_1"), "q".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(off("7_0"), log.compactionPoint(EVERYTHING), "9_0 is not committed yet");
            log.commit();
            assertEquals(off("9_0"), log.compactionPoint(EVERYTHING), "committed, and below the latest 9_1");
        }
    }

    private static void assertCompactionPoints(FileShapeLog log) {
        assertEquals(List.of(off("7_0"), off("6_0"), off("5_2"), off("5_0")), compactionPoints(log));
        assertEquals(off("7_0"), log.compactionPoint(EVERYTHING));
        assertEquals(off("7_0"), log.compactionPoint(off("7_0")));
        assertEquals(off("6_0"), log.compactionPoint(off("6_9")));
        assertEquals(off("5_2"), log.compactionPoint(off("5_9")));
        assertEquals(off("5_0"), log.compactionPoint(off("5_1")), "a boundary inside transaction 5");
        assertNull(log.compactionPoint(off("4_9")));
        assertNull(log.compactionPoint(LogOffset.BEFORE_ALL));
    }

    @Test
    void shouldRejectRewriteWhenCutIsNotACompactionPoint() {
        try (FileShapeLog log = FileShapeLog.open(dir, 10)) {
            append(log, "5_0", "0123456789");
            append(log, "5_1", "ab");
            log.commit();
            append(log, "6_0", "0123456789");
            log.commit();
            // 5_0 is one (a boundary inside transaction 5); 5_1 is no boundary, 6_0 the latest
            for (String cut : List.of("5_1", "6_0", "0_0", "7_0")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> log.beginRewrite(off(cut)));
                assertTrue(e.getMessage().contains(cut) && e.getMessage().contains(GEN0),
                        e.getMessage());
            }
            assertEquals(List.of(GEN0), files());
        }
    }

    // ---------------------------------------------------------------- rewrite

    @Test
    void shouldServeSameRecordsAboveCutWhenRewritten() {
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeSnapshot(old, 2);
            writeTransactions(old, 1, 40);
            LogOffset cut = old.compactionPoint(lsnOf(20, 0));
            assertNotNull(cut);
            assertTrue(cut.tx() > lsnOf(10, 0).tx(), "cut " + cut);
            assertTrue(hasMidTransactionBoundary(old, cut), "fixture needs mid-transaction chunks");
            List<String> oldRecords = readAll(old);
            List<String> prefix = new ArrayList<>();
            FileShapeLog neu;
            try (LogRewrite rewrite = old.beginRewrite(cut)) {
                assertEquals(List.of(GEN0, GEN1 + ".tmp"), files());
                prefix.addAll(writePrefix(rewrite, PREFIX_ROWS));
                rewrite.copyTail();
                neu = rewrite.install();
            }
            try (FileShapeLog n = neu) {
                assertEquals(List.of(GEN0, GEN1), files(), "abandon after install is a no-op");
                assertEquals(1, n.generation());
                assertEquals(dir.toAbsolutePath().resolve(GEN1), n.file());
                assertSameAboveCut(old, n, cut);
                List<String> expected = new ArrayList<>(prefix);
                expected.addAll(read(old, cut, EVERYTHING));
                assertEquals(expected, readAll(n), "prefix, then the tail above the cut");
                // prefix rows count 30 bytes + 1: four rows reach the threshold of 100
                assertEquals(prefix.subList(0, 4), read(n, LogOffset.BEFORE_ALL, off("0_0")));
                assertEquals(prefix.subList(4, PREFIX_ROWS + 1), read(n, off("0_0"), off("0_1")));
                assertEquals(off("0_0"), n.chunkEndAfter(LogOffset.BEFORE_ALL));
                assertEquals(off("0_1"), n.chunkEndAfter(off("0_0")));
                assertEquals(old.chunkEndAfter(cut), n.chunkEndAfter(off("0_1")));
                assertEquals(oldRecords, readAll(old), "the old generation is unchanged");
            }
        }
    }

    @Test
    void shouldWriteSnapshotEndAtFirstChunkWhenPrefixIsEmpty() {
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 10);
            LogOffset cut = old.compactionPoint(EVERYTHING);
            LogRewrite rewrite = old.beginRewrite(cut);
            rewrite.endPrefix(bytes("{\"end\":true}"));
            try (FileShapeLog n = rewrite.install()) {
                assertEquals("0_0={\"end\":true}", readAll(n).get(0));
                assertEquals(off("0_0"), n.chunkEndAfter(LogOffset.BEFORE_ALL));
                assertEquals(1 + read(old, cut, EVERYTHING).size(), readAll(n).size());
                assertSameAboveCut(old, n, cut);
            }
        }
    }

    @Test
    void shouldCopyWholeTailWhenItIsLargerThanTheCopyBuffer() throws IOException {
        byte[] big = new byte[1_500_000];  // larger than the 1 MiB copy buffer
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        try (FileShapeLog old = FileShapeLog.open(dir, 200_000)) {
            writeTransactions(old, 1, 5);
            old.append(lsnOf(6, 0), big);
            old.commit();
            old.closeChunk();
            byte[] medium = new byte[90_000];
            for (int t = 7; t <= 60; t++) {
                medium[0] = (byte) t;
                old.append(lsnOf(t, 0), medium);
                old.append(lsnOf(t, 1), bytes(payload(t, 1)));
                old.commit();
            }
            old.append(lsnOf(61, 0), big);
            old.commit();
            writeTransactions(old, 62, 63);
            assertTrue(old.sizeBytes() > 5 << 20, "tail of " + old.sizeBytes() + " bytes");
            LogOffset cut = old.compactionPoint(lsnOf(6, 0));
            assertEquals(lsnOf(6, 0), cut);
            LogRewrite rewrite = old.beginRewrite(cut);
            writePrefix(rewrite, 2);
            try (FileShapeLog n = rewrite.install()) {
                assertEquals(read(old, cut, EVERYTHING), read(n, cut, EVERYTHING));
                assertEquals(chunkEnds(old, cut), chunkEnds(n, cut));
                // the new file: header, 2 rows, snapshot end, 2 markers, then the old file's tail byte for byte
                long prefixBytes = RecordCodec.FILE_HEADER_BYTES + 2 * (RecordCodec.RECORD_HEADER_BYTES + 30)
                        + RecordCodec.RECORD_HEADER_BYTES + SNAPSHOT_END_JSON.length()
                        + 2 * RecordCodec.RECORD_HEADER_BYTES;
                assertEquals(List.of("0_0"), offsets(read(n, LogOffset.BEFORE_ALL, off("0_0"))).stream()
                        .map(LogOffset::toString).distinct().toList());
                byte[] oldBytes = Files.readAllBytes(old.file());
                byte[] newBytes = Files.readAllBytes(n.file());
                int tail = newBytes.length - (int) prefixBytes;
                assertTrue(tail > 5 << 20, "tail of " + tail + " bytes");
                assertArrayEquals(Arrays.copyOfRange(oldBytes, oldBytes.length - tail, oldBytes.length),
                        Arrays.copyOfRange(newBytes, (int) prefixBytes, newBytes.length));
            }
        }
    }

    @Test
    void shouldCopyRecordsCommittedDuringRewriteWhenInstalled() {
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 20);
            LogOffset cut = old.compactionPoint(EVERYTHING);
            LogRewrite rewrite = old.beginRewrite(cut);
            writeTransactions(old, 21, 25);  // before the prefix is even written
            writePrefix(rewrite, 3);
            rewrite.copyTail();
            writeTransactions(old, 26, 30);
            rewrite.copyTail();
            rewrite.copyTail();
            writeTransactions(old, 31, 32);
            appendTransaction(old, 33);
            IllegalStateException e = assertThrows(IllegalStateException.class, rewrite::install);
            assertTrue(e.getMessage().contains("uncommitted"), e.getMessage());
            rewrite.copyTail();  // copies only what is committed
            old.discardUncommitted();  // transaction 33 never happened
            appendTransaction(old, 34);
            assertThrows(IllegalStateException.class, rewrite::install);
            old.commit();
            try (FileShapeLog n = rewrite.install()) {
                assertEquals(lsnOf(34, opsOf(34) - 1), n.latestOffset());
                assertSameAboveCut(old, n, cut);
                List<LogOffset> expected = new ArrayList<>(expectedTransactions(cut, 32));
                expected.addAll(expectedTransactions(lsnOf(33, 99), 34));
                assertEquals(expected, offsets(read(n, cut, EVERYTHING)));
            }
        }
    }

    @Test
    void shouldAcceptAppendsWhenInstalledAndKeepStateWhenReopened() {
        FileShapeLog reference = FileShapeLog.open(dir.resolve("reference"), THRESHOLD);
        Path shape = dir.resolve("shape");
        FileShapeLog old = FileShapeLog.open(shape, THRESHOLD);
        writeSnapshot(reference, 1);
        writeSnapshot(old, 1);
        writeTransactions(reference, 1, 30);
        writeTransactions(old, 1, 30);
        LogOffset cut = old.compactionPoint(lsnOf(15, 0));
        LogRewrite rewrite = old.beginRewrite(cut);
        writePrefix(rewrite, 12);
        FileShapeLog n = rewrite.install();
        for (FileShapeLog log : List.of(reference, n)) {
            writeTransactions(log, 31, 45);
            log.closeChunk();
            writeTransactions(log, 46, 50);
            log.force();
        }
        assertSameAboveCut(reference, n, cut);
        List<LogOffset> pointsAboveCut = above(compactionPoints(reference), cut);
        assertTrue(pointsAboveCut.size() >= 5, "compaction points above the cut: " + pointsAboveCut);
        assertEquals(pointsAboveCut, above(compactionPoints(n), cut));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> append(old, lsnOf(99, 0).toString(), "lost"));
        assertTrue(e.getMessage().contains("replaced by generation 1"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> old.beginRewrite(cut));
        List<String> records = readAll(n);
        List<LogOffset> ends = chunkEnds(n, LogOffset.BEFORE_ALL);
        List<LogOffset> points = compactionPoints(n);
        long size = n.sizeBytes();
        old.close();  // its file is left behind, as after a crash before deleteFile
        n.close();
        assertTrue(Files.exists(shape.resolve(GEN0)));
        try (FileShapeLog reopened = FileShapeLog.open(shape, THRESHOLD)) {
            assertEquals(List.of(GEN1), files(shape), "the replaced generation is deleted");
            assertEquals(1, reopened.generation());
            assertEquals(records, readAll(reopened));
            assertEquals(ends, chunkEnds(reopened, LogOffset.BEFORE_ALL));
            assertEquals(points, compactionPoints(reopened));
            assertEquals(size, reopened.sizeBytes());
            assertSameAboveCut(reference, reopened, cut);
            writeTransactions(reopened, 51, 52);
            writeTransactions(reference, 51, 52);
            assertSameAboveCut(reference, reopened, cut);
        } finally {
            reference.close();
        }
    }

    @Test
    void shouldOpenOldGenerationWhenRewriteWasNotInstalled() throws IOException {
        List<String> records;
        LogRewrite rewrite;
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 20);
            rewrite = old.beginRewrite(old.compactionPoint(EVERYTHING));
            writePrefix(rewrite, 5);
            rewrite.copyTail();
            records = readAll(old);
        }
        // a crash: the unfinished file stays behind
        assertEquals(List.of(GEN0, GEN1 + ".tmp"), files());
        assertTrue(Files.size(dir.resolve(GEN1 + ".tmp")) > RecordCodec.FILE_HEADER_BYTES);
        try (FileShapeLog reopened = FileShapeLog.open(dir, THRESHOLD)) {
            assertEquals(List.of(GEN0), files());
            assertEquals(0, reopened.generation());
            assertEquals(records, readAll(reopened));
        } finally {
            rewrite.abandon();
        }
    }

    @Test
    void shouldCutTornTailWhenNewGenerationIsReopened() throws IOException {
        List<String> records;
        LogOffset latest;
        long committedEnd;
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 20);
            LogRewrite rewrite = old.beginRewrite(old.compactionPoint(EVERYTHING));
            writePrefix(rewrite, 5);
            try (FileShapeLog n = rewrite.install()) {
                writeTransactions(n, 21, 22);
                records = readAll(n);
                latest = n.latestOffset();
                writeTransactions(n, 23, 23);
                committedEnd = n.sizeBytes();
                append(n, lsnOf(24, 0).toString(), "never committed");
                n.force();
            }
        }
        try (FileChannel ch = FileChannel.open(dir.resolve(GEN1), StandardOpenOption.WRITE)) {
            // drops the uncommitted record and tears the commit marker of transaction 23
            ch.truncate(committedEnd - 3);
        }
        try (FileShapeLog reopened = FileShapeLog.open(dir, THRESHOLD)) {
            assertEquals(List.of(GEN1), files());
            assertEquals(latest, reopened.latestOffset());
            assertEquals(records, readAll(reopened));
            writeTransactions(reopened, 23, 23);
            assertEquals(lsnOf(23, opsOf(23) - 1), reopened.latestOffset());
        }
    }

    @Test
    void shouldOpenHighestGenerationWhenSeveralArePresent() throws IOException {
        List<String> records;
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 10);
            FileShapeLog gen1 = install(old, 2);
            writeTransactions(gen1, 11, 20);
            FileShapeLog gen2 = install(gen1, 3);
            writeTransactions(gen2, 21, 22);
            records = readAll(gen2);
            assertEquals(2, gen2.generation());
            gen1.close();
            gen2.close();
        }
        Files.writeString(dir.resolve("shape.json"), "{}");
        Files.writeString(dir.resolve("shape.json.tmp"), "{");
        assertEquals(List.of(GEN0, GEN1, GEN2, "shape.json", "shape.json.tmp"), files());
        try (FileShapeLog reopened = FileShapeLog.open(dir, THRESHOLD)) {
            assertEquals(2, reopened.generation());
            assertEquals(records, readAll(reopened));
            assertEquals(List.of(GEN2, "shape.json", "shape.json.tmp"), files(),
                    "only log generations are deleted");
        }
    }

    @Test
    void shouldDeleteOnlyClosedGenerationWhenDeleteFileIsCalled() {
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 10);
            try (FileShapeLog n = install(old, 2)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        old::deleteFile);
                assertTrue(e.getMessage().contains(GEN0), e.getMessage());
                assertEquals(expectedTransactions(LogOffset.BEFORE_ALL, 10), offsets(readAll(old)),
                        "still readable until closed");
                old.close();
                old.deleteFile();
                old.deleteFile();
                assertEquals(List.of(GEN1), files());
                writeTransactions(n, 11, 11);
                assertEquals(lsnOf(11, opsOf(11) - 1), n.latestOffset());
            }
        }
    }

    @Test
    void shouldDeleteUnfinishedFileWhenAbandoned() {
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 10);
            LogOffset cut = old.compactionPoint(EVERYTHING);
            LogRewrite rewrite = old.beginRewrite(cut);
            StorageException busy = assertThrows(StorageException.class,
                    () -> old.beginRewrite(cut));
            assertTrue(busy.getMessage().contains(GEN1 + ".tmp"), busy.getMessage());
            writePrefix(rewrite, 3);
            rewrite.copyTail();
            rewrite.abandon();
            assertEquals(List.of(GEN0), files());
            rewrite.abandon();
            rewrite.close();
            assertThrows(IllegalStateException.class, rewrite::copyTail);
            assertThrows(IllegalStateException.class, rewrite::install);
            writeTransactions(old, 11, 12);  // the old log carries on
            try (LogRewrite again = old.beginRewrite(old.compactionPoint(EVERYTHING))) {
                again.endPrefix(bytes("{}"));
                again.copyTail();
            }
            assertEquals(List.of(GEN0), files());
        }
    }

    @Test
    void shouldRejectStepsWhenCalledOutOfOrder() {
        try (FileShapeLog old = FileShapeLog.open(dir, THRESHOLD)) {
            writeTransactions(old, 1, 10);
            try (LogRewrite rewrite = old.beginRewrite(old.compactionPoint(EVERYTHING))) {
                assertThrows(IllegalStateException.class, rewrite::copyTail);
                assertThrows(IllegalStateException.class, rewrite::install);
                rewrite.endPrefix(bytes("{}"));
                assertThrows(IllegalStateException.class, () -> rewrite.prefixRow(bytes("{}")));
                assertThrows(IllegalStateException.class, () -> rewrite.endPrefix(bytes("{}")));
                rewrite.install().close();
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        rewrite::install);
                assertTrue(e.getMessage().contains("installed"), e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The new log answers exactly like the old one for every offset at or above the cut. */
    static void assertSameAboveCut(FileShapeLog expected, FileShapeLog actual, LogOffset cut) {
        assertEquals(expected.latestOffset(), actual.latestOffset(), "latest offset");
        assertEquals(chunkEnds(expected, cut), chunkEnds(actual, cut), "chunk ends from " + cut);
        List<LogOffset> probes = new ArrayList<>();
        probes.add(cut);
        for (LogOffset o : offsets(read(expected, cut, EVERYTHING))) {
            probes.add(o);
            probes.add(new LogOffset(o.tx(), o.op() + 1));
        }
        probes.add(EVERYTHING);
        for (LogOffset p : probes) {
            LogOffset end = expected.chunkEndAfter(p);
            assertEquals(end, actual.chunkEndAfter(p), "chunk end after " + p);
            assertEquals(read(expected, p, end), read(actual, p, end), "chunk after " + p);
            assertEquals(read(expected, p, EVERYTHING), read(actual, p, EVERYTHING),
                    "records after " + p);
        }
    }

    /** Prefix rows of 30 bytes (four per chunk), then a snapshot end; returns them as "offset=payload". */
    static List<String> writePrefix(LogRewrite rewrite, int rows) {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String row = String.format("{\"key\":\"k%02d\",\"value\":\"v%05d\"}", i, i);
            rewrite.prefixRow(bytes(row));
            written.add("0_" + (i / 4) + "=" + row);
        }
        rewrite.endPrefix(bytes(SNAPSHOT_END_JSON));
        written.add("0_" + (rows / 4) + "=" + SNAPSHOT_END_JSON);
        return written;
    }

    /** Installs a rewrite of {@code log} at its highest compaction point. */
    static FileShapeLog install(FileShapeLog log, int prefixRows) {
        LogRewrite rewrite = log.beginRewrite(log.compactionPoint(EVERYTHING));
        writePrefix(rewrite, prefixRows);
        return rewrite.install();
    }

    /** Commits transactions {@code from..to}: see {@link #lsnOf} and {@link #payload}. */
    static void writeTransactions(FileShapeLog log, int from, int to) {
        for (int t = from; t <= to; t++) {
            appendTransaction(log, t);
            log.commit();
        }
    }

    /** Appends the records of transaction {@code t} without committing them. */
    static void appendTransaction(FileShapeLog log, int t) {
        for (int op = 0; op < opsOf(t); op++) {
            log.append(lsnOf(t, op), bytes(payload(t, op)));
        }
    }

    static LogOffset lsnOf(long t, long op) {
        return new LogOffset(1000 + 10 * t, 2 * op);
    }

    static int opsOf(long t) {
        return 1 + (int) (t % 4);
    }

    static String payload(long t, long op) {
        return "{\"tx\":" + t + ",\"op\":" + op + ",\"pad\":\""
                + "x".repeat((int) ((t * 13 + op * 7) % 50)) + "\"}";
    }

    /** Offsets of the transactions above {@code cut} up to transaction {@code last}, in order. */
    static List<LogOffset> expectedTransactions(LogOffset cut, int last) {
        List<LogOffset> expected = new ArrayList<>();
        for (int t = 1; t <= last; t++) {
            for (int op = 0; op < opsOf(t); op++) {
                if (lsnOf(t, op).compareTo(cut) > 0) {
                    expected.add(lsnOf(t, op));
                }
            }
        }
        return expected;
    }

    static List<LogOffset> above(List<LogOffset> offsets, LogOffset cut) {
        return offsets.stream().filter(o -> o.compareTo(cut) > 0).toList();
    }

    static List<LogOffset> offsets(List<String> records) {
        return records.stream().map(r -> off(r.substring(0, r.indexOf('=')))).toList();
    }

    /** Whether a chunk above the cut ends inside a transaction (an op that is not its last). */
    private static boolean hasMidTransactionBoundary(FileShapeLog log, LogOffset cut) {
        for (LogOffset end : chunkEnds(log, cut)) {
            long t = (end.tx() - 1000) / 10;
            if (end.op() / 2 < opsOf(t) - 1) {
                return true;
            }
        }
        return false;
    }

    /** Snapshot chunks 0_0 .. 0_{n-1}, each closed and committed. */
    private static void writeSnapshot(FileShapeLog log, int chunks) {
        for (int n = 0; n < chunks; n++) {
            append(log, "0_" + n, "{\"row\":" + n + "}");
            log.closeChunk();
            log.commit();
        }
    }

    private List<String> files() {
        return files(dir);
    }

    private static List<String> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("Cannot list " + dir, e);
        }
    }
}
