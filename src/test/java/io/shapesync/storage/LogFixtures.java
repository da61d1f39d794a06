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
}
