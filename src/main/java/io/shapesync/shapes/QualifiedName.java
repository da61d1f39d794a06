package io.shapesync.shapes;

import java.util.ArrayList;
import java.util.List;

/** A schema-qualified table name, parsed with Postgres identifier rules (spec §2.2 {@code table}). */
public record QualifiedName(String schema, String name) {

    public static QualifiedName parse(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                if (!closed) throw new InvalidShapeException("table", "Invalid unquoted identifier contains special characters: " + text);
                if (sb.isEmpty()) throw new InvalidShapeException("table", "Invalid zero-length delimited identifier");
                parts.add(checkLength(sb.toString()));
            } else {
                int start = i;
                while (i < n && text.charAt(i) != '.') i++;
                String part = text.substring(start, i);
                if (part.isEmpty()) throw new InvalidShapeException("table", "Invalid zero-length delimited identifier");
                if (!validUnquoted(part)) {
                    throw new InvalidShapeException("table", "Invalid unquoted identifier contains special characters: " + part);
                }
                parts.add(checkLength(part.toLowerCase(java.util.Locale.ROOT)));
            }
            if (i >= n) break;
            if (text.charAt(i) != '.') throw new InvalidShapeException("table", "Invalid unquoted identifier contains special characters: " + text);
            i++;
            if (parts.size() >= 2) throw new InvalidShapeException("table", "Invalid relation identifier, too many delimiters: " + text);
        }
        return parts.size() == 1 ? new QualifiedName("public", parts.get(0)) : new QualifiedName(parts.get(0), parts.get(1));
    }

    private static boolean validUnquoted(String s) {
        int first = s.codePointAt(0);
        if (!(Character.isLetter(first) || first == '_')) return false;
        for (int i = Character.charCount(first); i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (!(Character.isLetterOrDigit(cp) || mark || cp == '_' || cp == '$')) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    private static String checkLength(String s) {
        if (s.length() > 63) throw new InvalidShapeException("table", "Identifier is too long (max length is 63)");
        return s;
    }

    /** {@code "schema"."name"} for SQL. */
    public String sql() {
        return quote(schema) + "." + quote(name);
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return sql();
    }
}
