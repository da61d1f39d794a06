package io.shapesync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotProgressTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> logged = new ArrayList<>();
    private final List<String> finished = new ArrayList<>();
    private final Logger logger = Logger.getLogger(SnapshotProgress.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    private SnapshotProgress progress() {
        return new SnapshotProgress("public.items", "h-1", clock::get,
                (p, completed, nanos) -> finished.add(completed + " " + TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    private void advanceSeconds(double s) {
        clock.addAndGet((long) (s * 1e9));
    }

    private static void rows(SnapshotProgress p, int n) {
        for (int i = 0; i < n; i++) p.row();
    }

    @Test
    void shouldComputeRateAndEtaWhenEstimateIsKnown() {
        SnapshotProgress p = progress();
        p.estimate(10_000);
        advanceSeconds(2);
        rows(p, 2_048);  // a multiple of the check interval: published
        assertEquals(2_048, p.rows());
        assertEquals(1_024.0, p.rowsPerSecond(clock.get()), 1e-9);
        assertEquals(8, p.etaSeconds(clock.get()));  // 7952 rows left at 1024/s = 7.77 s
    }

    @Test
    void shouldHaveUnknownEtaWhenNoEstimateOrEstimatePassed() {
        SnapshotProgress p = progress();
        advanceSeconds(1);
        rows(p, 512);
        assertEquals(-1, p.etaSeconds(clock.get()));
        p.estimate(0);  // reltuples 0: unknown
        assertEquals(-1, p.estimatedRows());
        p.estimate(300);
        assertEquals(-1, p.etaSeconds(clock.get()));  // 512 rows done of ~300: stale estimate
    }

    @Test
    void shouldLogEveryFiveSecondsWhenSnapshotRunsLong() {
        SnapshotProgress p = progress();
        p.estimate(100_000);
        advanceSeconds(4);
        rows(p, 4_096);
        assertTrue(logged.isEmpty(), logged.toString());  // shorter than 5 s: silent
        advanceSeconds(1);
        rows(p, 256);  // the first check after 5 s logs
        assertEquals(List.of("snapshot of public.items for shape h-1: 4352 rows, 870 rows/s, ETA 1 min 50 s"), logged);
        rows(p, 768);
        assertEquals(1, logged.size());
        advanceSeconds(2);
        rows(p, 1_024);
        assertEquals(1, logged.size());  // 2 s after the last line
        advanceSeconds(3);
        rows(p, 256);
        assertEquals(2, logged.size());
        assertEquals("snapshot of public.items for shape h-1: 6400 rows, 640 rows/s, ETA 2 min 27 s", logged.get(1));
    }

    @Test
    void shouldSayEtaUnknownWhenNoEstimate() {
        SnapshotProgress p = progress();
        advanceSeconds(6);
        rows(p, 256);
        assertEquals(List.of("snapshot of public.items for shape h-1: 256 rows, 43 rows/s, ETA unknown"), logged);
    }

    @Test
    void shouldReportCompletedOnceWhenClosedAfterCompletion() {
        SnapshotProgress p = progress();
        rows(p, 10);
        advanceSeconds(1.5);
        p.completed();
        assertEquals(10, p.rows());
        p.close();
        p.close();
        assertEquals(List.of("true 1500"), finished);
    }

    @Test
    void shouldReportFailureWhenClosedWithoutCompletion() {
        SnapshotProgress p = progress();
        advanceSeconds(0.25);
        p.close();
        assertEquals(List.of("false 250"), finished);
    }

    @Test
    void shouldSumRunningSnapshotsWhenTotalled() {
        assertEquals(new SnapshotProgress.Totals(0, 0, 0, 0, 0), SnapshotProgress.totals(List.of(), clock.get()));
        SnapshotProgress a = progress();
        SnapshotProgress b = progress();
        a.estimate(4_096);
        advanceSeconds(1);
        rows(a, 1_024);
        rows(b, 256);
        SnapshotProgress.Totals t = SnapshotProgress.totals(List.of(a, b), clock.get());
        assertEquals(2, t.running());
        assertEquals(1_280, t.rows());
        assertEquals(4_096, t.estimatedRows());
        assertEquals(1_280.0, t.rowsPerSecond(), 1e-9);
        assertEquals(3, t.etaSeconds());
        assertEquals(-1, SnapshotProgress.totals(List.of(b), clock.get()).etaSeconds());
    }

    @Test
    void shouldFormatDurationsWhenLong() {
        assertEquals("0 s", SnapshotProgress.duration(0));
        assertEquals("59 s", SnapshotProgress.duration(59));
        assertEquals("3 min 05 s", SnapshotProgress.duration(185));
        assertEquals("2 h 03 min", SnapshotProgress.duration(7_380));
        assertFalse(SnapshotProgress.duration(86_400).isEmpty());
    }
}
