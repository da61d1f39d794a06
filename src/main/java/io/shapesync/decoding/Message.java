package io.shapesync.decoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** {@code M}: a {@code pg_logical_emit_message()} payload (only sent with the {@code messages} option). */
public record Message(boolean transactional, Lsn lsn, String prefix, byte[] content) implements PgOutputMessage {
    public Message {
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(prefix, "prefix");
        content = content.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The payload decoded as UTF-8. */
    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && transactional == m.transactional && lsn.equals(m.lsn)
                && prefix.equals(m.prefix) && Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactional, lsn, prefix, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Message[transactional=" + transactional + ", lsn=" + lsn + ", prefix=" + prefix + ", content="
                + content.length + " bytes]";
    }
}
