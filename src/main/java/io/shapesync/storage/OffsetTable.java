package io.shapesync.storage;

import java.util.Arrays;

/**
 * Append-only sorted table of (offset, file position) pairs: the sparse index, the chunk
 * boundaries and the compaction points of a log. One writer appends; readers search
 * lock-free within a published size (entries past it may be unpublished).
 */
final class OffsetTable {

    private record View(long[] tx, long[] op, long[] pos, int size) {
    }

    private volatile View view = new View(new long[8], new long[8], new long[8], 0);

    int size() {
        return view.size;
    }

    /** Writer only. Offsets must be non-decreasing. */
    void add(LogOffset offset, long position) {
        View v = view;
        long[] tx = v.tx;
        long[] op = v.op;
        long[] pos = v.pos;
        if (v.size == tx.length) {
            int n = tx.length * 2;
            tx = Arrays.copyOf(tx, n);
            op = Arrays.copyOf(op, n);
            pos = Arrays.copyOf(pos, n);
        }
        tx[v.size] = offset.tx();
        op[v.size] = offset.op();
        pos[v.size] = position;
        view = new View(tx, op, pos, v.size + 1);
    }

    /** Writer only, before any reader has seen entries past {@code size}. */
    void truncate(int size) {
        View v = view;
        view = new View(v.tx, v.op, v.pos, Math.min(size, v.size));
    }

    /** The last entry's offset, or null when empty. */
    LogOffset last() {
        View v = view;
        return v.size == 0 ? null : new LogOffset(v.tx[v.size - 1], v.op[v.size - 1]);
    }

    /** The last entry's file position, or -1 when empty. */
    long lastPosition() {
        View v = view;
        return v.size == 0 ? -1 : v.pos[v.size - 1];
    }

    /** File position of the last of the first {@code count} entries at or below offset, or -1. */
    long floorPosition(LogOffset offset, int count) {
        View v = view;
        int i = upperBound(v, offset, Math.min(count, v.size));
        return i == 0 ? -1 : v.pos[i - 1];
    }

    /** The largest of the first {@code count} entries at or below offset, or null. */
    LogOffset floor(LogOffset offset, int count) {
        View v = view;
        int i = upperBound(v, offset, Math.min(count, v.size));
        return i == 0 ? null : new LogOffset(v.tx[i - 1], v.op[i - 1]);
    }

    /** The largest of the first {@code count} entries strictly below offset, or null. */
    LogOffset lower(LogOffset offset, int count) {
        View v = view;
        int i = lowerBound(v, offset, Math.min(count, v.size));
        return i == 0 ? null : new LogOffset(v.tx[i - 1], v.op[i - 1]);
    }

    /** The smallest of the first {@code count} entries strictly above offset, or null. */
    LogOffset higher(LogOffset offset, int count) {
        View v = view;
        int n = Math.min(count, v.size);
        int i = upperBound(v, offset, n);
        return i == n ? null : new LogOffset(v.tx[i], v.op[i]);
    }

    /** Index of the first entry in [0, n) strictly greater than offset (n if none). */
    private static int upperBound(View v, LogOffset offset, int n) {
        return search(v, offset, n, true);
    }

    /** Index of the first entry in [0, n) at or above offset (n if none). */
    private static int lowerBound(View v, LogOffset offset, int n) {
        return search(v, offset, n, false);
    }

    private static int search(View v, LogOffset offset, int n, boolean skipEqual) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compare(v.tx[mid], offset.tx());
            if (c == 0) {
                c = Long.compare(v.op[mid], offset.op());
            }
            if (c < 0 || (c == 0 && skipEqual)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
