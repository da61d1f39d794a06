package io.shapesync.shapes;

import java.util.HashSet;
import java.util.Set;

/**
 * A {@code pg_current_snapshot()} value ({@code xmin:xmax:xip,...}, 64-bit xids) and the visibility test for the
 * 32-bit xids of the replication stream, wraparound-aware (spec §12.4).
 */
public record SnapshotXids(long xmin, long xmax, Set<Long> xip) {

    public SnapshotXids {
        xip = Set.copyOf(xip);
    }

    public static SnapshotXids parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) throw new IllegalArgumentException("not a pg_snapshot: " + text);
        Set<Long> xip = new HashSet<>();
        if (!parts[2].isEmpty()) {
            for (String x : parts[2].split(",")) xip.add(Long.parseLong(x));
        }
        return new SnapshotXids(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
    }

    /** Widens a 32-bit stream xid to the snapshot's epoch. */
    public long widen(int xid32) {
        long x = (xmax & ~0xFFFFFFFFL) | Integer.toUnsignedLong(xid32);
        if (x > xmax + (1L << 31)) x -= 1L << 32;
        else if (x < xmax - (1L << 31)) x += 1L << 32;
        return x;
    }

    /** Whether the transaction's effects are already in the snapshot. */
    public boolean visible(int xid32) {
        long x = widen(xid32);
        return x < xmin || (x < xmax && !xip.contains(x));
    }

    /** The {@code snapshot-end} control message (spec §7.5). */
    public byte[] snapshotEndJson() {
        StringBuilder sb = new StringBuilder("{\"headers\":{\"control\":\"snapshot-end\",");
        return appendXids(sb).append("}}").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** {@code "xmin":"…","xmax":"…","xip_list":["…",…]} (xid8 strings, xip sorted), as snapshot-end and subsets carry them. */
    public StringBuilder appendXids(StringBuilder sb) {
        sb.append("\"xmin\":\"").append(xmin).append("\",\"xmax\":\"").append(xmax).append("\",\"xip_list\":[");
        boolean first = true;
        for (long x : xip.stream().sorted().toList()) {
            if (!first) sb.append(',');
            first = false;
            sb.append('"').append(x).append('"');
        }
        return sb.append(']');
    }
}
