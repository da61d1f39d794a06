package io.shapesync.shapes.where;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Postgres as the oracle: per-row truth values of a predicate (errors caught per row) and WHERE result sets. */
final class DiffOracle {
    /** The predicate fails before any row is read (parse, type or constant-folding error). */
    static final class PlanError extends Exception {
        PlanError(String message) {
            super(message);
        }
    }

    static final String ERROR = "ERROR: ";

    private final Connection c;
    private final DiffTable table;
    private final String table_;
    private final String rowFunction;

    DiffOracle(Connection c, DiffTable table) {
        this.c = c;
        this.table = table;
        this.table_ = '"' + table.name + '"';
        this.rowFunction = '"' + table.name + "_eval\"";
    }

    /**
     * {@code id → "true" | "false" | null | "ERROR: msg"} for each row in {@code ids} (null = all rows). When the
     * query raises, every row is evaluated again through a plpgsql function that catches the error per row. Its plan
     * is forced generic: a custom plan would fold the row's values in as constants and raise at plan time in
     * branches that evaluation never reaches.
     */
    Map<Integer, String> rows(String predicate, Collection<Integer> ids) throws PlanError, SQLException {
        Map<Integer, String> out = new HashMap<>();
        String where = ids == null ? "" : " WHERE id = ANY(?)";
        try (PreparedStatement ps = c.prepareStatement("SELECT id, (" + predicate + ")::text FROM " + table_ + where)) {
            if (ids != null) ps.setArray(1, idArray(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getInt(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            planCheck(predicate);
        }
        if (predicate.contains("$wd$")) throw new PlanError("predicate contains $wd$");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION " + rowFunction + "(r " + table_ + ") RETURNS text LANGUAGE plpgsql "
                + "SET plan_cache_mode = force_generic_plan AS $wd$ BEGIN RETURN (SELECT (" + predicate + ")::text FROM (SELECT (r).*) s); "
                + "EXCEPTION WHEN OTHERS THEN RETURN '" + ERROR + "' || SQLERRM; END $wd$");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, " + rowFunction + "(x) FROM " + table_ + " x"
            + where)) {
            if (ids != null) ps.setArray(1, idArray(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private void planCheck(String predicate) throws PlanError {
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT (" + predicate + ") FROM " + table_ + " WHERE false").close();
        } catch (SQLException e) {
            throw new PlanError(message(e));
        }
    }

    /** {@code SELECT id FROM t WHERE <sql>} with {@code binds} for its {@code ?} placeholders. */
    TreeSet<Integer> where(String sql, List<String> binds, Collection<Integer> ids) throws SQLException {
        String q = "SELECT id FROM " + table_ + " WHERE (" + sql + ")" + (ids == null ? "" : " AND id = ANY(?)");
        TreeSet<Integer> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(q)) {
            int i = 1;
            for (String b : binds) ps.setString(i++, b);
            if (ids != null) ps.setArray(i, idArray(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** Whether {@code SELECT (<sql>) FROM t} (select list, no qual reordering) runs without error. */
    boolean selectListRuns(String sql, List<String> binds, Collection<Integer> ids) {
        String q = "SELECT (" + sql + ")::text FROM " + table_ + (ids == null ? "" : " WHERE id = ANY(?)");
        try (PreparedStatement ps = c.prepareStatement(q)) {
            int i = 1;
            for (String b : binds) ps.setString(i++, b);
            if (ids != null) ps.setArray(i, idArray(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rs.getString(1);
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private Array idArray(Collection<Integer> ids) throws SQLException {
        return c.createArrayOf("int4", ids.toArray());
    }

    void dropFunction() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP FUNCTION IF EXISTS " + rowFunction + "(" + table_ + ")");
        }
    }

    static String message(SQLException e) {
        String m = e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replaceFirst("^ERROR: ", "");
    }

    DiffTable table() {
        return table;
    }
}
