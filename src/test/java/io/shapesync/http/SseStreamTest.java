package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSE stream's state machine with a fake log, output, clock and parking (no container, no waiting). */
class SseStreamTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 5_000 * S;  // any origin: nanoTime is only compared

    // ---- fakes ----

    /** A shape log: entries by offset, a current handle, retired handles valid from a cut, invalidation. */
    static final class FakeLog {
        final NavigableMap<LogOffset, byte[]> entries = new TreeMap<>();
        String handle = "h1";
        List<String> retired = List.of();
        LogOffset cut;
        boolean invalidated;
        int reads;

        /** The snapshot: one row in chunk 0. */
        FakeLog snapshot(String row) {
            entries.put(LogOffset.snapshotChunk(0), row.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** One transaction at {@code lsn}: ops 0, 2, 4, ... */
        FakeLog commit(long lsn, String... messages) {
            for (int i = 0; i < messages.length; i++) {
                entries.put(new LogOffset(lsn, 2L * i), messages[i].getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        SseStream.Source source() {
            return () -> {
                if (invalidated) return null;
                return new SseStream.Log() {
                    @Override
                    public boolean accepts(String h, LogOffset offset) {
                        return handle.equals(h) || (cut != null && retired.contains(h) && offset.compareTo(cut) >= 0);
                    }

                    @Override
                    public LogOffset latest() {
                        LogOffset last = lastEntry();
                        return last.tx() > 0 ? last : LogOffset.SNAPSHOT_END;
                    }

                    @Override
                    public LogOffset lastEntry() {
                        return entries.isEmpty() ? LogOffset.BEFORE_ALL : entries.lastKey();
                    }

                    @Override
                    public void read(LogOffset after, LogOffset upTo, FileShapeLog.RecordSink sink) {
                        reads++;
                        for (Map.Entry<LogOffset, byte[]> e : entries.subMap(after, false, upTo, true).entrySet()) {
                            try {
                                sink.accept(e.getKey(), ByteBuffer.wrap(e.getValue()));
                            } catch (IOException x) {
                                throw new UncheckedIOException(x);
                            }
                        }
                    }
                };
            };
        }
    }

    /** The response body: takes {@code budget} bytes, then is not ready until given more. */
    static final class FakeOutput implements SseStream.Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long budget = Long.MAX_VALUE;
        int flushes;
        int writes;
        boolean closed;
        int maxWrite;

        @Override
        public boolean isReady() {
            return budget > 0;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!isReady()) throw new IllegalStateException("write while not ready");
            if (closed) throw new IllegalStateException("write after close");
            bytes.write(b, off, len);
            budget -= len;
            writes++;
            maxWrite = Math.max(maxWrite, len);
        }

        @Override
        public void flush() {
            if (!isReady()) throw new IllegalStateException("flush while not ready");
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** LongPolls stand-in: one parked wakeup at a time, claimed exactly once. */
    static final class FakeParking implements SseStream.Parking {
        LongPolls.Wakeup wakeup;
        AtomicBoolean claimed;
        final List<Long> waits = new ArrayList<>();
        Runnable onPark = () -> { };
        int parks;

        @Override
        public BooleanSupplier park(long timeoutMillis, LongPolls.Wakeup w) {
            assertTrue(wakeup == null || claimed.get(), "parked twice at once");
            wakeup = w;
            claimed = new AtomicBoolean();
            waits.add(timeoutMillis);
            parks++;
            AtomicBoolean c = claimed;
            onPark.run();
            return () -> c.compareAndSet(false, true);
        }

        boolean parked() {
            return wakeup != null && !claimed.get();
        }

        /** What LongPolls does on an event or deadline: claim, then run the wakeup. */
        void fire(java.util.function.Consumer<LongPolls.Wakeup> action) {
            assertTrue(parked(), "not parked");
            claimed.set(true);
            action.accept(wakeup);
        }
    }

    private final FakeLog log = new FakeLog();
    private final FakeOutput out = new FakeOutput();
    private final FakeParking parking = new FakeParking();
    private long now = T0;

    private SseStream stream(String handle, LogOffset from) {
        return new SseStream(log.source(), out, parking, () -> now, handle, from);
    }

    private static String data(String json) {
        return "data: " + json + "\n\n";
    }

    private static String upToDate(long lsn) {
        return data("{\"headers\":{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\"" + lsn + "\"}}");
    }

    // ---- tests ----

    @Test
    void shouldSendAvailableChangesThenUpToDateAndStayOpenWhenConnectingBehind() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":1}", "{\"b\":2}");
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        assertEquals(data("{\"a\":1}") + data("{\"b\":2}") + upToDate(100), out.text());
        assertFalse(out.closed, "the stream stays open after the data (the client counts short streams)");
        assertTrue(parking.parked());
        assertEquals(List.of(21_000L), parking.waits);
        assertEquals(new LogOffset(100, 2), s.position());
        assertTrue(out.flushes >= 2, "headers flushed at once, events flushed after they were written");
    }

    @Test
    void shouldFlushHeadersAndWaitWithoutEventsWhenCaughtUp() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":1}");
        stream("h1", new LogOffset(100, 0)).pump();
        // 100_0 is the last entry: nothing to send, no up-to-date (it would move the client's offset)
        assertEquals("", out.text());
        assertEquals(1, out.flushes);
        assertTrue(parking.parked());
    }

    @Test
    void shouldResendTheRestOfTheTransactionWhenResumingFromLsnZero() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        stream("h1", new LogOffset(100, 0)).pump();
        assertEquals(data("{\"b\":2}") + data("{\"c\":3}") + upToDate(100), out.text());
    }

    @Test
    void shouldSendKeepAlivesEvery21SecondsOfSilenceAndEndAfter60Seconds() {
        log.snapshot("{\"s\":1}");
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        assertEquals("", out.text());
        now = T0 + 21 * S;
        parking.fire(LongPolls.Wakeup::expire);
        assertEquals(": keep-alive\n\n", out.text());
        now = T0 + 42 * S;
        parking.fire(LongPolls.Wakeup::expire);
        assertEquals(": keep-alive\n\n: keep-alive\n\n", out.text());
        assertFalse(out.closed);
        now = T0 + 60 * S;
        parking.fire(LongPolls.Wakeup::expire);
        assertTrue(out.closed);
        assertTrue(s.ended());
        assertEquals(": keep-alive\n\n: keep-alive\n\n", out.text(), "no event at the end: the stream just ends");
        assertEquals(List.of(21_000L, 21_000L, 18_000L), parking.waits);
    }

    @Test
    void shouldDeliverNewTransactionAndRestartKeepAliveClockWhenWoken() {
        log.snapshot("{\"s\":1}");
        stream("h1", LogOffset.SNAPSHOT_END).pump();
        now = T0 + 10 * S;
        log.commit(200, "{\"x\":1}");
        parking.fire(LongPolls.Wakeup::retry);
        assertEquals(data("{\"x\":1}") + upToDate(200), out.text());
        assertEquals(List.of(21_000L, 21_000L), parking.waits, "next keep-alive 21 s after the last write");
        now = T0 + 31 * S;
        parking.fire(LongPolls.Wakeup::expire);
        assertTrue(out.text().endsWith(": keep-alive\n\n"));
        assertEquals(21_000L, parking.waits.get(2));
        now = T0 + 52 * S;
        parking.fire(LongPolls.Wakeup::expire);
        assertEquals(8_000L, parking.waits.get(3), "then until the end at 60 s");
    }

    @Test
    void shouldWaitAgainWithoutWritingWhenWokenEarly() {
        log.snapshot("{\"s\":1}");
        stream("h1", LogOffset.SNAPSHOT_END).pump();
        now = T0 + 5 * S;
        parking.fire(LongPolls.Wakeup::retry);  // an advance of the shape that added nothing past the position
        assertEquals("", out.text());
        assertEquals(List.of(21_000L, 16_000L), parking.waits);
    }

    @Test
    void shouldEndSilentlyWhenShapeIsInvalidatedWhileParked() {
        log.snapshot("{\"s\":1}");
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        log.invalidated = true;
        parking.fire(LongPolls.Wakeup::invalidated);
        assertTrue(out.closed);
        assertEquals("", out.text());
        assertTrue(s.ended());
    }

    @Test
    void shouldEndWhenShapeIsInvalidatedBetweenSteps() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":1}");
        out.budget = 0;
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        log.invalidated = true;
        out.budget = Long.MAX_VALUE;
        s.pump();
        assertTrue(out.closed);
        assertEquals("", out.text());
    }

    @Test
    void shouldEndAtShutdown() {
        log.snapshot("{\"s\":1}");
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        parking.fire(LongPolls.Wakeup::shutdown);
        assertTrue(out.closed);
        assertTrue(s.ended());
    }

    @Test
    void shouldContinueOnCompactedLogWhenRetiredHandleStillAcceptsPosition() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":1}");
        stream("h1", LogOffset.SNAPSHOT_END).pump();
        // a compaction: new handle; h1 stays valid from the cut (at or below the stream's position)
        log.handle = "h2";
        log.retired = List.of("h1");
        log.cut = new LogOffset(100, 0);
        log.commit(300, "{\"n\":1}");
        parking.fire(LongPolls.Wakeup::retry);
        assertEquals(data("{\"a\":1}") + upToDate(100) + data("{\"n\":1}") + upToDate(300), out.text());
        assertFalse(out.closed);
    }

    @Test
    void shouldEndWhenHandleNoLongerAcceptsPosition() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":1}");
        stream("h1", LogOffset.SNAPSHOT_END).pump();
        log.handle = "h2";
        log.retired = List.of("h1");
        log.cut = new LogOffset(250, 0);  // above the position: the client must refetch (its reconnect gets 409)
        log.commit(300, "{\"n\":1}");
        parking.fire(LongPolls.Wakeup::retry);
        assertTrue(out.closed);
        assertEquals(data("{\"a\":1}") + upToDate(100), out.text());
    }

    @Test
    void shouldKeepPendingBytesBoundedAndLoseNothingWhenClientIsSlow() {
        log.snapshot("{\"s\":1}");
        String filler = "x".repeat(1000);
        StringBuilder expected = new StringBuilder();
        for (int tx = 1; tx <= 40; tx++) {
            String[] msgs = new String[25];
            for (int i = 0; i < msgs.length; i++) {
                msgs[i] = "{\"tx\":" + tx + ",\"i\":" + i + ",\"f\":\"" + filler + "\"}";
                expected.append(data(msgs[i]));
            }
            log.commit(1000 + tx, msgs);
        }
        expected.append(upToDate(1040));
        out.budget = 0;
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        assertEquals(0, s.pendingBytes(), "nothing read before the output can take it");
        int rounds = 0;
        while (!parking.parked()) {
            out.budget = 7_000;  // a slow client: a few events per round
            s.pump();
            assertTrue(s.pendingBytes() <= SseStream.FILL_BYTES + 1100, "pending " + s.pendingBytes());
            assertTrue(rounds++ < 10_000);
        }
        assertEquals(expected.toString(), out.text());
        assertTrue(out.maxWrite <= SseStream.FILL_BYTES + 1100);
        assertTrue(log.reads > 10, "read in bounded pieces, each from a fresh view: " + log.reads);
    }

    @Test
    void shouldPickUpTransactionCommittedWhileParking() {
        log.snapshot("{\"s\":1}");
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        parking.onPark = () -> {
            if (!log.entries.containsKey(new LogOffset(400, 0))) log.commit(400, "{\"late\":1}");
        };
        s.pump();
        // the commit raced the registration: the guard claimed the wait and sent the data without a wakeup
        assertEquals(data("{\"late\":1}") + upToDate(400), out.text());
        assertTrue(parking.parked());
        assertEquals(2, parking.parks);
    }

    @Test
    void shouldEndAfterSixtySecondsEvenWhenShapeKeepsChanging() {
        log.snapshot("{\"s\":1}");
        stream("h1", LogOffset.SNAPSHOT_END).pump();
        now = T0 + 59 * S;
        log.commit(500, "{\"a\":1}");
        parking.fire(LongPolls.Wakeup::retry);
        assertEquals(data("{\"a\":1}") + upToDate(500), out.text());
        assertEquals(1_000L, parking.waits.get(1));
        now = T0 + 60 * S + 1;
        log.commit(600, "{\"b\":1}");
        parking.fire(LongPolls.Wakeup::retry);
        assertTrue(out.closed, "ends between batches; the reconnect picks up 600");
        assertEquals(data("{\"a\":1}") + upToDate(500), out.text());
    }

    @Test
    void shouldLeaveParkingWhenAborted() {
        log.snapshot("{\"s\":1}");
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        assertTrue(parking.parked());
        s.abort();
        assertFalse(parking.parked(), "claimed: removed from LongPolls at once");
        assertTrue(out.closed);
        s.pump();  // a late write callback does nothing
        assertEquals("", out.text());
    }

    @Test
    void shouldNotParkTwiceWhenOutputCallsBackWhileParked() {
        log.snapshot("{\"s\":1}");
        SseStream s = stream("h1", LogOffset.SNAPSHOT_END);
        s.pump();
        s.pump();  // onWritePossible again
        assertEquals(1, parking.parks);
    }

    @Test
    void shouldEndWhenWriteFails() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":1}");
        SseStream.Output failing = new SseStream.Output() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                out.closed = true;
            }
        };
        SseStream s = new SseStream(log.source(), failing, parking, () -> now, "h1", LogOffset.SNAPSHOT_END);
        s.pump();
        assertTrue(s.ended());
        assertTrue(out.closed);
        assertFalse(parking.parked());
    }

    @Test
    void shouldSplitLineBreaksIntoDataLinesWhenPayloadHasThem() {
        log.snapshot("{\"s\":1}").commit(100, "{\"a\":\n1}");
        stream("h1", LogOffset.SNAPSHOT_END).pump();
        assertEquals("data: {\"a\":\ndata: 1}\n\n" + upToDate(100), out.text());
    }

    @Test
    void shouldStreamSnapshotRemainderWithUpToDateOfLsnZeroWhenNoTransactionYet() {
        log.snapshot("{\"s\":1}");
        log.entries.put(LogOffset.snapshotChunk(1), "{\"s\":2}".getBytes(StandardCharsets.UTF_8));
        SseStream s = stream("h1", LogOffset.snapshotChunk(0));
        s.pump();
        assertEquals(data("{\"s\":2}") + upToDate(0), out.text());
        assertEquals(LogOffset.SNAPSHOT_END, s.position());
    }

    @ParameterizedTest(name = "[{index}] now={0}s lastWrite={1}s -> {2}, wait {3} ms")
    @CsvSource({
            "0,    0,   WAIT,       21000",
            "20.5, 0,   WAIT,       500",
            "21,   0,   KEEP_ALIVE, 1",
            "30,   0,   KEEP_ALIVE, 1",
            "30,   21,  WAIT,       12000",
            "45,   42,  WAIT,       15000",
            "59.5, 42,  WAIT,       500",
            "60,   42,  END,        1",
            "75,   74,  END,        1",
    })
    void shouldScheduleKeepAliveAndEndWhenIdle(double nowS, double lastWriteS, SseStream.Idle expected, long waitMs) {
        long start = T0;
        long end = start + SseStream.DURATION_MS * 1_000_000L;
        long at = start + (long) (nowS * S);
        long last = start + (long) (lastWriteS * S);
        assertEquals(expected, SseStream.idle(at, last, end));
        if (expected == SseStream.Idle.WAIT) assertEquals(waitMs, SseStream.waitMillis(at, last, end));
    }

    @Test
    void shouldRoundWaitUpSoWakeupNeverComesEarly() {
        assertEquals(1, SseStream.waitMillis(T0, T0 - 21 * S + 1, T0 + 60 * S));
        assertEquals(21_000, SseStream.waitMillis(T0, T0 - 1, T0 + 60 * S), "20.999999999 s rounds up");
        assertEquals(21_000, SseStream.waitMillis(T0, T0, T0 + 60 * S));
    }

    @Test
    void shouldRecogniseSseRequestsWhenLiveSseOrItsAliasIsSet() {
        assertTrue(SseResponder.handles("GET", "table=t&offset=1_0&handle=h&live=true&live_sse=true"));
        assertTrue(SseResponder.handles("GET", "table=t&offset=1_0&handle=h&live=true&experimental_live_sse=true"));
        assertTrue(SseResponder.handles("HEAD", "live_sse"));
        assertTrue(SseResponder.handles("GET", "live_sse=true"), "validated (and refused) by the SSE path");
        assertFalse(SseResponder.handles("GET", "table=t&offset=1_0&handle=h&live=true&live_sse=false&experimental_live_sse=true"));
        assertFalse(SseResponder.handles("GET", "table=t&offset=1_0&handle=h&live=true"));
        assertFalse(SseResponder.handles("GET", null));
        assertFalse(SseResponder.handles("POST", "table=t&offset=1_0&handle=h&live=true&live_sse=true"));
        assertFalse(SseResponder.handles("GET", "table=t&offset=1_0&handle=h&live=true&live_sse=true&subset__limit=1"));
        assertFalse(SseResponder.handles("GET", "table=t&live_sse=true&x=%zz"), "malformed: JAX-RS answers 400");
    }
}
