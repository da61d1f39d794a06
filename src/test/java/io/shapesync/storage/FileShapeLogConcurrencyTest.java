package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.EVERYTHING;
import static io.shapesync.storage.LogFixtures.bytes;
import static io.shapesync.storage.LogFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer appends and commits transactions while readers read in a tight loop. A reader must
 * never see a record past the published end: every transaction it sees is complete, and offsets
 * and payloads match.
 */
class FileShapeLogConcurrencyTest {

    private static final int TRANSACTIONS = 3000;

    @TempDir
    Path dir;

    @Test
    void shouldNeverSeePartialTransactionsWhenReadingWhileWriterCommits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (FileShapeLog log = FileShapeLog.open(dir, 300)) {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writerDone = new AtomicBoolean();
            Future<?> writer = pool.submit(() -> {
                start.await();
                for (int tx = 1; tx <= TRANSACTIONS; tx++) {
                    for (int op = 0; op < opsOf(tx); op++) {
                        log.append(new LogOffset(tx, op), bytes(payload(tx, op)));
                    }
                    log.commit();
                }
                writerDone.set(true);
                return null;
            });
            Future<Integer> fullReader = pool.submit(() -> readWholeTransactions(log, start,
                    writerDone));
            Future<Integer> chunkReader = pool.submit(() -> readChunks(log, start, writerDone));
            start.countDown();
            writer.get(60, TimeUnit.SECONDS);
            assertEquals(TRANSACTIONS, fullReader.get(60, TimeUnit.SECONDS));
            assertEquals(TRANSACTIONS, chunkReader.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads everything after the last seen offset; each read must end on a whole transaction. */
    private static int readWholeTransactions(FileShapeLog log, CountDownLatch start,
            AtomicBoolean writerDone) throws Exception {
        start.await();
        LogOffset after = LogOffset.BEFORE_ALL;
        int reads = 0;
        boolean last = false;
        while (!last) {
            last = writerDone.get();
            List<LogOffset> seen = readChecked(log, after, EVERYTHING);
            if (!seen.isEmpty()) {
                LogOffset end = seen.get(seen.size() - 1);
                assertEquals(opsOf(end.tx()) - 1, end.op(),
                        "read " + reads + " ended inside transaction " + end.tx());
                assertEquals(0, seen.get(0).op(), "read " + reads + " started inside a transaction");
                after = end;
            }
            reads++;
        }
        return (int) after.tx();
    }

    /** Follows chunkEndAfter like a client; chunk ends never pass the latest offset. */
    private static int readChunks(FileShapeLog log, CountDownLatch start,
            AtomicBoolean writerDone) throws Exception {
        start.await();
        LogOffset after = LogOffset.BEFORE_ALL;
        boolean last = false;
        while (!last || after.compareTo(log.latestOffset()) < 0) {
            last = writerDone.get();
            LogOffset chunkEnd = log.chunkEndAfter(after);
            LogOffset latest = log.latestOffset();
            if (chunkEnd.compareTo(latest) > 0) {
                throw new AssertionError("chunk end " + chunkEnd + " beyond latest " + latest);
            }
            readChecked(log, after, chunkEnd);
            if (chunkEnd.compareTo(after) > 0) {
                after = chunkEnd;
            }
        }
        return (int) after.tx();
    }

    private static List<LogOffset> readChecked(FileShapeLog log, LogOffset after, LogOffset upTo) {
        List<LogOffset> seen = new ArrayList<>();
        log.read(after, upTo, (offset, payload) -> {
            String expected = payload(offset.tx(), offset.op());
            String actual = text(payload);
            if (!expected.equals(actual)) {
                throw new AssertionError("payload at " + offset + ": " + actual);
            }
            LogOffset previous = seen.isEmpty() ? after : seen.get(seen.size() - 1);
            if (offset.compareTo(previous) <= 0 || offset.compareTo(upTo) > 0) {
                throw new AssertionError(offset + " out of order after " + previous);
            }
            seen.add(offset);
        });
        LogOffset latest = log.latestOffset();
        if (!seen.isEmpty() && seen.get(seen.size() - 1).compareTo(latest) > 0) {
            throw new AssertionError("saw " + seen.get(seen.size() - 1) + " beyond latest "
                    + latest);
        }
        return seen;
    }

    private static int opsOf(long tx) {
        return 1 + (int) (tx % 5);
    }

    private static String payload(long tx, long op) {
        return "{\"tx\":" + tx + ",\"op\":" + op + ",\"pad\":\"" + "p".repeat((int) (tx * 7 % 90))
                + "\"}";
    }
}
