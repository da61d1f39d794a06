package io.shapesync.shapes;

import io.shapesync.decoding.Change;
import io.shapesync.decoding.RowDeleted;
import io.shapesync.decoding.RowInserted;
import io.shapesync.decoding.RowUpdated;
import io.shapesync.decoding.Transaction;
import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.Journal;
import io.shapesync.storage.LogOffset;
import io.shapesync.storage.LogRewrite;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One shape: its handle, definition and log, and the state machine around the initial snapshot. While the snapshot
 * runs (on a snapshot thread, the log's only writer then) the replication thread buffers the shape's transactions;
 * when it completes they are appended, minus those already visible in the snapshot, and the replication thread
 * becomes the only writer. Readers (request threads) use the published state without locks.
 */
public final class Shape {
    public enum Status { SNAPSHOTTING, LIVE, INVALIDATED }

    /** Earlier handles kept valid (from the last compaction's cut on) so that clients at the head move on. */
    static final int MAX_RETIRED_HANDLES = 16;

    /**
     * One generation of the shape's log and the handles it answers to. A compaction replaces it as a whole: the
     * current handle is valid at every offset of its log; earlier handles only from {@code compactedTo} on, where
     * both logs hold the same records (below it, their clients get 409 and refetch).
     */
    record Generation(String handle, FileShapeLog log, List<String> retiredHandles, LogOffset compactedTo) {
        Generation {
            retiredHandles = List.copyOf(retiredHandles);
        }

        boolean accepts(String h, LogOffset offset) {
            if (handle.equals(h)) return true;
            return compactedTo != null && retiredHandles.contains(h) && offset.compareTo(compactedTo) >= 0;
        }
    }

    private record Pending(int xid, long lsn, List<IndexedChange> changes, boolean commit) {
    }

    private final String id;
    private final ShapeDefinition definition;
    private volatile Generation gen;
    private final ChangeEncoder encoder;
    private final int tableOid;  // the definition's table, read per change without loading the definition
    private final SubqueryTracker subqueries;  // null without subqueries
    private final String schemaJson;
    private final long chunkBytes;
    // The shape itself: on the replication thread every change locks it, and its header shares the cache line with the
    // fields read next (a separate lock object would be one more cold line per change with 100 000 shapes)
    private final Object writeLock = this;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private volatile Status status = Status.SNAPSHOTTING;
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile int closedSnapshotChunks;
    // Snapshot thread only: snapshot rows are written to the log in batches of this size
    private static final int SNAPSHOT_WRITE_BUFFER_BYTES = 256 * 1024;
    private boolean snapshotBuffered;
    private volatile boolean snapshotComplete;
    private volatile long compactedBytes;
    private volatile Runnable onSnapshotChunk = () -> { };  // wakes requests waiting for the next snapshot chunk  // log size after the snapshot or the last compaction; 0 when unknown (restored)
    private SnapshotXids xids;
    private boolean filtering;
    private long chunkFill;
    private ChangeEncoder.Encoded held;  // the open transaction's last message so far, not yet written
    private long heldLsn;
    private Journal journal;  // where the live log's transactions go (null: straight to the log's file)

    Shape(String handle, ShapeDefinition definition, FileShapeLog log, long chunkBytes) {
        this(handle, definition, log, chunkBytes, EncoderLayout.of(definition));
    }

    /** A shape whose encoder reads {@code layout} (the registry shares one among shapes that encode alike). */
    Shape(String handle, ShapeDefinition definition, FileShapeLog log, long chunkBytes, EncoderLayout layout) {
        this.id = handle;
        this.definition = definition;
        this.gen = new Generation(handle, log, List.of(), null);
        this.encoder = new ChangeEncoder(definition, layout);
        this.tableOid = definition.table().oid();
        if (definition.where() != null && !definition.where().subqueries().isEmpty()) {
            this.subqueries = new SubqueryTracker(definition.where(), definition.subqueryTables());
            encoder.useFilter(definition.where().filter(subqueries));
        } else {
            this.subqueries = null;
        }
        this.schemaJson = definition.schemaJson();
        this.chunkBytes = chunkBytes;
    }

    /** The current handle (a compaction replaces it). */
    public String handle() { return gen.handle(); }

    /** The shape's first handle, its directory's name for good. */
    public String id() { return id; }

    Generation generation() { return gen; }

    /** A consistent view for one response: handle and log of the same generation. */
    public View view() { return new View(gen); }

    public ShapeDefinition definition() { return definition; }

    public String schemaJson() { return schemaJson; }

    public Status status() { return status; }

    /** Marks the shape as just requested (least-recently-used eviction). */
    public void touch() { lastUsedNanos = System.nanoTime(); }

    long lastUsedNanos() { return lastUsedNanos; }

    ChangeEncoder encoder() { return encoder; }

    /** The subquery results of this shape's where clause, or null when it has none. */
    SubqueryTracker subqueries() { return subqueries; }

    // ---- snapshot thread ----

    /** Appends one snapshot row to the current chunk, closing the chunk when it reaches the byte threshold. */
    void appendSnapshotRow(byte[] json) {
        if (!snapshotBuffered) {
            gen.log().bufferAppends(SNAPSHOT_WRITE_BUFFER_BYTES);
            snapshotBuffered = true;
        }
        gen.log().append(LogOffset.snapshotChunk(closedSnapshotChunks), json);
        chunkFill += json.length + 1;
        if (chunkFill >= chunkBytes) closeSnapshotChunk();
    }

    private void closeSnapshotChunk() {
        FileShapeLog log = gen.log();
        log.closeChunk();
        log.commit();
        closedSnapshotChunks++;
        chunkFill = 0;
        onSnapshotChunk.run();  // a client can download this chunk while the snapshot goes on
    }

    /** What to run each time a snapshot chunk is closed (the registry wakes parked requests). */
    void onSnapshotChunk(Runnable action) {
        onSnapshotChunk = action;
    }

    /** Ends the snapshot: the snapshot-end control, then the buffered transactions not visible in it. */
    void completeSnapshot(SnapshotXids snapshot) {
        FileShapeLog log = gen.log();
        log.append(LogOffset.snapshotChunk(closedSnapshotChunks), snapshot.snapshotEndJson());
        log.closeChunk();
        log.commit();
        log.stopBuffering();
        synchronized (writeLock) {
            xids = snapshot;
            filtering = true;
            while (!pending.isEmpty()) {
                Pending p = pending.poll();
                append(p.xid(), p.lsn(), p.changes(), p.commit());
            }
            log.force();
            if (journal != null) log.attach(journal);
            compactedBytes = log.sizeBytes();
            closedSnapshotChunks++;
            snapshotComplete = true;
            if (status == Status.SNAPSHOTTING) status = Status.LIVE;
        }
    }

    int closedSnapshotChunks() { return closedSnapshotChunks; }

    /** The snapshot's xids once it is complete (null before). */
    SnapshotXids snapshotXids() {
        synchronized (writeLock) {
            return xids;
        }
    }

    /**
     * Reopens a shape whose snapshot completed before a restart: live at once; transactions replayed by the slot
     * are skipped by offset, and those visible in the snapshot by xid, exactly as before the restart.
     */
    void restore(SnapshotXids snapshot, String handle, List<String> retiredHandles, LogOffset compactedTo) {
        synchronized (writeLock) {
            gen = new Generation(handle, gen.log(), retiredHandles, compactedTo);
            xids = snapshot;
            filtering = true;
            closedSnapshotChunks = Math.max(closedSnapshotChunks, 1);
            snapshotComplete = true;
            status = Status.LIVE;
        }
    }

    /**
     * Sends the live log's transactions through {@code journal} (see {@link Journal}) from now on, and those of a
     * snapshot once it completes. Before the shape is shared, or on restore.
     */
    void useJournal(Journal journal) {
        synchronized (writeLock) {
            this.journal = journal;
            if (status == Status.LIVE) gen.log().attach(journal);
        }
    }

    // ---- replication thread ----

    /** Routes a transaction's changes for this shape; true when the log grew (and must be forced with the batch). */
    boolean offer(Transaction tx, List<IndexedChange> changes) {
        return offer(tx.xid(), tx.commitLsn().value(), changes, true);
    }

    /** Routes a part of a long transaction (no commit yet: nothing becomes visible to readers). */
    void offerPart(int xid, long commitLsn, List<IndexedChange> changes) {
        offer(xid, commitLsn, changes, false);
    }

    private boolean offer(int xid, long lsn, List<IndexedChange> changes, boolean commit) {
        synchronized (writeLock) {
            return switch (status) {
                case SNAPSHOTTING -> {
                    pending.add(new Pending(xid, lsn, changes, commit));
                    yield false;
                }
                case LIVE -> append(xid, lsn, changes, commit);
                case INVALIDATED -> false;
            };
        }
    }

    /**
     * Appends a transaction's changes for this shape; {@code commit} on its last part. The last message written so
     * far is held back until the next one (or the commit) shows whether it is the transaction's last for the shape.
     * Returns true when a commit made the log grow.
     */
    private boolean append(int xid, long lsn, List<IndexedChange> changes, boolean commit) {
        FileShapeLog log = gen.log();
        // replayed after a reconnect (the published end only moves at commits, so every part sees the same answer)
        if (log.lastCommitted().tx() >= lsn) return false;
        if (filtering) {
            if (xids.visible(xid)) return false;
            if (xids.widen(xid) >= xids.xmax()) filtering = false;
        }
        ChangeEncoder.Tx t = new ChangeEncoder.Tx(Integer.toUnsignedLong(xid), lsn);
        List<ChangeEncoder.Encoded> out = new ArrayList<>();
        int table = tableOid;
        for (IndexedChange ic : changes) {
            Change c = ic.change();
            int relation = relationId(c);
            if (subqueries != null && subqueries.tracks(relation)) subqueries.apply(c);  // may invalidate the shape
            if (relation != table) continue;
            if (c instanceof RowInserted r) {
                encoder.bind(r.relation());
                encoder.insert(r.row(), t, ic.n(), out::add);
            } else if (c instanceof RowUpdated u) {
                encoder.bind(u.relation());
                encoder.update(u.oldRow(), u.newRow(), t, ic.n(), out::add);
            } else if (c instanceof RowDeleted d) {
                encoder.bind(d.relation());
                encoder.delete(d.oldRow(), t, ic.n(), out::add);
            }
        }
        if (heldLsn != lsn) held = null;  // a held message belongs to the open transaction only
        for (ChangeEncoder.Encoded e : out) {
            if (held != null) log.append(new LogOffset(lsn, held.op()), held.json());
            held = e;
            heldLsn = lsn;
        }
        if (!commit || held == null) return false;
        log.append(new LogOffset(lsn, held.op()), held.lastJson());
        held = null;
        log.commit();
        return true;
    }

    private static int relationId(Change c) {
        if (c instanceof RowInserted r) return r.relation().relationId();
        if (c instanceof RowUpdated u) return u.relation().relationId();
        if (c instanceof RowDeleted d) return d.relation().relationId();
        return 0;
    }

    /** Drops what a transaction cut short by a reconnect appended (it will be sent again from its start). */
    void discardOpenTransaction() {
        synchronized (writeLock) {
            held = null;
            switch (status) {
                case LIVE -> gen.log().discardUncommitted();
                case SNAPSHOTTING -> {
                    while (!pending.isEmpty() && !pending.peekLast().commit()) pending.pollLast();
                }
                case INVALIDATED -> { }
            }
        }
    }

    /**
     * Forces what was written to the log (the flusher thread, concurrently with appends: the file channel allows it).
     * A generation replaced by a compaction was forced when its successor was installed; an invalidated shape's log
     * does not matter any more.
     */
    void force() {
        if (status != Status.INVALIDATED) gen.log().force();
    }

    /**
     * Reads the state a change for this shape will read (its encoder, log, log state and tail) and returns a value
     * made of it, so that the reads cannot be dropped. With 100 000 shapes that state is not in cache: touching the
     * shapes of a transaction one after the other, before appending to any, lets their cache misses overlap instead
     * of stalling one at a time inside each append. No effect besides the reads. Replication thread.
     */
    long warm() {
        return tableOid ^ heldLsn ^ encoder.warm() ^ gen.log().warm();
    }

    /** Whether {@link #force()} has anything to do (the journal is forced on its own). */
    boolean needsForce() {
        return status != Status.INVALIDATED && gen.log().needsForce();
    }

    /** Marks the shape dead (no more writes); returns false if it already was. The log stays readable. */
    boolean invalidate() {
        synchronized (writeLock) {
            if (status == Status.INVALIDATED) return false;
            status = Status.INVALIDATED;
            pending.clear();
            return true;
        }
    }

    /** Closes the log of an invalidated shape, once responses that were reading it have had time to finish. */
    void closeLog() {
        synchronized (writeLock) {
            gen.log().close();
        }
    }

    // ---- readers ----

    /** Whether a response for a request at {@code offset} can be computed now (snapshot progress). */
    public boolean readableAt(LogOffset offset) {
        if (snapshotComplete) return true;
        if (offset.equals(LogOffset.BEFORE_ALL)) return closedSnapshotChunks >= 1;
        return offset.isSnapshot() && offset.op() + 1 < closedSnapshotChunks;
    }

    public boolean snapshotComplete() { return snapshotComplete; }

    /** The shape's latest offset: {@code 0_inf} until a transaction touches it (valid once the snapshot is complete). */
    public LogOffset latest() { return view().latest(); }

    /** Offset of the last committed entry in the log (a snapshot chunk's {@code 0_N} until a transaction arrives). */
    public LogOffset lastEntry() { return view().lastEntry(); }

    /** The end of the chunk a response to {@code offset} covers (spec §9). */
    public LogOffset chunkEnd(LogOffset offset) { return view().chunkEnd(offset); }

    public void read(LogOffset after, LogOffset upTo, FileShapeLog.RecordSink sink) { view().read(after, upTo, sink); }

    /** Bytes of the current log generation. */
    public long logBytes() { return gen.log().sizeBytes(); }

    /** Log size right after the snapshot or the last compaction (0 after a restart: not known). */
    long compactedBytes() { return compactedBytes; }

    // ---- compaction thread ----

    /**
     * Swaps in a compacted generation between two transactions: {@code persist} records the new handles first (so a
     * crash after the swap never serves the new log under the old handle's offsets), then the rewrite is installed.
     * Returns the replaced log (still open for responses reading it), or null when the shape is not live or a
     * transaction is half written: the caller abandons the rewrite and tries again later.
     */
    FileShapeLog install(LogRewrite rewrite, String newHandle, LogOffset cut, java.util.function.Consumer<Generation> persist) {
        synchronized (writeLock) {
            Generation old = gen;
            if (status != Status.LIVE || old.log().hasUncommitted()) return null;
            List<String> retired = new ArrayList<>(MAX_RETIRED_HANDLES);
            retired.add(old.handle());
            for (String h : old.retiredHandles()) if (retired.size() < MAX_RETIRED_HANDLES) retired.add(h);
            Generation next = new Generation(newHandle, null, retired, cut);
            persist.accept(next);
            FileShapeLog installed = rewrite.install();
            if (journal != null) installed.attach(journal);
            gen = new Generation(newHandle, installed, retired, cut);
            compactedBytes = gen.log().sizeBytes();
            return old.log();
        }
    }

    /** A response's view of one generation: every read and the handle it reports come from the same log. */
    public final class View {
        private final Generation g;

        private View(Generation g) {
            this.g = g;
        }

        public String handle() { return g.handle(); }

        /** Whether a client holding {@code handle} at {@code offset} may continue (else: 409 with the current handle). */
        public boolean accepts(String handle, LogOffset offset) { return g.accepts(handle, offset); }

        public LogOffset latest() {
            LogOffset l = g.log().latestOffset();
            return l.tx() > 0 ? l : LogOffset.SNAPSHOT_END;
        }

        public LogOffset lastEntry() { return g.log().latestOffset(); }

        public LogOffset chunkEnd(LogOffset offset) {
            if (offset.equals(LogOffset.BEFORE_ALL)) return LogOffset.snapshotChunk(0);
            if (!snapshotComplete) return LogOffset.snapshotChunk(offset.op() + 1);
            LogOffset end = g.log().chunkEndAfter(offset);
            if (end.equals(g.log().latestOffset())) return latest();
            return end;
        }

        public void read(LogOffset after, LogOffset upTo, FileShapeLog.RecordSink sink) { g.log().read(after, upTo, sink); }
    }
}
