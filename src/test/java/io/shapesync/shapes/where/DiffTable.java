package io.shapesync.shapes.where;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/** The differential test's table: many column types, random edge-case rows, read back as Postgres text. */
final class DiffTable {
    /** A column: its name (unquoted), generator type and declared SQL type. */
    record Col(String name, GenTy ty, String sqlType) {
        String ref() {
            return '"' + name.replace("\"", "\"\"") + '"';
        }
    }

    /** A row: id and each column's Postgres text output (null = SQL NULL), indexed like {@link #cols}. */
    record Row(int id, String[] texts) {
    }

    static final String SESSION_SETTINGS = "SET DateStyle='ISO, DMY'; SET TimeZone='UTC'; "
        + "SET IntervalStyle='iso_8601'; SET extra_float_digits=1; SET bytea_output='hex'";

    final String name;
    final String enumType;
    final List<Col> cols;
    final List<Row> rows = new ArrayList<>();
    final Map<String, Integer> colIndex = new HashMap<>();
    List<WhereColumn> whereColumns;

    DiffTable(String name) {
        this.name = name;
        this.enumType = name + "_mood";
        this.cols = List.of(
            new Col("id", GenTy.INT4, "int4 primary key"),
            new Col("i2", GenTy.INT2, "int2"), new Col("i4", GenTy.INT4, "int4"), new Col("i4b", GenTy.INT4, "int4"),
            new Col("i8", GenTy.INT8, "int8"), new Col("Odd Name", GenTy.INT8, "int8"),
            new Col("f4", GenTy.FLOAT4, "float4"), new Col("f8", GenTy.FLOAT8, "float8"),
            new Col("n", GenTy.NUMERIC, "numeric"), new Col("n2", GenTy.NUMERIC, "numeric(10,2)"),
            new Col("t", GenTy.TEXT, "text"), new Col("t2", GenTy.TEXT, "text"), new Col("vc", GenTy.VARCHAR, "varchar(20)"),
            new Col("bc", GenTy.BPCHAR, "char(5)"), new Col("b", GenTy.BOOL, "bool"), new Col("b2", GenTy.BOOL, "bool"),
            new Col("u", GenTy.UUID, "uuid"), new Col("d", GenTy.DATE, "date"), new Col("tm", GenTy.TIME, "time"),
            new Col("ts", GenTy.TIMESTAMP, "timestamp"), new Col("tz", GenTy.TIMESTAMPTZ, "timestamptz"),
            new Col("iv", GenTy.INTERVAL, "interval"), new Col("ia", GenTy.INT4ARR, "int4[]"),
            new Col("ta", GenTy.TEXTARR, "text[]"), new Col("j", GenTy.JSONB, "jsonb"),
            new Col("e", GenTy.ENUM, '"' + enumType + '"'));
        for (int i = 0; i < cols.size(); i++) colIndex.put(cols.get(i).name(), i);
    }

    List<Col> colsOf(GenTy ty) {
        return cols.stream().filter(c -> c.ty() == ty && !c.name().equals("id")).collect(Collectors.toList());
    }

    String text(Row row, String column) {
        Integer i = colIndex.get(column);
        if (i == null) throw new IllegalArgumentException("no column " + column);
        return row.texts()[i];
    }

    void create(Connection c, Random rnd, int rowCount) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TYPE \"" + enumType + "\" AS ENUM ("
                + DiffValues.ENUM_LABELS.stream().map(GenExpr::quote).collect(Collectors.joining(", ")) + ")");
            st.execute("CREATE TABLE \"" + name + "\" ("
                + cols.stream().map(col -> col.ref() + " " + col.sqlType()).collect(Collectors.joining(", ")) + ")");
        }
        insertRows(c, rnd, rowCount);
        readBack(c);
        whereColumns = readCatalog(c);
    }

    void drop(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS \"" + name + "\"");
            st.execute("DROP TYPE IF EXISTS \"" + enumType + "\"");
        }
    }

    private void insertRows(Connection c, Random rnd, int rowCount) throws SQLException {
        DiffValues values = new DiffValues(rnd);
        String sql = "INSERT INTO \"" + name + "\" (" + cols.stream().map(Col::ref).collect(Collectors.joining(", "))
            + ") VALUES (" + cols.stream().map(col -> "?::" + castType(col)).collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int id = 1; id <= rowCount; id++) {
                ps.setInt(1, id);
                for (int i = 1; i < cols.size(); i++) {
                    Col col = cols.get(i);
                    String v;
                    if (rnd.nextInt(100) < 15) v = null;
                    else if (col.sqlType().startsWith("numeric(")) v = values.numeric102();
                    else v = values.value(col.ty());
                    ps.setString(i + 1, v);
                    if (v == null) ps.setNull(i + 1, Types.VARCHAR);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String castType(Col col) {
        if (col.name().equals("id")) return "int4";
        return col.sqlType().replace(" primary key", "");
    }

    private void readBack(Connection c) throws SQLException {
        String select = cols.stream()
            .map(col -> col.ty() == GenTy.BPCHAR
                ? "CASE WHEN " + col.ref() + " IS NULL THEN NULL ELSE concat(" + col.ref() + ", '') END"
                : col.ref() + "::text")
            .collect(Collectors.joining(", "));
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, " + select + " FROM \"" + name + "\" ORDER BY 1")) {
            while (rs.next()) {
                String[] texts = new String[cols.size()];
                for (int i = 0; i < cols.size(); i++) texts[i] = rs.getString(i + 2);
                rows.add(new Row(rs.getInt(1), texts));
            }
        }
    }

    /** The table's columns as the where engine is given them: typname of the (element) type, dims, enum flag. */
    private List<WhereColumn> readCatalog(Connection c) throws SQLException {
        String sql = "SELECT a.attname, coalesce(et.typname, t.typname), "
            + "CASE WHEN et.oid IS NULL THEN 0 ELSE greatest(a.attndims, 1) END, "
            + "coalesce(et.typtype, t.typtype) = 'e' "
            + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            + "LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' "
            + "WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        List<WhereColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, '"' + name + '"');
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new WhereColumn(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    /** The row as text for failure messages: only the given columns. */
    String describe(Row row, java.util.Collection<String> columns) {
        StringBuilder sb = new StringBuilder("id=").append(row.id());
        for (String col : columns) {
            if (col.equals("id")) continue;
            String v = text(row, col);
            sb.append(", ").append(col).append('=').append(v == null ? "NULL" : GenExpr.quote(v));
        }
        return sb.toString();
    }
}
