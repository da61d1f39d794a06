package io.shapesync.http.auth;

import java.util.List;

/** A {@link ShapeAuthorizer}'s answer: allow the shape as asked, reject the request, or narrow the shape. */
public sealed interface ShapeDecision {

    static ShapeDecision allow() {
        return Allow.INSTANCE;
    }

    /** Answer {@code status} (a 4xx, e.g. 401 or 403) with {@code {"message": message}}. */
    static ShapeDecision reject(int status, String message) {
        return new Reject(status, message);
    }

    /**
     * Serve a narrower shape: {@code where} (trusted SQL of the where-clause dialect, null for none) is AND-ed with
     * the client's where clause; {@code columns} (null for all) is the subset of columns the caller may see: a
     * request without {@code columns} gets these, a request naming another column is answered 403. The narrowed
     * shape is a different shape (its own handle and log), so no response of it is served to an unnarrowed caller.
     * Build values into {@code where} with {@link #literal(String)}, never by plain concatenation.
     */
    static ShapeDecision narrow(String where, List<String> columns) {
        return new Narrow(where, columns);
    }

    /** {@code value} as a SQL string literal ({@code 'it''s'}), safe to put in a narrowing where clause. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    record Allow() implements ShapeDecision {
        static final Allow INSTANCE = new Allow();
    }

    record Reject(int status, String message) implements ShapeDecision {
        public Reject {
            if (status < 400 || status > 499) throw new IllegalArgumentException("a rejection is a 4xx status, was " + status);
            if (message == null) message = "Forbidden";
        }
    }

    record Narrow(String where, List<String> columns) implements ShapeDecision {
        public Narrow {
            if (where != null && where.isBlank()) where = null;
            columns = columns == null ? null : List.copyOf(columns);
            if (columns != null && columns.isEmpty()) throw new IllegalArgumentException("a narrowing needs at least one column");
        }
    }
}
