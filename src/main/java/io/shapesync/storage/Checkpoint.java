package io.shapesync.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One checkpoint pass over the journal's logs: copies each log's journal tail into its file ({@link
 * FileShapeLog#drainTail}). The caller then syncs the {@link #drained} files and deletes the segments no log reads
 * any more. A pass can stop between two logs and go on at a later call, so that background copying gives way while
 * the replication stream works through a backlog. One thread at a time.
 */
public final class Checkpoint {
    private final Deque<FileShapeLog> todo;
    private final List<FileShapeLog> drained = new ArrayList<>();
    private final long journalBytesBefore;
    private long bytes;
    private long copyNanos;
    private int pauses;

    /** A pass over the logs {@code journal} holds records of now (logs added later wait for the next pass). */
    public Checkpoint(Journal journal) {
        this.todo = new ArrayDeque<>(journal.logs());
        this.journalBytesBefore = journal.bytes();
    }

    /**
     * Copies logs until every log is copied (true), or until {@code giveWay}, asked before each log, says to stop
     * (false: call again later; the logs copied so far stay copied).
     *
     * @throws StorageException if a log's records cannot be copied (they stay in the journal; the pass is over)
     */
    public boolean copy(BooleanSupplier giveWay) {
        long started = System.nanoTime();
        try {
            while (!todo.isEmpty()) {
                if (giveWay.getAsBoolean()) {
                    pauses++;
                    return false;
                }
                FileShapeLog log = todo.poll();
                long n = log.drainTail();
                if (n > 0) {
                    drained.add(log);
                    bytes += n;
                }
            }
            return true;
        } finally {
            copyNanos += System.nanoTime() - started;
        }
    }

    /** The logs whose files got records in this pass: they need a sync before the journal's segments go. */
    public List<FileShapeLog> drained() { return drained; }

    /** Bytes copied so far. */
    public long bytes() { return bytes; }

    /** Time spent copying so far, pauses not counted. */
    public long copyNanos() { return copyNanos; }

    /** How often the pass stopped to give way. */
    public int pauses() { return pauses; }

    /** The journal's size when the pass began. */
    public long journalBytesBefore() { return journalBytesBefore; }
}
