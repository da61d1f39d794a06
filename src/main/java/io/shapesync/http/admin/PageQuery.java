package io.shapesync.http.admin;

import java.util.Locale;

/**
 * The paging and filter parameters of {@code GET /v1/admin/shapes}: {@code limit} (1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}), {@code offset} (0 or more, default 0) and {@code table} (a case-insensitive part of
 * {@code schema.table}; absent or empty = every shape).
 */
public record PageQuery(int limit, int offset, String table) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** A parameter with a bad value, named for the 400 answer. */
    public static final class InvalidParameterException extends RuntimeException {
        private final String field;

        InvalidParameterException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static PageQuery parse(String limit, String offset, String table) {
        int l = integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = integer("offset", offset, 0, 0, Integer.MAX_VALUE - MAX_LIMIT);
        String t = table == null || table.isBlank() ? null : table.trim().toLowerCase(Locale.ROOT);
        return new PageQuery(l, o, t);
    }

    private static int integer(String field, String text, int absent, int min, int max) {
        if (text == null || text.isEmpty()) return absent;
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(field, "must be an integer, got '" + text + "'");
        }
        if (v < min || v > max) throw new InvalidParameterException(field, "must be between " + min + " and " + max);
        return (int) v;
    }

    /** Whether a shape of {@code tableName} ({@code schema.table}) passes the filter. */
    public boolean matches(String tableName) {
        return table == null || tableName.toLowerCase(Locale.ROOT).contains(table);
    }
}
