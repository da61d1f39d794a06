package io.shapesync.shapes;

import io.shapesync.shapes.where.Mode;
import io.shapesync.shapes.where.Subquery;
import io.shapesync.shapes.where.Where;
import io.shapesync.shapes.where.WhereException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A resolved shape: the table, the selected columns (in table order), the compiled where clause (null = every row),
 * replica and log mode. Two requests with equal definitions share one shape; {@link #identity()} is the key.
 */
public record ShapeDefinition(TableInfo table, List<String> columns, Replica replica, LogMode log, Where where,
                              List<TableInfo> subqueryTables) {

    public ShapeDefinition {
        columns = List.copyOf(columns);
        subqueryTables = List.copyOf(subqueryTables);
    }

    private static final Logger LOG = Logger.getLogger(ShapeDefinition.class.getName());

    /** Loads another table's definition (for subqueries); throws InvalidShapeException when it does not exist. */
    @FunctionalInterface
    public interface TableLoader {
        TableInfo load(QualifiedName name);
    }

    /** A whole-table definition (no where clause). */
    public static ShapeDefinition resolve(TableInfo table, String columnsParam, Replica replica, LogMode log) {
        return resolve(table, columnsParam, replica, log, null, Map.of(), name -> {
            throw new InvalidShapeException("where", "subqueries need a database");
        });
    }

    /**
     * Validates the {@code columns} parameter (null = all columns) against the table (spec §2.2, §2.3), then
     * compiles the where clause ({@code whereText} null = none) with its parameters.
     *
     * @throws InvalidShapeException naming the field ({@code columns}, {@code where}, {@code params})
     */
    public static ShapeDefinition resolve(TableInfo table, String columnsParam, Replica replica, LogMode log,
                                          String whereText, Map<String, String> params, TableLoader tables) {
        List<String> selected = selectColumns(table, columnsParam);
        checkParams("params", params);
        Where where = null;
        List<TableInfo> inner = new ArrayList<>();
        if (whereText != null) {
            Map<String, TableInfo> loaded = new HashMap<>();
            try {
                where = Where.compile(whereText, params, table.whereColumns(), Mode.SHAPE, (schema, name) -> {
                    QualifiedName q = new QualifiedName(schema == null ? "public" : schema, name);
                    try {
                        TableInfo t = tables.load(q);
                        loaded.put(q.sql(), t);
                        return t.whereColumns();
                    } catch (InvalidShapeException e) {
                        throw new WhereException(-1, e.getMessage());
                    }
                });
            } catch (WhereException e) {
                throw new InvalidShapeException("where", e.getMessage());
            } catch (InvalidShapeException | ShapeUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                // a defect in the compiler must not turn a client's clause into a 500
                LOG.log(Level.WARNING, "where clause compiler failed on: " + whereText, e);
                throw new InvalidShapeException("where", "could not compile the where clause: " + e);
            }
            for (Subquery sq : where.subqueries()) {
                inner.add(loaded.get(new QualifiedName(sq.schema() == null ? "public" : sq.schema(), sq.table()).sql()));
            }
        }
        return new ShapeDefinition(table, selected, replica, log, where, inner);
    }

    /** Parameter keys must be the numbers 1..k (spec §2.3). */
    public static void checkParams(String field, Map<String, String> params) {
        for (String k : params.keySet()) {
            if (k.isEmpty() || k.length() > 9 || !k.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidShapeException(field, "Parameters can only use numbers as keys");
            }
        }
        for (int i = 1; i <= params.size(); i++) {
            if (!params.containsKey(Integer.toString(i))) {
                throw new InvalidShapeException(field, "Parameters must be numbered sequentially, starting from 1");
            }
        }
    }

    private static List<String> selectColumns(TableInfo table, String columnsParam) {
        List<String> selected = new ArrayList<>();
        if (columnsParam == null) {
            List<String> generated = new ArrayList<>();
            for (ColumnInfo c : table.columns()) {
                if (c.generated()) generated.add(c.name());
                else selected.add(c.name());
            }
            if (!generated.isEmpty()) {
                throw new InvalidShapeException("columns", "The following columns are generated and cannot be included in the shape: "
                        + String.join(", ", generated) + ". You can exclude them from the shape by explicitly listing which columns "
                        + "to fetch in the 'columns' query param");
            }
        } else {
            Set<String> requested = new LinkedHashSet<>(parseColumnList(columnsParam));
            List<String> missing = new ArrayList<>();
            List<String> generated = new ArrayList<>();
            for (String name : requested) {
                ColumnInfo c = table.column(name);
                if (c == null) missing.add(name);
                else if (c.generated()) generated.add(name);
            }
            if (!missing.isEmpty()) {
                throw new InvalidShapeException("columns", "The following columns are not found on the table: " + String.join(", ", missing));
            }
            if (!generated.isEmpty()) {
                throw new InvalidShapeException("columns", "The following columns are generated and cannot be included in the shape: "
                        + String.join(", ", generated));
            }
            List<String> missingPk = new ArrayList<>();
            for (String pk : table.primaryKey()) if (!requested.contains(pk)) missingPk.add(pk);
            if (!missingPk.isEmpty()) {
                throw new InvalidShapeException("columns", "The list of columns must include all primary key columns, missing: "
                        + String.join(", ", missingPk));
            }
            for (ColumnInfo c : table.columns()) if (requested.contains(c.name())) selected.add(c.name());
        }
        return selected;
    }

    /** Splits on commas outside double quotes; each element is an identifier (unquoted ones lower-cased). */
    public static List<String> parseColumnList(String text) {
        if (text.isEmpty()) throw new InvalidShapeException("columns", "The list of columns must not be empty");
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(finish(cur, wasQuoted));
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        if (quoted) throw new InvalidShapeException("columns", "Invalid column list, unterminated quoted identifier: " + text);
        out.add(finish(cur, wasQuoted));
        return out;
    }

    private static String finish(StringBuilder cur, boolean quoted) {
        String s = quoted ? cur.toString() : cur.toString().trim();
        if (s.isEmpty()) throw new InvalidShapeException("columns", "Invalid zero-length delimited identifier");
        return quoted ? s : s.toLowerCase(Locale.ROOT);
    }

    /** Normalised identity: equal definitions share one shape. */
    public String identity() {
        return table.oid() + "|" + table.name().sql() + "|" + String.join(",", table.primaryKey()) + "|"
                + String.join(",", columns) + "|" + replica + "|" + log + "|" + (where == null ? "" : where.canonicalSql());
    }

    /** The {@code electric-schema} header value for the selected columns. */
    public String schemaJson() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (String name : columns) {
            if (!first) sb.append(',');
            first = false;
            Json.string(sb, name).append(':');
            table.column(name).schemaJson(sb);
        }
        return sb.append('}').toString();
    }
}
