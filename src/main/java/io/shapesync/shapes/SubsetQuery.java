package io.shapesync.shapes;

import io.shapesync.shapes.where.Mode;
import io.shapesync.shapes.where.Where;
import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Node;
import io.shapesync.shapes.where.parse.Parser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A subset snapshot (spec §10): the shape's rows that also match a subset where clause, ordered and paged, read in
 * a REPEATABLE READ READ ONLY transaction together with its snapshot and WAL position.
 */
public final class SubsetQuery {
    private final Shape shape;
    private final Where where;
    private final String orderBy;
    private final Long limit;
    private final Long offset;

    private SubsetQuery(Shape shape, Where where, String orderBy, Long limit, Long offset) {
        this.shape = shape;
        this.where = where;
        this.orderBy = orderBy;
        this.limit = limit;
        this.offset = offset;
    }

    /**
     * Validates the subset against the shape's table.
     *
     * @throws InvalidShapeException with field {@code subset.where} or {@code subset.order_by}
     */
    public static SubsetQuery compile(Shape shape, String whereText, Map<String, String> params, String orderByText,
                                      Long limit, Long offset) {
        TableInfo table = shape.definition().table();
        ShapeDefinition.checkParams("subset.params", params);
        Where where = null;
        if (whereText != null && !whereText.isBlank()) {
            try {
                where = Where.compile(whereText, params, table.whereColumns(), Mode.SUBSET, (s, t) -> {
                    throw new WhereException(-1, "Subqueries are not allowed in subsets");
                });
            } catch (WhereException e) {
                throw new InvalidShapeException("subset.where", e.getMessage());
            } catch (RuntimeException e) {
                throw new InvalidShapeException("subset.where", "could not compile the where clause: " + e);
            }
        }
        String orderBy = orderByText == null || orderByText.isBlank() ? null : orderBySql(table, orderByText);
        return new SubsetQuery(shape, where, orderBy, limit, offset);
    }

    /** A plain ORDER BY list of columns (or constants) with directions, rendered with quoted identifiers. */
    static String orderBySql(TableInfo table, String text) {
        List<Node.SortItem> items;
        try {
            items = Parser.parseOrderBy(text);
        } catch (WhereException e) {
            throw new InvalidShapeException("subset.order_by", e.getMessage());
        }
        List<String> parts = new ArrayList<>();
        for (Node.SortItem item : items) {
            String expr;
            if (item.expr() instanceof Node.ColumnRef ref) {
                if (table.column(ref.name()) == null) {
                    throw new InvalidShapeException("subset.order_by", "At location " + ref.pos() + ": unknown reference " + ref.name());
                }
                expr = table.name().sql() + "." + QualifiedName.quote(ref.name());  // the column, not the ::text output
            } else if (item.expr() instanceof Node.Literal lit && lit.kind() == Node.Literal.Kind.INTEGER) {
                expr = lit.text();
            } else {
                String kind = item.expr().getClass().getSimpleName();
                throw new InvalidShapeException("subset.order_by", "At location " + item.expr().pos() + ": " + kind
                        + " expressions are not allowed in ORDER BY clauses");
            }
            StringBuilder sb = new StringBuilder(expr).append(item.descending() ? " DESC" : " ASC");
            if (item.nullsFirst() != null) sb.append(item.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
            parts.add(sb.toString());
        }
        return String.join(", ", parts);
    }

    /** Runs the query; the response body {@code {"metadata": {...}, "data": [...]}}. */
    public byte[] run(Connection c) throws SQLException {
        ShapeDefinition def = shape.definition();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            SnapshotXids xids;
            String lsn;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_current_snapshot()::text, pg_current_wal_lsn() - '0/0'::pg_lsn")) {
                rs.next();
                xids = SnapshotXids.parse(rs.getString(1));
                lsn = rs.getBigDecimal(2).toBigInteger().toString();
            }
            long mark = ThreadLocalRandom.current().nextLong(1L << 31);
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            out.writeBytes(metadata(xids, lsn, mark).getBytes(StandardCharsets.US_ASCII));
            List<String> binds = new ArrayList<>();
            StringBuilder sql = new StringBuilder(Snapshotter.selectSql(def));
            List<String> conditions = new ArrayList<>();
            if (def.where() != null) {
                conditions.add("(" + def.where().sql().text() + ")");
                binds.addAll(def.where().sql().binds());
            }
            if (where != null) {
                conditions.add("(" + where.sql().text() + ")");
                binds.addAll(where.sql().binds());
            }
            if (!conditions.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", conditions));
            if (orderBy != null) sql.append(" ORDER BY ").append(orderBy);
            if (limit != null) sql.append(" LIMIT ").append(limit);
            if (offset != null) sql.append(" OFFSET ").append(offset);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Snapshotter.bind(ps, 1, binds);
                ps.setFetchSize(1000);
                ChangeEncoder encoder = new ChangeEncoder(def);
                int[] sel = encoder.selectedIndexes(def.columns());
                int[] key = encoder.keyIndexes(def.columns());
                try (ResultSet rs = ps.executeQuery()) {
                    String[] values = new String[def.columns().size()];
                    boolean first = true;
                    while (rs.next()) {
                        for (int i = 0; i < values.length; i++) values[i] = rs.getString(i + 1);
                        if (!first) out.write(',');
                        first = false;
                        out.writeBytes(encoder.subsetRow(values, sel, key, mark));
                    }
                }
            }
            out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
            c.commit();
            return out.toByteArray();
        } finally {
            if (!c.getAutoCommit()) c.rollback();
        }
    }

    private static String metadata(SnapshotXids xids, String lsn, long mark) {
        return xids.appendXids(new StringBuilder("{\"metadata\":{")).append(",\"database_lsn\":\"").append(lsn)
                .append("\",\"snapshot_mark\":").append(mark).append("},\"data\":[").toString();
    }
}
