package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.append;
import static io.shapesync.storage.LogFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages a log file at seeded random positions and checks that reopening keeps exactly the
 * committed prefix before the damage. Rerun a failure with {@code -Dstorage.test.seed=<seed>}.
 */
class FileShapeLogRecoveryTest {

    private static final long THRESHOLD = 40;
    private static final int ITERATIONS = 150;

    /** State as of one publication: what a reopened log cut at or after {@code size} shows. */
    private record Checkpoint(long size, List<String> records, List<LogOffset> chunkEnds,
            LogOffset latest, List<LogOffset> compactionPoints) {
    }

    @TempDir
    Path tmp;

    private Path pristine;
    private List<Checkpoint> checkpoints;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger recoveryLogger = Logger.getLogger(LogRecovery.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureRecoveryLog() {
        recoveryLogger.addHandler(capture);
        recoveryLogger.setUseParentHandlers(false);
    }

    @AfterEach
    void restoreRecoveryLog() {
        recoveryLogger.removeHandler(capture);
        recoveryLogger.setUseParentHandlers(true);
    }

    @BeforeEach
    void writePristineLog() {
        pristine = tmp.resolve("pristine");
        checkpoints = new ArrayList<>();
        Random content = new Random(7);
        try (FileShapeLog log = FileShapeLog.open(pristine, THRESHOLD)) {
            checkpoint(log);
            for (int chunk = 0; chunk < 3; chunk++) {
                for (int row = 0; row < 3; row++) {
                    append(log, "0_" + chunk, "{\"snap\":" + chunk + row + "}");
                }
                log.commit();
                checkpoint(log);
                log.closeChunk();
                checkpoint(log);
            }
            for (int tx = 1; tx <= 60; tx++) {
                int ops = 1 + content.nextInt(4);
                for (int op = 0; op < ops; op++) {
                    append(log, (1000 + tx * 10) + "_" + (op * 2),
                            "{\"tx\":" + tx + ",\"pad\":\"" + "x".repeat(content.nextInt(30)) + "\"}");
                }
                log.commit();
                checkpoint(log);
            }
            append(log, "9999_0", "uncommitted");
            log.force();
        }
    }

    @Test
    void shouldKeepIntactPrefixWhenTailIsTruncatedAtRandomPositions() throws IOException {
        assertTrue(checkpoints.get(checkpoints.size() - 1).compactionPoints().size() > 5,
                "the fixture has compaction points to rebuild");
        long seed = Long.getLong("storage.test.seed", System.nanoTime());
        Random random = new Random(seed);
        long size = Files.size(segment(pristine));
        for (int i = 0; i < ITERATIONS; i++) {
            long cut = RecordCodec.FILE_HEADER_BYTES
                    + (long) (random.nextDouble() * (size - RecordCodec.FILE_HEADER_BYTES + 1));
            Path dir = copyOfPristine("cut" + i);
            try (FileChannel ch = FileChannel.open(segment(dir), StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            assertRecovered(dir, cut, "seed=" + seed + " iteration=" + i + " truncated at " + cut);
        }
    }

    @Test
    void shouldKeepIntactPrefixWhenBytesAreFlippedAtRandomPositions() throws IOException {
        long seed = Long.getLong("storage.test.seed", System.nanoTime());
        Random random = new Random(seed);
        long size = Files.size(segment(pristine));
        for (int i = 0; i < ITERATIONS; i++) {
            long pos = RecordCodec.FILE_HEADER_BYTES
                    + (long) (random.nextDouble() * (size - RecordCodec.FILE_HEADER_BYTES));
            Path dir = copyOfPristine("flip" + i);
            flip(segment(dir), pos, 1 + random.nextInt(255));
            assertRecovered(dir, pos, "seed=" + seed + " iteration=" + i + " flipped at " + pos);
        }
    }

    @Test
    void shouldCutFromDamagedTransactionWhenCrcFailsInTheMiddle() throws IOException {
        Checkpoint before = checkpoints.get(30);
        long damaged = before.size() + RecordCodec.RECORD_HEADER_BYTES + 3;
        Path dir = copyOfPristine("middle");
        long size = Files.size(segment(dir));
        flip(segment(dir), damaged, 0x01);
        logged.clear();
        assertRecovered(dir, damaged, "CRC flip at " + damaged);
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertEquals(size - before.size(), logged.get(0).getParameters()[0],
                "bytes cut, logged as first parameter");
        assertTrue(String.valueOf(logged.get(0).getParameters()[5]).contains("CRC mismatch"),
                String.valueOf(logged.get(0).getParameters()[5]));
    }

    @Test
    void shouldCutZeroFilledTailWhenFileWasExtendedWithoutData() throws IOException {
        Path dir = copyOfPristine("zeros");
        long size = Files.size(segment(dir));
        try (FileChannel ch = FileChannel.open(segment(dir), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4096), size);
        }
        assertRecovered(dir, size + 4096, "zero-filled tail");
    }

    @Test
    void shouldStartEmptyWhenFileHeaderIsPartial() throws IOException {
        Path dir = tmp.resolve("partial-header");
        Files.createDirectories(dir);
        Files.write(segment(dir), new byte[] {0x53, 0x53, 0x4C});
        assertRecovered(dir, 3, "partial header");
    }

    private void assertRecovered(Path dir, long damageAt, String context) {
        Checkpoint expected = checkpoints.get(0);
        for (Checkpoint c : checkpoints) {
            if (c.size() <= damageAt) {
                expected = c;
            }
        }
        try (FileShapeLog log = FileShapeLog.open(dir, THRESHOLD)) {
            assertEquals(expected.latest(), log.latestOffset(), context);
            assertEquals(expected.records().size(), readAll(log).size(), context);
            assertEquals(expected.records(), readAll(log), context);
            assertEquals(expected.size(), log.sizeBytes(), context);
            assertEquals(expected.chunkEnds(), chunkEnds(log), context);
            assertEquals(expected.compactionPoints(), LogFixtures.compactionPoints(log), context);
            append(log, "50000_0", "after-recovery");
            log.commit();
        }
        try (FileShapeLog log = FileShapeLog.open(dir, THRESHOLD)) {
            List<String> records = new ArrayList<>(expected.records());
            records.add("50000_0=after-recovery");
            assertEquals(records, readAll(log), context + " (appended after recovery)");
        }
    }

    private void checkpoint(FileShapeLog log) {
        checkpoints.add(new Checkpoint(log.sizeBytes(), readAll(log), chunkEnds(log),
                log.latestOffset(), LogFixtures.compactionPoints(log)));
    }

    private static List<LogOffset> chunkEnds(FileShapeLog log) {
        List<LogOffset> ends = new ArrayList<>();
        LogOffset at = LogOffset.BEFORE_ALL;
        while (true) {
            LogOffset next = log.chunkEndAfter(at);
            ends.add(next);
            if (next.compareTo(at) <= 0) {
                return ends;
            }
            at = next;
        }
    }

    private Path copyOfPristine(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.copy(segment(pristine), segment(dir));
        return dir;
    }

    private static Path segment(Path dir) {
        return dir.resolve(FileShapeLog.SEGMENT_FILE);
    }

    private static void flip(Path file, long pos, int mask) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ mask)).rewind();
            ch.write(b, pos);
        }
    }
}
