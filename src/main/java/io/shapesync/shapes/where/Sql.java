package io.shapesync.shapes.where;

/** SQL text helpers. */
final class Sql {
    private Sql() {
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A standard-conforming string literal (quotes doubled; never backslash-dependent). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
