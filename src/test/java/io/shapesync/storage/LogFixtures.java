package io.shapesync.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the shape-log tests. */
final class LogFixtures {

    static final LogOffset EVERYTHING = new LogOffset(Long.MAX_VALUE, Long.MAX_VALUE);

    private LogFixtures() {
    }

    static LogOffset off(String wire) {
        return LogOffset.parse(wire);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Every record in (after, upTo] as "offset=payload". */
    static List<String> read(FileShapeLog log, LogOffset after, LogOffset upTo) {
        List<String> out = new ArrayList<>();
        log.read(after, upTo, (offset, payload) -> out.add(offset + "=" + text(payload)));
        return out;
    }

    static List<String> readAll(FileShapeLog log) {
        return read(log, LogOffset.BEFORE_ALL, EVERYTHING);
    }

    static void append(FileShapeLog log, String offset, String payload) {
        log.append(off(offset), bytes(payload));
    }

    /** The chunk ends a client starting at {@code from} walks through, up to the latest offset. */
    static List<LogOffset> chunkEnds(FileShapeLog log, LogOffset from) {
        List<LogOffset> ends = new ArrayList<>();
        LogOffset at = from;
        for (int i = 0; i < 100_000; i++) {
            LogOffset next = log.chunkEndAfter(at);
            ends.add(next);
            if (next.compareTo(at) <= 0) {
                return ends;
            }
            at = next;
        }
        throw new AssertionError("chunk ends do not converge: " + ends);
    }

    /** Every compaction point of the log, highest first. */
    static List<LogOffset> compactionPoints(FileShapeLog log) {
        List<LogOffset> points = new ArrayList<>();
        for (LogOffset p = log.compactionPoint(EVERYTHING); p != null;
                p = log.compactionPoint(justBelow(p))) {
            points.add(p);
        }
        return points;
    }

    /** The greatest offset below {@code o} (o must be above 0_0). */
    static LogOffset justBelow(LogOffset o) {
        return o.op() > 0 ? new LogOffset(o.tx(), o.op() - 1)
                : new LogOffset(o.tx() - 1, Long.MAX_VALUE);
    }
}
