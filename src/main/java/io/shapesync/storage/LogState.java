package io.shapesync.storage;

import static io.shapesync.storage.RecordCodec.CHUNK_END;
import static io.shapesync.storage.RecordCodec.COMMIT;
import static io.shapesync.storage.RecordCodec.FILE_HEADER_BYTES;

/**
 * In-memory state of one log: the writer's position and chunk accounting, the sparse index, the
 * chunk boundaries, the committed ones with tx &gt; 0 (compaction points), and the
 * {@link Published} snapshot that readers see. The same transitions run when appending, when
 * replaying the file on open and when a rewrite copies records, so all build identical state.
 *
 * <p>Writer methods are called by one thread at a time; {@link #published()} and the table
 * lookups are safe from any thread.
 */
final class LogState {

    static final long INDEX_INTERVAL_BYTES = 64 * 1024;

    /** What readers may see; replaced as a whole on every publication. */
    record Published(long end, LogOffset latest, int indexCount, int boundaryCount,
            int cutPointCount) {
    }

    private final OffsetTable index = new OffsetTable();
    private final OffsetTable boundaries = new OffsetTable();
    /**
     * Chunk boundaries with tx &gt; 0 (compaction points; visible once published like the others).
     * Positions are those of {@link #boundaries}.
     */
    private final OffsetTable cutPoints = new OffsetTable();
    private volatile Published published =
            new Published(FILE_HEADER_BYTES, LogOffset.BEFORE_ALL, 0, 0, 0);
    /** The writer's last commit: equal to {@link #published} except while a staged commit awaits publication. */
    private Published committed = published;
    // The three tables' sizes as of the last change (writer only): a commit reads these, not the tables' own
    // objects, which are cold when 100 000 logs take turns
    private int indexCount;
    private int boundaryCount;
    private int cutPointCount;
    private boolean tablesChanged = true;

    private long writePos = FILE_HEADER_BYTES;
    private LogOffset lastAppended;
    private LogOffset lastBoundary;
    private long chunkBytes;
    private long lastIndexedPos = FILE_HEADER_BYTES;
    private boolean pending;
    private int pendingRecords;
    // Writer state as of the last publication, to roll back an uncommitted tail on open
    private long markChunkBytes;
    private long markLastIndexedPos = FILE_HEADER_BYTES;
    private LogOffset markLastBoundary;

    // ---------------------------------------------------------------- readers

    Published published() {
        return published;
    }

    LogOffset chunkEndAfter(LogOffset offset) {
        Published p = published;
        LogOffset end = boundaries.higher(offset, p.boundaryCount());
        return end != null ? end : p.latest();
    }

    /**
     * The highest committed boundary with {@code tx > 0} at or below {@code limit} and strictly
     * below the latest offset, or null.
     */
    LogOffset compactionPoint(LogOffset limit, Published p) {
        return limit.compareTo(p.latest()) < 0
                ? cutPoints.floor(limit, p.cutPointCount())
                : cutPoints.lower(p.latest(), p.cutPointCount());
    }

    /** File position right after the chunk-end marker of a published compaction point. */
    long compactionPointPosition(LogOffset point, Published p) {
        if (!point.equals(cutPoints.floor(point, p.cutPointCount()))) {
            throw new IllegalArgumentException(point + " is not a compaction point");
        }
        return cutPoints.floorPosition(point, p.cutPointCount());
    }

    /** Where a read of records above {@code after} can start without missing any. */
    long readStart(LogOffset after, Published p) {
        return Math.max(index.floorPosition(after, p.indexCount()), FILE_HEADER_BYTES);
    }

    // ---------------------------------------------------------------- writer

    /** A value read from what appending and committing read (see {@link FileShapeLog#warm}). */
    long warm() {
        LogOffset last = lastAppended;
        LogOffset boundary = lastBoundary;
        return writePos ^ committed.end() ^ (last == null ? 0 : last.tx()) ^ (boundary == null ? 0 : boundary.op());
    }

    long writePos() {
        return writePos;
    }

    void setWritePos(long pos) {
        writePos = pos;
    }

    LogOffset lastAppended() {
        return lastAppended;
    }

    boolean pending() {
        return pending;
    }

    int pendingRecords() {
        return pendingRecords;
    }

    long chunkBytes() {
        return chunkBytes;
    }

    boolean endsChunk(LogOffset offset) {
        return offset.equals(lastBoundary);
    }

    /** A data record was written at {@code pos}, ending at {@link #writePos()}. */
    void onData(LogOffset offset, long pos, int payloadLength) {
        if (pos - lastIndexedPos >= INDEX_INTERVAL_BYTES) {
            index.add(offset, pos);
            tablesChanged = true;
            lastIndexedPos = pos;
        }
        lastAppended = offset;
        pending = true;
        pendingRecords++;
        if (offset.tx() > 0) {
            chunkBytes += payloadLength;
        }
    }

    /**
     * A chunk-end marker was written; it is published at once when nothing is pending. A boundary
     * inside the transaction region is a compaction point once it is published (also one inside
     * a transaction: clients can hold such an offset anyway, and no reader sees the state at it).
     */
    void onBoundary(LogOffset offset) {
        boundaries.add(offset, writePos);
        tablesChanged = true;
        lastBoundary = offset;
        chunkBytes = 0;
        addCutPoint(offset, writePos);
        if (!pending) {
            publish();
        }
    }

    /** A commit marker was written. */
    void onCommit() {
        onCommit(true);
    }

    /**
     * A commit marker was written; with {@code visible} false readers see it only at {@link #publishCommitted()}
     * (its bytes are not readable yet). The writer goes on from it either way.
     */
    void onCommit(boolean visible) {
        pending = false;
        pendingRecords = 0;
        mark();
        if (visible) {
            published = committed;
        }
    }

    /** Makes the last commit visible to readers. */
    void publishCommitted() {
        published = committed;
    }

    /** The writer's view: the last commit, visible to readers or not yet. */
    Published committed() {
        return committed;
    }

    /** Whether a commit awaits {@link #publishCommitted()}. */
    boolean commitUnpublished() {
        return committed != published;
    }

    /** Why a data record at {@code offset} may not follow the records so far, or null. */
    String appendViolation(LogOffset offset) {
        if (offset.tx() < 0) {
            return "offset " + offset + " cannot be appended";
        }
        if (lastAppended != null && offset.compareTo(lastAppended) < 0) {
            return "offset " + offset + " is below the last appended offset " + lastAppended;
        }
        if (lastBoundary != null && offset.compareTo(lastBoundary) <= 0) {
            return "offset " + offset + " is not above the closed chunk boundary " + lastBoundary;
        }
        return null;
    }

    /** Why a marker of {@code kind} at {@code offset} is inconsistent here, or null. */
    String markerViolation(int kind, LogOffset offset) {
        if (lastAppended == null || !offset.equals(lastAppended)) {
            return RecordCodec.kindName(kind) + " at " + offset
                    + " does not match the last record " + lastAppended;
        }
        if (kind == COMMIT && !pending) {
            return "commit marker at " + offset + " without uncommitted records";
        }
        if (kind == CHUNK_END && offset.equals(lastBoundary)) {
            return "duplicate chunk-end marker at " + offset;
        }
        return null;
    }

    /**
     * Drops state past the last commit: on open, and for an interrupted transaction (readers only use entries
     * below the published counts, so they are unaffected).
     */
    void rollBackToCommitted() {
        Published p = committed;
        index.truncate(p.indexCount());
        boundaries.truncate(p.boundaryCount());
        cutPoints.truncate(p.cutPointCount());
        tablesChanged = true;
        writePos = p.end();
        lastAppended = p.latest().equals(LogOffset.BEFORE_ALL) ? null : p.latest();
        lastBoundary = markLastBoundary;
        chunkBytes = markChunkBytes;
        lastIndexedPos = markLastIndexedPos;
        pending = false;
        pendingRecords = 0;
    }

    private void addCutPoint(LogOffset boundary, long position) {
        LogOffset last = cutPoints.last();
        if (boundary.tx() > 0 && (last == null || last.compareTo(boundary) < 0)) {
            cutPoints.add(boundary, position);
            tablesChanged = true;
        }
    }

    private void publish() {
        mark();
        published = committed;
    }

    private void mark() {
        LogOffset latest = lastAppended == null ? LogOffset.BEFORE_ALL : lastAppended;
        if (tablesChanged) {
            indexCount = index.size();
            boundaryCount = boundaries.size();
            cutPointCount = cutPoints.size();
            tablesChanged = false;
        }
        committed = new Published(writePos, latest, indexCount, boundaryCount, cutPointCount);
        markChunkBytes = chunkBytes;
        markLastIndexedPos = lastIndexedPos;
        markLastBoundary = lastBoundary;
    }
}
