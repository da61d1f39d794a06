package io.shapesync.shapes;

import io.shapesync.decoding.Change;
import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.RowDeleted;
import io.shapesync.decoding.RowInserted;
import io.shapesync.decoding.RowUpdated;
import io.shapesync.shapes.where.EvaluationException;
import io.shapesync.shapes.where.RowFilter;
import io.shapesync.shapes.where.Subquery;
import io.shapesync.shapes.where.SubqueryValues;
import io.shapesync.shapes.where.Where;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current results of a shape's subqueries ({@code col IN (SELECT x FROM t WHERE ...)}): per subquery, how many
 * rows of the inner table yield each key. Loaded in the snapshot's transaction, then kept up to date from the inner
 * tables' changes (which are routed to the shape). When a subquery's result set changes, rows of the outer shape
 * would move in or out without being written; ShapeSync does not compute those moves incrementally: the shape is
 * invalidated (409 must-refetch) and clients resync against a fresh snapshot (spec §11.6, the documented fallback).
 * Used by the snapshot thread, then by the replication thread only.
 */
final class SubqueryTracker implements SubqueryValues {

    /** A subquery's result set changed: the outer shape must be rebuilt. */
    static final class ResultChangedException extends RuntimeException {
        ResultChangedException(String table) {
            super("the result of a subquery over " + table + " changed");
        }
    }

    /** The key of an inner row with a NULL in a selected column. */
    private static final Object NULL_ROW = new Object();

    private final List<Subquery> subqueries;
    private final List<TableInfo> tables;
    private final List<Map<Object, Integer>> counts = new ArrayList<>();
    private final long[] nullRows;   // rows yielding a NULL in a selected column, per subquery
    private final long[] allRows;    // rows yielding anything, per subquery
    private final Map<Relation, int[][]> bindings = new HashMap<>();

    SubqueryTracker(Where where, List<TableInfo> tables) {
        this.subqueries = where.subqueries();
        this.tables = tables;
        for (int i = 0; i < subqueries.size(); i++) counts.add(new HashMap<>());
        this.nullRows = new long[subqueries.size()];
        this.allRows = new long[subqueries.size()];
    }

    boolean tracks(int relationId) {
        for (TableInfo t : tables) if (t.oid() == relationId) return true;
        return false;
    }

    @Override
    public boolean contains(int index, Object key) {
        Integer n = counts.get(index).get(key);
        return n != null && n > 0;
    }

    @Override
    public boolean hasNull(int index) {
        return nullRows[index] > 0;
    }

    @Override
    public boolean isEmpty(int index) {
        return allRows[index] == 0;
    }

    /** Reads every subquery's current result with counts, in the caller's (snapshot) transaction. */
    void load(Connection c) throws SQLException {
        for (int i = 0; i < subqueries.size(); i++) {
            Subquery sq = subqueries.get(i);
            StringBuilder cols = new StringBuilder();
            for (String col : sq.columns()) {
                if (!cols.isEmpty()) cols.append(", ");
                cols.append(QualifiedName.quote(col)).append("::text");
            }
            StringBuilder sql = new StringBuilder("SELECT ").append(cols).append(", count(*) FROM ")
                    .append(tables.get(i).name().sql());
            Where.Sql inner = sq.where() == null ? null : sq.where().sql();
            if (inner != null) sql.append(" WHERE ").append(inner.text());
            sql.append(" GROUP BY ").append(cols);
            Map<Object, Integer> m = counts.get(i);
            m.clear();
            nullRows[i] = 0;
            allRows[i] = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                if (inner != null) Snapshotter.bind(ps, 1, inner.binds());
                try (ResultSet rs = ps.executeQuery()) {
                    int n = sq.columns().size();
                    while (rs.next()) {
                        List<String> texts = new ArrayList<>(n);
                        for (int k = 1; k <= n; k++) texts.add(rs.getString(k));
                        int rows = rs.getInt(n + 1);
                        allRows[i] += rows;
                        if (texts.contains(null)) nullRows[i] += rows;  // NULL never equals, but makes a miss NULL
                        else m.merge(sq.key(texts), rows, Integer::sum);
                    }
                }
            }
        }
    }

    /** Applies a change of an inner table; throws {@link ResultChangedException} when a result set changed. */
    void apply(Change change) {
        if (change instanceof RowInserted r) apply(r.relation(), null, r.row());
        else if (change instanceof RowDeleted d) apply(d.relation(), d.oldRow(), null);
        else if (change instanceof RowUpdated u) {
            Row now = u.oldRow() == null ? u.newRow() : u.newRow().withUnchangedFrom(u.oldRow());
            apply(u.relation(), u.oldRow(), now);
        }
    }

    private void apply(Relation relation, Row old, Row now) {
        for (int i = 0; i < subqueries.size(); i++) {
            if (tables.get(i).oid() != relation.relationId()) continue;
            int[][] b = bind(relation);
            Object oldKey = old == null ? null : keyIfMatches(i, b, old);
            Object newKey = now == null ? null : keyIfMatches(i, b, now);
            if (oldKey != null && oldKey.equals(newKey)) continue;
            boolean changed = false;
            if (oldKey != null) changed |= remove(i, oldKey);
            if (newKey != null) changed |= add(i, newKey);
            if (changed) throw new ResultChangedException(relation.qualifiedName());
        }
    }

    /** Adds a result row; true when the result (as IN and NOT IN see it) changed. */
    private boolean add(int i, Object key) {
        boolean wasEmpty = allRows[i]++ == 0;
        if (key == NULL_ROW) return nullRows[i]++ == 0 || wasEmpty;
        return counts.get(i).merge(key, 1, Integer::sum) == 1;
    }

    private boolean remove(int i, Object key) {
        boolean nowEmpty = --allRows[i] == 0;
        if (key == NULL_ROW) return --nullRows[i] == 0 || nowEmpty;
        Map<Object, Integer> m = counts.get(i);
        int left = m.merge(key, -1, Integer::sum);
        if (left <= 0) m.remove(key);
        return left <= 0;
    }

    private Object keyIfMatches(int i, int[][] binding, Row row) {
        Subquery sq = subqueries.get(i);
        int[] where = binding[2 * i];
        int[] cols = binding[2 * i + 1];
        if (sq.where() != null) {
            RowFilter f = sq.where().filter();
            try {
                if (!f.matches(slot -> row.get(where[slot]))) return null;
            } catch (EvaluationException e) {
                return null;
            }
        }
        List<String> texts = new ArrayList<>(cols.length);
        for (int c : cols) {
            String v = row.get(c);
            if (v == null) return NULL_ROW;
            texts.add(v);
        }
        return sq.key(texts);
    }

    /** Per subquery: positions of its where clause's columns, then of its selected columns, in the relation. */
    private int[][] bind(Relation relation) {
        return bindings.computeIfAbsent(relation, r -> {
            int[][] out = new int[2 * subqueries.size()][];
            for (int i = 0; i < subqueries.size(); i++) {
                Subquery sq = subqueries.get(i);
                if (tables.get(i).oid() != r.relationId()) continue;
                out[2 * i] = positions(r, sq.where() == null ? List.of() : sq.where().columns());
                out[2 * i + 1] = positions(r, sq.columns());
            }
            return out;
        });
    }

    private static int[] positions(Relation r, List<String> names) {
        int[] p = new int[names.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.columnIndex(names.get(i));
            if (p[i] < 0) throw new ChangeEncoder.ColumnMissingException(names.get(i));
        }
        return p;
    }
}
