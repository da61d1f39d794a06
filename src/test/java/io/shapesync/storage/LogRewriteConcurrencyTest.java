package io.shapesync.storage;

import static io.shapesync.storage.LogFixtures.EVERYTHING;
import static io.shapesync.storage.LogFixtures.bytes;
import static io.shapesync.storage.LogFixtures.read;
import static io.shapesync.storage.LogFixtures.readAll;
import static io.shapesync.storage.LogFixtures.text;
import static io.shapesync.storage.LogRewriteTest.appendTransaction;
import static io.shapesync.storage.LogRewriteTest.expectedTransactions;
import static io.shapesync.storage.LogRewriteTest.lsnOf;
import static io.shapesync.storage.LogRewriteTest.offsets;
import static io.shapesync.storage.LogRewriteTest.opsOf;
import static io.shapesync.storage.LogRewriteTest.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer commits transactions to a log without pause while another thread rewrites it (prefix, repeated tail
 * copies) and installs the new generation under the lock the writer takes around each transaction; the writer
 * then carries on in the new generation. Every committed transaction above the cut must be in the new generation
 * exactly once, in order, with its payloads.
 */
class LogRewriteConcurrencyTest {

    private static final int TRANSACTIONS = 3000;
    private static final int WARMED_UP = 200;
    private static final int PROGRESSED = 1200;
    private static final int WAIT_FOR_INSTALL = 2000;
    private static final int PREFIX_ROWS = 500;

    @TempDir
    Path dir;

    @Test
    void shouldCopyEveryCommittedTransactionOnceWhenWriterAppendsDuringRewrite() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Object writeLock = new Object();
        FileShapeLog old = FileShapeLog.open(dir, 100);
        AtomicReference<FileShapeLog> current = new AtomicReference<>(old);
        Signals signals = new Signals();
        try {
            Future<?> writer = pool.submit(() -> {
                for (int t = 1; t <= TRANSACTIONS; t++) {
                    synchronized (writeLock) {
                        FileShapeLog log = current.get();
                        if (t % 97 == 0) {  // a transaction cut short, replayed from its start
                            appendTransaction(log, t);
                            log.discardUncommitted();
                        }
                        appendTransaction(log, t);
                        log.commit();
                    }
                    if (t == WARMED_UP) {
                        signals.warmedUp().countDown();
                        await(signals.begun(), "the rewrite to begin");
                    } else if (t == PROGRESSED) {
                        signals.progressed().countDown();
                    } else if (t == WAIT_FOR_INSTALL) {
                        await(signals.installed(), "the install");
                    }
                }
                return null;
            });
            Future<Rewritten> rewriter = pool.submit(() -> rewrite(old, writeLock, current, signals));
            Rewritten r = rewriter.get(60, TimeUnit.SECONDS);
            writer.get(60, TimeUnit.SECONDS);
            FileShapeLog installedLog = current.get();
            assertEquals(1, installedLog.generation());
            assertTrue(r.copies() > 1, "tail copies: " + r.copies());
            assertEquals(lsnOf(WARMED_UP, opsOf(WARMED_UP) - 1), r.latestAtBegin());
            assertTrue(r.latestAtInstall().tx() >= lsnOf(PROGRESSED, 0).tx(),
                    "the writer committed during the rewrite: " + r.latestAtInstall());
            assertEquals(old.latestOffset(), r.latestAtInstall(), "nothing reached the old log after install");
            assertComplete(installedLog, r.cut());
            List<String> oldTail = read(old, r.cut(), EVERYTHING);
            assertEquals(oldTail, read(installedLog, r.cut(), old.latestOffset()),
                    "the old generation's tail, byte for byte");
            List<String> all = readAll(installedLog);
            installedLog.close();
            old.close();
            old.deleteFile();
            try (FileShapeLog reopened = FileShapeLog.open(dir, 100)) {
                assertEquals(all, readAll(reopened));
                assertComplete(reopened, r.cut());
            }
        } finally {
            pool.shutdownNow();
            current.get().close();
            old.close();
        }
    }

    /** The writer's and the rewriter's meeting points. */
    private record Signals(CountDownLatch warmedUp, CountDownLatch begun, CountDownLatch progressed,
            CountDownLatch installed) {
        Signals() {
            this(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1));
        }
    }

    private record Rewritten(LogOffset cut, LogOffset latestAtBegin, LogOffset latestAtInstall, int copies) {
    }

    /** Rewrites {@code old} while the writer goes on; copies the tail until the writer has progressed, installs. */
    private static Rewritten rewrite(FileShapeLog old, Object writeLock, AtomicReference<FileShapeLog> current,
            Signals signals) throws Exception {
        await(signals.warmedUp(), "the writer to warm up");
        LogOffset cut = old.compactionPoint(EVERYTHING);
        assertNotNull(cut, "no compaction point after " + WARMED_UP + " transactions");
        LogOffset latestAtBegin = old.latestOffset();
        try (LogRewrite rewrite = old.beginRewrite(cut)) {
            signals.begun().countDown();
            for (int i = 0; i < PREFIX_ROWS; i++) {
                rewrite.prefixRow(bytes("{\"key\":\"k" + i + "\"}"));
            }
            rewrite.endPrefix(bytes("{\"end\":true}"));
            int copies = 0;
            do {
                rewrite.copyTail();
                copies++;
            } while (!signals.progressed().await(1, TimeUnit.MILLISECONDS));
            rewrite.copyTail();
            copies++;
            synchronized (writeLock) {
                LogOffset latestAtInstall = old.latestOffset();
                current.set(rewrite.install());
                signals.installed().countDown();
                return new Rewritten(cut, latestAtBegin, latestAtInstall, copies);
            }
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(60, TimeUnit.SECONDS), "timed out waiting for " + what);
    }

    /** Every transaction above the cut exactly once, in order, with its payloads; the prefix before it. */
    private static void assertComplete(FileShapeLog log, LogOffset cut) {
        List<String> records = read(log, cut, EVERYTHING);
        assertEquals(expectedTransactions(cut, TRANSACTIONS), offsets(records));
        for (String r : records) {
            LogOffset o = LogFixtures.off(r.substring(0, r.indexOf('=')));
            long t = (o.tx() - 1000) / 10;
            assertTrue(o.op() / 2 < opsOf(t), r);
            assertEquals(o + "=" + payload(t, o.op() / 2), r);
        }
        List<String> prefix = new ArrayList<>();
        log.read(LogOffset.BEFORE_ALL, LogOffset.SNAPSHOT_END, (o, p) -> prefix.add(text(p)));
        assertEquals(PREFIX_ROWS + 1, prefix.size());
        assertEquals("{\"key\":\"k0\"}", prefix.get(0));
        assertEquals("{\"end\":true}", prefix.get(PREFIX_ROWS));
    }
}
