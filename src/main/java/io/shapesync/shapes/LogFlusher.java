package io.shapesync.shapes;

import io.shapesync.decoding.Lsn;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit off the replication thread. Each delivered batch hands over the shapes whose logs it wrote and its end
 * LSN; one flusher thread forces those logs and only then reports the LSN durable (the slot is acknowledged up to it).
 * While the flusher is busy, batches pile up and are merged: each log is forced once for all of them. Clients were
 * notified at the write, as before; only the acknowledgement to Postgres waits for the fsync.
 *
 * <p>A batch that wrote to at least {@link #SYNC_ALL_FROM} logs is forced with one file-system-wide sync when one is
 * available ({@link FileSystemSync}), since one fsync per file costs a journal commit per file.
 */
final class LogFlusher implements Runnable {
    private static final Logger LOG = Logger.getLogger(LogFlusher.class.getName());

    /** Logs in one flush from which a file-system-wide sync is used instead of one fsync per log. */
    static final int SYNC_ALL_FROM = 64;

    private final Consumer<Lsn> durable;
    private final BiConsumer<Shape, RuntimeException> failed;
    private final BooleanSupplier syncAll;
    private final Runnable forceJournal;
    private final Object lock = new Object();
    private Set<Shape> pending = new LinkedHashSet<>();
    private Lsn pendingEnd;
    private boolean stopped;
    private boolean running;

    /**
     * @param durable told the end LSN once every log written up to it is forced
     * @param failed told of a shape whose log could not be forced (it must not be served as durable)
     */
    LogFlusher(Consumer<Lsn> durable, BiConsumer<Shape, RuntimeException> failed) {
        this(durable, failed, () -> false, () -> { });
    }

    /**
     * @param syncAll forces every log at once; false if it could not (then each log is forced)
     * @param forceJournal forces the journal, where live logs write their transactions (see
     *        {@link io.shapesync.storage.Journal}); their files only need forcing after a transaction too big for it
     */
    LogFlusher(Consumer<Lsn> durable, BiConsumer<Shape, RuntimeException> failed, BooleanSupplier syncAll,
            Runnable forceJournal) {
        this.durable = durable;
        this.failed = failed;
        this.syncAll = syncAll;
        this.forceJournal = forceJournal;
    }

    /**
     * Replication thread: everything up to {@code end} is in the journal or in the logs of {@code shapes} (those that
     * wrote to their files directly, {@link Shape#needsForce()}), written but not forced.
     */
    void submit(Collection<Shape> shapes, Lsn end) {
        synchronized (lock) {
            pending.addAll(shapes);
            pendingEnd = end;
            lock.notifyAll();
        }
    }

    /** The flusher thread's loop, until {@link #stop()}; what is pending then is flushed first. */
    @Override
    public void run() {
        while (true) {
            Work w;
            synchronized (lock) {
                while (pendingEnd == null && !stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopped = true;
                    }
                }
                w = take();
            }
            if (w == null) return;
            flush(w);
        }
    }

    /** Forces what is pending on the calling thread (when no flusher thread runs: tests, shutdown). */
    void flushNow() {
        Work w;
        synchronized (lock) {
            while (running) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            w = take();
        }
        if (w != null) flush(w);
    }

    /** Ends the loop after the pending work; then flushes anything submitted late on the caller's thread. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        flushNow();
    }

    private record Work(Set<Shape> shapes, Lsn end) {
    }

    /** Under the lock: what is pending, now owned by the caller's flush (one runs at a time); null if nothing is. */
    private Work take() {
        if (pendingEnd == null) return null;
        Work w = new Work(pending, pendingEnd);
        pending = new LinkedHashSet<>();
        pendingEnd = null;
        running = true;
        return w;
    }

    private void flush(Work w) {
        try {
            try {
                forceJournal.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Cannot force the journal; nothing is acknowledged until it can be", e);
                return;
            }
            if (w.shapes().size() >= SYNC_ALL_FROM && syncAll.getAsBoolean()) {
                durable.accept(w.end());
                return;
            }
            for (Shape s : w.shapes()) {
                try {
                    s.force();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Cannot force the log of shape " + s.id() + "; the shape is dropped", e);
                    failed.accept(s, e);
                }
            }
            durable.accept(w.end());
        } finally {
            synchronized (lock) {
                running = false;
                lock.notifyAll();
            }
        }
    }
}
