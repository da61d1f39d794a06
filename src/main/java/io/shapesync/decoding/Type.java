package io.shapesync.decoding;

import java.util.Objects;

/** {@code Y}: a non-built-in data type (e.g. an enum) used by a following {@link Relation}. */
public record Type(int typeOid, String namespace, String name) implements PgOutputMessage {
    public Type {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }
}
