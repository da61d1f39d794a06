package io.shapesync.storage;

/**
 * The part of a log that lives in the {@link Journal}, not yet in the log's file: consecutive entries, each a run of
 * the file's bytes from {@code filePos[i]} to the next entry's (or {@link #end()}) stored at journal position
 * {@code journalPos[i]}. Together they cover the file positions from {@link #start()} to {@link #end()} without gaps.
 * The log's writer adds entries, a checkpoint drops the oldest, readers look positions up; all under this object's
 * lock, which is held only for the lookup itself. An empty tail holds no array. Entry i's two positions sit side by
 * side in one array ({@code [filePos, journalPos, ...]}), so that adding one touches one cache line.
 */
final class LogTail {
    private long[] entries;
    private int head;
    private int count;
    private long end = -1;

    /** Adds the run {@code [filePos, end)} stored at {@code journalPos}; it must start where the tail ends. */
    synchronized void add(long filePos, long journalPos, long end) {
        if (count > 0 && filePos != this.end) {
            throw new IllegalStateException("tail entry at " + filePos + " does not follow the tail's end " + this.end);
        }
        if (entries == null) {
            entries = new long[2 * 4];
        } else if (2 * (head + count) == entries.length) {
            int capacity = count * 4 > entries.length ? entries.length * 2 : entries.length;
            long[] grown = new long[capacity];
            System.arraycopy(entries, 2 * head, grown, 0, 2 * count);
            entries = grown;
            head = 0;
        }
        entries[2 * (head + count)] = filePos;
        entries[2 * (head + count) + 1] = journalPos;
        count++;
        this.end = end;
    }

    /**
     * A value read from where the next {@link #add} writes (see {@link FileShapeLog#warm}). Deliberately not
     * synchronized: a stale value does no harm, only the read matters.
     */
    long warm() {
        long[] e = entries;
        int i = 2 * (head + count);
        return e != null && i >= 0 && i < e.length ? e[i] ^ end : end;
    }

    synchronized boolean isEmpty() {
        return count == 0;
    }

    /** File position of the first byte held here; -1 when empty. */
    synchronized long start() {
        return count == 0 ? -1 : filePos(head);
    }

    /** File position after the last byte held here; -1 when empty. */
    synchronized long end() {
        return count == 0 ? -1 : end;
    }

    /** Journal position of the first byte held here; -1 when empty. */
    synchronized long journalStart() {
        return count == 0 ? -1 : journalPos(head);
    }

    /**
     * Where file position {@code pos} is in the journal, and how many bytes from there belong to the same entry:
     * {@code out[0]} journal position, {@code out[1]} length. False when the tail does not hold {@code pos} (it is
     * in the file, or beyond the end).
     */
    synchronized boolean locate(long pos, long[] out) {
        if (count == 0 || pos < filePos(head) || pos >= end) return false;
        int lo = head;
        int hi = head + count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (filePos(mid) <= pos) lo = mid;
            else hi = mid - 1;
        }
        long entryEnd = lo + 1 < head + count ? filePos(lo + 1) : end;
        out[0] = journalPos(lo) + (pos - filePos(lo));
        out[1] = entryEnd - pos;
        return true;
    }

    /**
     * The entries whose bytes are all below journal position {@code written}, oldest first, as pairs
     * {@code [filePos, journalPos, filePos, journalPos, ..., endFilePos]}; empty when there are none.
     */
    synchronized long[] entriesWrittenBelow(long written) {
        int n = 0;
        while (n < count) {
            long entryEnd = n + 1 < count ? filePos(head + n + 1) : end;
            long length = entryEnd - filePos(head + n);
            if (journalPos(head + n) + length > written) break;
            n++;
        }
        if (n == 0) return new long[0];
        long[] r = new long[2 * n + 1];
        System.arraycopy(entries, 2 * head, r, 0, 2 * n);
        r[2 * n] = n < count ? filePos(head + n) : end;
        return r;
    }

    /** Drops the entries below file position {@code upTo} (an entry boundary: their bytes are in the file now). */
    synchronized void dropBelow(long upTo) {
        while (count > 0 && (count == 1 ? end : filePos(head + 1)) <= upTo) {
            head++;
            count--;
        }
        if (count > 0 && filePos(head) != upTo) {
            throw new IllegalStateException("tail cut at " + upTo + " inside the entry at " + filePos(head));
        }
        if (count == 0) {
            entries = null;
            head = 0;
            end = -1;
        }
    }

    /** Forgets every entry (the writer rolled back, or the bytes were written to the file some other way). */
    synchronized void clear() {
        entries = null;
        head = 0;
        count = 0;
        end = -1;
    }

    private long filePos(int i) {
        return entries[2 * i];
    }

    private long journalPos(int i) {
        return entries[2 * i + 1];
    }
}
