package io.shapesync.http;

import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live SSE response (spec §8.2) after its headers: a state machine that holds no thread between its steps.
 * It streams the shape's log from the request offset as {@code data: <message>} events, ends every batch that
 * reaches the shape's latest offset with an up-to-date, and then waits in {@link LongPolls} (no thread, no timer of
 * its own) until the shape advances, a keep-alive comment is due (21 s without a write), or the stream has lasted
 * 60 s. It ends silently when the shape is invalidated or its handle no longer accepts the position (compaction).
 *
 * <p>Writes follow the servlet's non-blocking protocol: bytes go out only while {@link Output#isReady()} holds;
 * otherwise the stream stops and the output calls {@link #pump()} again when it can take more. (Liberty 26 reports
 * ready even when the client's socket is full and then blocks the writing pool thread in write/flush until the client
 * reads or the server's write timeout passes: a slow reader with a backlog can hold a thread while it is written to;
 * an idle stream never does.) The log is read in bounded pieces, so a client holds at most {@link #FILL_BYTES} plus
 * one record of pending bytes, however far behind it is.
 *
 * <p>Every step runs under the stream's lock; the steps come from the request thread, the output's write callbacks
 * and the wakeups of {@link LongPolls} (managed executor).
 */
final class SseStream {
    private static final Logger LOG = Logger.getLogger(SseStream.class.getName());

    /** How long a stream lasts before the client is made to reconnect (Electric's {@code sse_timeout}). */
    static final long DURATION_MS = 60_000;
    /** A comment is sent when nothing was written for this long, so proxies and clients keep the connection. */
    static final long KEEP_ALIVE_MS = 21_000;
    /** Bytes of events prepared from the log before they are handed to the output. */
    static final int FILL_BYTES = 64 * 1024;

    static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINES = {'\n', '\n'};
    private static final long KEEP_ALIVE_NANOS = KEEP_ALIVE_MS * 1_000_000L;
    private static final long DURATION_NANOS = DURATION_MS * 1_000_000L;

    /** One consistent generation of the shape's log (a fresh one is taken for every read). */
    interface Log {
        boolean accepts(String handle, LogOffset offset);

        LogOffset latest();

        LogOffset lastEntry();

        void read(LogOffset after, LogOffset upTo, FileShapeLog.RecordSink sink);
    }

    /** The shape's current log, or null once the shape is invalidated. */
    interface Source {
        Log view();
    }

    /** The response body: non-blocking writes (only while ready), and completion of the response. */
    interface Output {
        boolean isReady();

        void write(byte[] bytes, int off, int len) throws IOException;

        void flush() throws IOException;

        void close();
    }

    /** Where an idle stream waits: returns the claim, true for exactly one of the claimant and the wakeup. */
    interface Parking {
        BooleanSupplier park(long timeoutMillis, LongPolls.Wakeup wakeup);
    }

    /** What an idle stream does next. */
    enum Idle { END, KEEP_ALIVE, WAIT }

    /** A read stopped because the pending bytes reached {@link #FILL_BYTES}. */
    private static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    private static final Full FULL = new Full();

    private final Object lock = new Object();
    private final Source source;
    private final Output out;
    private final Parking parking;
    private final LongSupplier clock;
    private final String handle;
    private final long endAt;
    private LogOffset position;     // every entry up to here is in pending or written
    private LogOffset batchEnd;     // while a batch is read: its end (the latest offset when it began)
    private byte[] pending;         // events not yet written (null when none)
    private int pendingLength;
    private boolean flushNeeded = true;  // the headers go out at once
    private long lastWrite;
    private Waiting waiting;        // the current wait in LongPolls, or null
    private boolean ended;

    SseStream(Source source, Output out, Parking parking, LongSupplier clock, String handle, LogOffset from) {
        this.source = source;
        this.out = out;
        this.parking = parking;
        this.clock = clock;
        this.handle = handle;
        this.position = from;
        this.lastWrite = clock.getAsLong();
        this.endAt = lastWrite + DURATION_NANOS;
    }

    /** What an idle stream does at {@code now}: end at its deadline, else a keep-alive when one is due, else wait. */
    static Idle idle(long now, long lastWrite, long endAt) {
        if (now - endAt >= 0) return Idle.END;
        if (now - lastWrite >= KEEP_ALIVE_NANOS) return Idle.KEEP_ALIVE;
        return Idle.WAIT;
    }

    /** How long an idle stream waits (ms, rounded up, at least 1): until the next keep-alive or its end. */
    static long waitMillis(long now, long lastWrite, long endAt) {
        long nanos = Math.min(lastWrite + KEEP_ALIVE_NANOS - now, endAt - now);
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /** Writes what it can; called at the start, when the output can take more, and on every wakeup. */
    void pump() {
        synchronized (lock) {
            try {
                step();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "SSE stream ended by an error", e);
                end();
            }
        }
    }

    /** The client went away or the response failed: stop without writing. */
    void abort() {
        synchronized (lock) {
            end();
        }
    }

    boolean ended() {
        synchronized (lock) {
            return ended;
        }
    }

    /** Position reached (tests). */
    LogOffset position() {
        synchronized (lock) {
            return position;
        }
    }

    /** Pending bytes not yet written (tests: bounded). */
    int pendingBytes() {
        synchronized (lock) {
            return pendingLength;
        }
    }

    private void step() throws IOException {
        while (!ended) {
            if (pendingLength > 0) {
                if (!out.isReady()) return;
                out.write(pending, 0, pendingLength);
                pending = null;  // idle streams hold no buffer
                pendingLength = 0;
                flushNeeded = true;
                lastWrite = clock.getAsLong();
                continue;
            }
            if (batchEnd != null) {
                fill();
                continue;
            }
            if (flushNeeded) {
                if (!out.isReady()) return;
                out.flush();
                flushNeeded = false;
                continue;
            }
            if (waiting != null) return;  // already parked: its wakeup steps on
            Log view = source.view();
            if (view == null || !view.accepts(handle, position)) {
                end();
                return;
            }
            long now = clock.getAsLong();
            Idle next = idle(now, lastWrite, endAt);
            if (next == Idle.END) {
                end();
                return;
            }
            if (view.lastEntry().compareTo(position) > 0) {
                batchEnd = view.latest();
                continue;
            }
            if (next == Idle.KEEP_ALIVE) {
                append(KEEP_ALIVE, 0, KEEP_ALIVE.length);
                continue;
            }
            if (park(waitMillis(now, lastWrite, endAt))) return;
        }
    }

    /** Adds events of the current batch to pending, up to {@link #FILL_BYTES}; the up-to-date when it is complete. */
    private void fill() {
        Log view = source.view();  // a compaction may have swapped the log: never read an old generation twice
        if (view == null || !view.accepts(handle, position)) {
            end();
            return;
        }
        LogOffset end = batchEnd;
        try {
            view.read(position, end, (offset, payload) -> {
                appendEvent(payload);
                position = offset;
                if (pendingLength >= FILL_BYTES) throw FULL;
            });
        } catch (Full full) {
            return;
        }
        position = end;
        byte[] upToDate = ShapeResponder.upToDateJson(end.tx());
        appendEvent(ByteBuffer.wrap(upToDate));
        batchEnd = null;
    }

    /**
     * Parks until a wakeup; false when the stream must go on at once (it ended, or the shape advanced or went away
     * between the check and the registration: lost-wakeup guard).
     */
    private boolean park(long millis) {
        Waiting w = new Waiting();
        BooleanSupplier claim = parking.park(millis, w);
        if (ended) return true;  // parked during shutdown: the wakeup already ended the stream
        w.claim = claim;
        waiting = w;
        Log view = source.view();
        boolean news = view == null || view.lastEntry().compareTo(position) > 0;
        if (news && claim.getAsBoolean()) {
            waiting = null;
            return false;
        }
        return true;
    }

    private void woken(Waiting w, boolean end) {
        synchronized (lock) {
            if (waiting == w) waiting = null;
            if (end) {
                end();
            } else {
                try {
                    step();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "SSE stream ended by an error", e);
                    end();
                }
            }
        }
    }

    private void end() {
        if (ended) return;
        ended = true;
        Waiting w = waiting;
        waiting = null;
        if (w != null && w.claim != null) w.claim.getAsBoolean();  // leave LongPolls now rather than at the deadline
        pending = null;
        pendingLength = 0;
        batchEnd = null;
        out.close();
    }

    /** {@code data: <json>\n\n}; a line break inside the payload (not produced by the encoder) starts another data line. */
    private void appendEvent(ByteBuffer payload) {
        append(DATA, 0, DATA.length);
        ByteBuffer p = payload.duplicate();
        int start = p.position();
        int limit = p.limit();
        for (int i = start; i < limit; i++) {
            if (p.get(i) == '\n') {
                appendBuffer(p, start, i);
                append(NEWLINES, 0, 1);
                append(DATA, 0, DATA.length);
                start = i + 1;
            }
        }
        appendBuffer(p, start, limit);
        append(NEWLINES, 0, 2);
    }

    private void appendBuffer(ByteBuffer p, int from, int to) {
        int n = to - from;
        ensure(n);
        ByteBuffer src = p.duplicate();
        src.limit(to).position(from);
        src.get(pending, pendingLength, n);
        pendingLength += n;
    }

    private void append(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, pending, pendingLength, len);
        pendingLength += len;
    }

    private void ensure(int more) {
        int need = pendingLength + more;
        if (pending == null) {
            pending = new byte[Math.max(need, 8 * 1024)];
        } else if (need > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(need, 2 * pending.length));
        }
    }

    /** One wait in {@link LongPolls}; a wakeup steps the stream on (data, keep-alive, end) or ends it (invalidation). */
    private final class Waiting implements LongPolls.Wakeup {
        BooleanSupplier claim;

        @Override
        public void retry() {
            woken(this, false);
        }

        @Override
        public void expire() {
            woken(this, false);
        }

        @Override
        public void invalidated() {
            woken(this, true);
        }

        @Override
        public void shutdown() {
            woken(this, true);
        }
    }
}
