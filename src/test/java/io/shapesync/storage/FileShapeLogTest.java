package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.EVERYTHING;
import static io.shapesync.storage.LogFixtures.append;
import static io.shapesync.storage.LogFixtures.bytes;
import static io.shapesync.storage.LogFixtures.off;
import static io.shapesync.storage.LogFixtures.read;
import static io.shapesync.storage.LogFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileShapeLogTest {

    private static final long BIG = 10L << 20;

    @TempDir
    Path dir;

    @Test
    void shouldBeEmptyWhenOpenedFresh() {
        try (FileShapeLog log = FileShapeLog.open(dir.resolve("shape"), BIG)) {
            assertEquals(LogOffset.BEFORE_ALL, log.latestOffset());
            assertEquals(LogOffset.BEFORE_ALL, log.chunkEndAfter(LogOffset.BEFORE_ALL));
            assertEquals(List.of(), readAll(log));
            assertEquals(RecordCodec.FILE_HEADER_BYTES, log.sizeBytes());
        }
        assertTrue(Files.exists(dir.resolve("shape").resolve(FileShapeLog.SEGMENT_FILE)));
    }

    @Test
    void shouldReplayTransactionFromItsStartWhenUncommittedTailIsDiscarded() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            append(log, "0_0", "a");
            log.commit();
            long committedSize = log.sizeBytes();
            append(log, "10_0", "b");
            append(log, "10_2", "c");
            log.discardUncommitted();
            assertEquals(committedSize, log.sizeBytes());
            append(log, "10_0", "b2");  // the interrupted transaction again, from its first change
            log.commit();
            assertEquals(List.of("0_0=a", "10_0=b2"), readAll(log));
        }
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            assertEquals(List.of("0_0=a", "10_0=b2"), readAll(log));
            assertEquals(off("10_0"), log.latestOffset());
        }
    }

    @Test
    void shouldHideRecordsWhenNotCommitted() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            append(log, "0_0", "a");
            log.commit();
            append(log, "10_0", "b");
            append(log, "10_2", "c");
            assertEquals(off("0_0"), log.latestOffset());
            assertEquals(List.of("0_0=a"), readAll(log));
            long committedSize = log.sizeBytes();
            log.commit();
            assertEquals(off("10_2"), log.latestOffset());
            assertEquals(List.of("0_0=a", "10_0=b", "10_2=c"), readAll(log));
            assertTrue(log.sizeBytes() > committedSize);
        }
    }

    @Test
    void shouldReadHalfOpenRangeWhenGivenAfterAndUpTo() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            for (String o : List.of("0_0", "0_1", "5_0", "5_2", "5_4", "9_0")) {
                append(log, o, "p" + o);
            }
            log.commit();
            assertEquals(List.of("5_2=p5_2", "5_4=p5_4"), read(log, off("5_0"), off("5_4")));
            assertEquals(List.of("5_0=p5_0"), read(log, off("0_inf"), off("5_1")));
            assertEquals(List.of("0_0=p0_0"), read(log, LogOffset.BEFORE_ALL, off("0_0")));
            assertEquals(List.of("5_4=p5_4", "9_0=p9_0"), read(log, off("5_3"), off("100_0")));
            assertEquals(List.of("9_0=p9_0"), read(log, off("5_4"), off("100_0")));
            assertEquals(List.of(), read(log, off("5_2"), off("5_2")));
            assertEquals(List.of(), read(log, off("5_4"), off("5_2")));
            assertEquals(List.of(), read(log, off("9_0"), EVERYTHING));
            assertEquals(List.of("5_0=p5_0", "5_2=p5_2", "5_4=p5_4"),
                    read(log, off("0_1"), off("5_inf")));
        }
    }

    @Test
    void shouldKeepAllRecordsWhenOffsetsAreEqual() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            append(log, "0_0", "r1");
            append(log, "0_0", "r2");
            append(log, "0_0", "r3");
            log.closeChunk();
            append(log, "0_1", "r4");
            log.commit();
            assertEquals(List.of("0_0=r1", "0_0=r2", "0_0=r3", "0_1=r4"), readAll(log));
            assertEquals(List.of("0_1=r4"), read(log, off("0_0"), EVERYTHING));
        }
    }

    @Test
    void shouldRejectWhenOffsetDecreasesOrRepeatsAClosedBoundary() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            append(log, "7_4", "x");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> append(log, "7_2", "y"));
            assertTrue(e.getMessage().contains("7_2") && e.getMessage().contains("7_4"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> log.append(LogOffset.BEFORE_ALL, bytes("z")));
            log.closeChunk();
            assertThrows(IllegalArgumentException.class, () -> append(log, "7_4", "again"));
            log.commit();
            assertEquals(List.of("7_4=x"), readAll(log));
        }
    }

    @Test
    void shouldRejectCloseChunkWhenLogIsEmpty() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            assertThrows(IllegalStateException.class, log::closeChunk);
        }
    }

    @Test
    void shouldReturnSnapshotChunkEndsWhenChunksAreClosed() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            writeSnapshot(log, 3);
            assertEquals(off("0_0"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            assertEquals(off("0_1"), log.chunkEndAfter(off("0_0")));
            assertEquals(off("0_2"), log.chunkEndAfter(off("0_1")));
            assertEquals(off("0_2"), log.chunkEndAfter(off("0_2")), "open chunk: latest");
            assertEquals(off("0_2"), log.chunkEndAfter(LogOffset.SNAPSHOT_END));
            assertEquals(List.of("0_1=row1a", "0_1=row1b"), read(log, off("0_0"), off("0_1")));
        }
    }

    @Test
    void shouldCloseLogChunksWhenThresholdIsReached() {
        try (FileShapeLog log = FileShapeLog.open(dir, 10)) {
            writeSnapshot(log, 1);
            append(log, "100_0", "1234");
            append(log, "100_2", "123456");
            append(log, "100_4", "1");
            log.commit();
            append(log, "200_0", "1234567890");
            append(log, "300_0", "12");
            log.commit();
            assertEquals(off("100_2"), log.chunkEndAfter(off("0_0")));
            assertEquals(off("100_2"), log.chunkEndAfter(LogOffset.SNAPSHOT_END));
            assertEquals(off("100_2"), log.chunkEndAfter(off("100_0")));
            assertEquals(off("200_0"), log.chunkEndAfter(off("100_2")));
            assertEquals(off("200_0"), log.chunkEndAfter(off("100_4")));
            assertEquals(off("300_0"), log.chunkEndAfter(off("200_0")), "open chunk: latest");
            assertEquals(off("300_0"), log.chunkEndAfter(off("300_0")));
        }
    }

    @Test
    void shouldHideBoundaryWhenItsRecordsAreNotCommitted() {
        try (FileShapeLog log = FileShapeLog.open(dir, 4)) {
            append(log, "5_0", "abc");
            log.commit();
            append(log, "6_0", "defg");
            assertEquals(off("5_0"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            log.commit();
            assertEquals(off("6_0"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            append(log, "7_0", "h");
            log.closeChunk();
            append(log, "8_0", "i");
            assertEquals(off("6_0"), log.chunkEndAfter(off("6_0")));
            log.commit();
            assertEquals(off("7_0"), log.chunkEndAfter(off("6_0")));
        }
    }

    @Test
    void shouldPublishChunkEndAtOnceWhenClosedAfterCommit() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            append(log, "0_0", "row");
            log.commit();
            assertEquals(off("0_0"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            append(log, "0_1", "row");
            log.commit();
            assertEquals(off("0_1"), log.chunkEndAfter(LogOffset.BEFORE_ALL), "nothing closed");
            log.closeChunk();
            log.closeChunk();
            assertEquals(off("0_1"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            append(log, "0_2", "row");
            log.commit();
            assertEquals(off("0_1"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            assertEquals(off("0_2"), log.chunkEndAfter(off("0_1")));
        }
    }

    @Test
    void shouldKeepRecordsAndBoundariesWhenReopened() {
        List<String> records;
        List<LogOffset> ends;
        long size;
        try (FileShapeLog log = FileShapeLog.open(dir, 10)) {
            writeSnapshot(log, 2);
            append(log, "100_0", "12345678901");
            append(log, "100_2", "1");
            log.commit();
            append(log, "101_0", "1234567890");
            log.commit();
            log.force();
            records = readAll(log);
            ends = chunkEnds(log);
            size = log.sizeBytes();
        }
        try (FileShapeLog log = FileShapeLog.open(dir, 1_000_000)) {
            assertEquals(records, readAll(log));
            assertEquals(ends, chunkEnds(log), "boundaries must not move with a new threshold");
            assertEquals(List.of(off("0_0"), off("0_1"), off("100_0"), off("101_0"), off("101_0")),
                    ends);
            assertEquals(off("101_0"), log.latestOffset());
            assertEquals(size, log.sizeBytes());
            append(log, "102_0", "x");
            log.commit();
            assertEquals("102_0=x", readAll(log).get(records.size()));
        }
    }

    @Test
    void shouldDropUncommittedRecordsWhenReopened() {
        try (FileShapeLog log = FileShapeLog.open(dir, 4)) {
            append(log, "1_0", "a");
            log.commit();
            append(log, "2_0", "bbbbbb");
            append(log, "2_2", "c");
            log.closeChunk();
        }
        try (FileShapeLog log = FileShapeLog.open(dir, 4)) {
            assertEquals(off("1_0"), log.latestOffset());
            assertEquals(List.of("1_0=a"), readAll(log));
            assertEquals(off("1_0"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            append(log, "2_0", "bbbbbb");
            log.commit();
            assertEquals(off("2_0"), log.chunkEndAfter(off("1_0")));
        }
    }

    @Test
    void shouldSeekWithSparseIndexWhenLogIsLarge() {
        byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 'x');
        int count = 1000;
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            for (int i = 0; i < count; i++) {
                payload[0] = (byte) ('a' + i % 26);
                log.append(new LogOffset(10 + i / 3, i % 3), payload);
                if (i % 3 == 2) {
                    log.commit();
                }
            }
            log.commit();
            assertTrue(log.indexEntries() >= 14, "index entries: " + log.indexEntries());
            int entries = log.indexEntries();
            for (int i = 0; i < count - 4; i += 37) {
                LogOffset after = new LogOffset(10 + i / 3, i % 3);
                List<LogOffset> got = new ArrayList<>();
                log.read(after, new LogOffset(10 + i / 3 + 1, 1), (o, p) -> got.add(o));
                assertEquals(new LogOffset(10 + (i + 1) / 3, (i + 1) % 3), got.get(0),
                        "after " + after);
                assertEquals(new LogOffset(10 + i / 3 + 1, 1), got.get(got.size() - 1));
            }
            log.close();
            try (FileShapeLog reopened = FileShapeLog.open(dir, BIG)) {
                assertEquals(entries, reopened.indexEntries());
            }
        }
    }

    @Test
    void shouldStreamRecordsWhenPayloadIsLargerThanReadBuffer() {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            log.append(off("0_0"), big);
            append(log, "0_0", "small");
            log.append(off("0_1"), big);
            log.commit();
            List<Integer> sizes = new ArrayList<>();
            log.read(LogOffset.BEFORE_ALL, EVERYTHING, (o, p) -> {
                byte[] b = new byte[p.remaining()];
                p.get(b);
                sizes.add(b.length);
                if (b.length == big.length) {
                    assertTrue(Arrays.equals(big, b), "payload at " + o);
                }
            });
            assertEquals(List.of(big.length, 5, big.length), sizes);
        }
    }

    @Test
    void shouldWrapSinkFailureWhenSinkThrowsIOException() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            append(log, "1_0", "a");
            log.commit();
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> log.read(LogOffset.BEFORE_ALL, EVERYTHING, (o, p) -> {
                        throw new IOException("client gone");
                    }));
            assertEquals("client gone", e.getCause().getMessage());
        }
    }

    @Test
    void shouldKeepServingOtherReadsWhenAReaderIsInterrupted() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            append(log, "1_0", "a");
            log.commit();
            Thread.currentThread().interrupt();
            try {
                assertThrows(StorageException.class, () -> readAll(log));
            } finally {
                Thread.interrupted();
            }
            assertEquals(List.of("1_0=a"), readAll(log));
            append(log, "2_0", "b");
            log.commit();
            log.force();
            assertEquals(List.of("1_0=a", "2_0=b"), readAll(log));
        }
    }

    @Test
    void shouldRefuseToOpenWhenFileIsNotAShapeLog() throws IOException {
        Files.write(dir.resolve(FileShapeLog.SEGMENT_FILE), bytes("hello, world"));
        StorageException e = assertThrows(StorageException.class,
                () -> FileShapeLog.open(dir, BIG));
        assertTrue(e.getMessage().contains(FileShapeLog.SEGMENT_FILE), e.getMessage());
        assertEquals("hello, world", Files.readString(dir.resolve(FileShapeLog.SEGMENT_FILE)));
    }

    @Test
    void shouldRejectWritesWhenClosed() {
        FileShapeLog log = FileShapeLog.open(dir, BIG);
        log.close();
        assertThrows(IllegalStateException.class, () -> append(log, "1_0", "a"));
        assertThrows(IllegalStateException.class, log::commit);
    }

    @Test
    void shouldRemoveDirectoryWhenDeleted() {
        Path shape = dir.resolve("shapes").resolve("h1");
        try (FileShapeLog log = FileShapeLog.open(shape, BIG)) {
            append(log, "1_0", "a");
            log.commit();
        }
        FileShapeLog.delete(shape);
        assertFalse(Files.exists(shape));
        FileShapeLog.delete(shape);
        assertTrue(Files.exists(dir.resolve("shapes")));
    }

    /** Snapshot chunks 0_0 .. 0_{n-1}, two rows each, each chunk closed and committed. */
    private static void writeSnapshot(FileShapeLog log, int chunks) {
        for (int n = 0; n < chunks; n++) {
            append(log, "0_" + n, "row" + n + "a");
            append(log, "0_" + n, "row" + n + "b");
            log.closeChunk();
            log.commit();
        }
    }

    /** Walks chunkEndAfter from -1 until it stops advancing. */
    private static List<LogOffset> chunkEnds(FileShapeLog log) {
        List<LogOffset> ends = new ArrayList<>();
        LogOffset at = LogOffset.BEFORE_ALL;
        for (int i = 0; i < 1000; i++) {
            LogOffset next = log.chunkEndAfter(at);
            ends.add(next);
            if (next.compareTo(at) <= 0) {
                return ends;
            }
            at = next;
        }
        throw new AssertionError("chunk ends do not converge: " + ends);
    }

    @Test
    void shouldWriteBufferedAppendsInOrderWhenCommittedAndAfterReopen() {
        List<String> expected = new ArrayList<>();
        try (FileShapeLog log = FileShapeLog.open(dir, 200)) {
            log.bufferAppends(100);  // smaller than some records below: those are written directly
            for (int i = 0; i < 50; i++) {
                String payload = "row" + i + "x".repeat(i * 3);
                append(log, "0_" + i, payload);
                expected.add("0_" + i + "=" + payload);
            }
            assertEquals(List.of(), readAll(log), "nothing is visible before the commit");
            log.commit();
            assertEquals(expected, readAll(log));
            append(log, "5_0", "dropped");
            append(log, "5_1", "y".repeat(150));  // flushes the buffer: part of the tail is in the file
            log.discardUncommitted();
            append(log, "5_0", "kept");
            log.commit();
            log.stopBuffering();
            append(log, "6_0", "unbuffered");
            log.commit();
            expected.add("5_0=kept");
            expected.add("6_0=unbuffered");
            assertEquals(expected, readAll(log));
        }
        try (FileShapeLog log = FileShapeLog.open(dir, 200)) {
            assertEquals(expected, readAll(log));
        }
    }

    @Test
    void shouldPublishAClosedChunkWithItsBufferedRecords() {
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            log.bufferAppends(64 * 1024);
            append(log, "0_0", "a");
            append(log, "0_1", "b");
            log.closeChunk();
            log.commit();
            assertEquals(off("0_1"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
            assertEquals(List.of("0_0=a", "0_1=b"), readAll(log));
            log.stopBuffering();
        }
        try (FileShapeLog log = FileShapeLog.open(dir, BIG)) {
            assertEquals(List.of("0_0=a", "0_1=b"), readAll(log));
            assertEquals(off("0_1"), log.chunkEndAfter(LogOffset.BEFORE_ALL));
        }
    }
}
