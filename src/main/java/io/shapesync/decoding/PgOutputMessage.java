package io.shapesync.decoding;

/** One decoded pgoutput (proto_version 1) message; see {@link PgOutputDecoder}. */
public sealed interface PgOutputMessage permits Begin, Commit, Origin, Relation, Type, Insert, Update, Delete, Truncate,
        Message {
}
