package io.shapesync.shapes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads table definitions from {@code pg_catalog} on a caller-supplied connection. */
final class TableCatalog {
    private static final String TABLE = """
            SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""";
    private static final String PRIMARY_KEY = """
            SELECT a.attname FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = ? AND i.indisprimary ORDER BY k.ord""";
    private static final String COLUMNS = """
            SELECT a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attndims, a.attgenerated <> '' AS generated,
                   t.typname, t.typcategory, et.typname AS elemname, coalesce(et.typtype, t.typtype) = 'e' AS is_enum
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";

    private TableCatalog() {
    }

    static TableInfo load(Connection c, QualifiedName name) throws SQLException {
        int oid;
        try (PreparedStatement ps = c.prepareStatement(TABLE)) {
            ps.setString(1, name.schema());
            ps.setString(2, name.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new InvalidShapeException("table", "Table " + name.sql() + " does not exist. If the table name "
                            + "contains capitals or special characters you must quote it.");
                }
                oid = rs.getInt(1);
            }
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PRIMARY_KEY)) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) pk.add(rs.getString(1));
            }
        }
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String colName = rs.getString("attname");
                    boolean array = "A".equals(rs.getString("typcategory")) && rs.getString("elemname") != null;
                    int dims = array ? Math.max(1, rs.getInt("attndims")) : 0;
                    columns.add(new ColumnInfo(colName, array ? rs.getString("elemname") : rs.getString("typname"),
                            rs.getInt("atttypmod"), rs.getBoolean("attnotnull"), dims, pk.indexOf(colName),
                            rs.getBoolean("generated"), rs.getBoolean("is_enum"), (int) rs.getLong("atttypid")));
                }
            }
        }
        return new TableInfo(oid, name, columns, pk);
    }
}
