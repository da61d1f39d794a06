package io.shapesync.decoding;

import java.util.Objects;

/** {@code O}: the transaction was replayed from replication origin {@code name}, at its {@code commitLsn}. */
public record Origin(Lsn commitLsn, String name) implements PgOutputMessage {
    public Origin {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(name, "name");
    }
}
