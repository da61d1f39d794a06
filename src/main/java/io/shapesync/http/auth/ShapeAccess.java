package io.shapesync.http.auth;

import io.shapesync.shapes.Replica;
import java.util.List;
import java.util.Map;

/**
 * The shape a request asks for, as the client named it: {@code table} (possibly schema-qualified), {@code where}
 * (null: every row), {@code columns} (null: every column), {@code replica}, the where clause's {@code params}
 * (by number) and the {@link Operation}.
 */
public record ShapeAccess(Operation operation, String table, String where, List<String> columns, Replica replica,
                          Map<String, String> params) {

    public ShapeAccess {
        columns = columns == null ? null : List.copyOf(columns);
        params = Map.copyOf(params);
    }

    /** What the request does with the shape. */
    public enum Operation {
        /** GET or HEAD: initial sync, catch-up or long-poll. */
        READ,
        /** GET with {@code live_sse}: a server-sent event stream. */
        LIVE_SSE,
        /** A subset snapshot (POST body or {@code subset__*} parameters); read within the (narrowed) shape. */
        SUBSET,
        /** DELETE of the shape (when enabled). */
        DELETE
    }
}
