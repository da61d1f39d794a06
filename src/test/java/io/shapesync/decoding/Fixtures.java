package io.shapesync.decoding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads src/test/resources/pgoutput/*.hex, written by capture.sh. */
final class Fixtures {
    /** One captured message with the lsn and xid columns Postgres reported for it. */
    record Captured(Lsn lsn, int xid, char tag, byte[] bytes) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes);
        }
    }

    /** A fixture file: its messages and the LSN pg_logical_emit_message() returned, if any. */
    record Fixture(String name, List<Captured> messages, Lsn emittedLsn) {
        Captured first(char tag) {
            return messages.stream().filter(c -> c.tag() == tag).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no '" + tag + "' message"));
        }

        List<Captured> all(char tag) {
            return messages.stream().filter(c -> c.tag() == tag).toList();
        }

        List<PgOutputMessage> decoded() {
            PgOutputDecoder decoder = new PgOutputDecoder();
            return messages.stream().map(c -> decoder.decode(c.buffer())).toList();
        }
    }

    static final List<String> ALL = List.of("insert", "update-default", "update-key", "delete-default",
            "insert-full", "update-full", "delete-full", "update-toast", "update-toast-full", "truncate",
            "truncate-plain", "message-nontx", "message-tx", "origin");

    private Fixtures() {
    }

    static Fixture load(String name) {
        String text;
        try (InputStream in = Fixtures.class.getResourceAsStream("/pgoutput/" + name + ".hex")) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Captured> messages = new ArrayList<>();
        Lsn emitted = null;
        Lsn lsn = null;
        int xid = 0;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.startsWith("# lsn=")) {
                String[] parts = line.substring(2).split(" ");
                lsn = Lsn.parse(parts[0].substring("lsn=".length()));
                xid = Integer.parseUnsignedInt(parts[1].substring("xid=".length()));
            } else if (line.startsWith("# emitted-lsn=")) {
                emitted = Lsn.parse(line.substring("# emitted-lsn=".length()));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                byte[] bytes = HexFormat.of().parseHex(line);
                messages.add(new Captured(lsn, xid, (char) bytes[0], bytes));
                lsn = null;
            }
        }
        return new Fixture(name, List.copyOf(messages), emitted);
    }
}
