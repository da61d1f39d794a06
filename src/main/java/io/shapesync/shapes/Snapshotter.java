package io.shapesync.shapes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import io.shapesync.metrics.SnapshotProgress;
import io.shapesync.metrics.SyncMetrics;
import java.util.List;
import java.util.logging.Logger;

/**
 * Runs a shape's initial snapshot on a snapshot thread: a REPEATABLE READ transaction whose first statement takes
 * {@code pg_current_snapshot()}, then the rows, streamed with {@code COPY … TO STDOUT} into the shape's log chunk by
 * chunk, so memory does not grow with the table.
 */
final class Snapshotter {
    private static final Logger LOG = Logger.getLogger(Snapshotter.class.getName());
    /** Types whose cast to text differs from their output function (pg_cast with a castfunc to text). */
    private static final java.util.Set<String> OWN_TEXT_CAST = java.util.Set.of("bpchar", "bool", "inet", "cidr");

    private Snapshotter() {
    }

    static void run(Shape shape, Connection c, SyncMetrics metrics) throws SQLException {
        try (SnapshotProgress progress = metrics.snapshotStarted(shape.definition().table().name().toString(),
                shape.handle())) {
            run(shape, c, progress);
            progress.completed();
        }
    }

    private static void run(Shape shape, Connection c, SnapshotProgress progress) throws SQLException {
        long started = System.nanoTime();
        ShapeDefinition def = shape.definition();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        SnapshotXids xids;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_snapshot()::text")) {
            rs.next();
            xids = SnapshotXids.parse(rs.getString(1));
        }
        if (shape.subqueries() != null) shape.subqueries().load(c);
        if (def.where() == null && def.log() == LogMode.FULL) progress.estimate(SnapshotProgress.estimateRows(c, def.table().oid()));
        long rows = 0;
        if (def.log() == LogMode.FULL) rows = copyRows(shape, c, progress);
        c.commit();
        shape.completeSnapshot(xids);
        long ms = (System.nanoTime() - started) / 1_000_000;
        long n = rows;
        LOG.info(() -> "Snapshot of shape " + shape.handle() + " (" + def.table().name() + "): " + n + " rows in " + ms + " ms"
                + (ms > 0 ? " (" + n * 1000 / ms + " rows/s)" : "") + ", snapshot " + xids.xmin() + ":" + xids.xmax());
    }

    /**
     * Streams the shape's rows with {@code COPY (SELECT …) TO STDOUT} in the snapshot's transaction and appends each
     * as snapshot-row JSON, encoded from COPY's bytes. COPY takes no bind parameters, so the where clause is its
     * canonical form, whose constants are standard-conforming literals cast to the type their placeholder has
     * ({@code '<v>'::<type>} for {@code ?::<type>}): the same values, the same semantics.
     */
    private static long copyRows(Shape shape, Connection c, SnapshotProgress progress) throws SQLException {
        ShapeDefinition def = shape.definition();
        CopyRowEncoder encoder = shape.encoder().copyRowEncoder(def.columns());
        BaseConnection pg = c.unwrap(BaseConnection.class);
        if (!pg.getStandardConformingStrings()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL standard_conforming_strings = on");
            }
        }
        CopyOut copy = pg.getCopyAPI().copyOut(copySql(def));
        long rows = 0;
        try {
            for (byte[] row; (row = copy.readFromCopy()) != null; ) {
                shape.appendSnapshotRow(encoder.encode(row));
                rows++;
                progress.row();
            }
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) cancel(copy, e);
            throw e;
        }
        return rows;
    }

    /** Ends a COPY that failed on our side, so the connection can be used (and given back) again. */
    private static void cancel(CopyOut copy, Exception cause) {
        try {
            copy.cancelCopy();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The snapshot's COPY statement: the shape's columns as they are, since COPY's text format writes every value
     * with its type's output function, which is what the replication stream carries and what {@link #selectSql}'s
     * casts approximate for result sets. No cast per value (~20 % less time in Postgres for the benchmark table), and
     * right where a cast to text is not the output function: domains over the {@code OWN_TEXT_CAST} types and
     * {@code "char"}. The where clause in its literal form.
     */
    static String copySql(ShapeDefinition def) {
        StringBuilder sb = new StringBuilder("COPY (SELECT ");
        for (int i = 0; i < def.columns().size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(QualifiedName.quote(def.columns().get(i)));
        }
        sb.append(" FROM ").append(def.table().name().sql());
        if (def.where() != null) sb.append(" WHERE ").append(def.where().canonicalSql());
        return sb.append(") TO STDOUT").toString();
    }

    /** Binds text values to consecutive placeholders from {@code first}; returns the next placeholder index. */
    static int bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        int i = first;
        for (String v : values) ps.setObject(i++, v, java.sql.Types.OTHER);  // untyped: the SQL casts it
        return i;
    }

    /**
     * Every value as Postgres' text output (what the replication stream carries). {@code ::text} is that output for
     * most types, but not for the types with their own cast to text: bpchar (trims its padding), bool
     * ({@code true}/{@code false} instead of {@code t}/{@code f}), inet and cidr (inet gains its netmask). Those go
     * through concat(), which uses the output function.
     */
    static String selectSql(ShapeDefinition def) {
        StringBuilder sb = new StringBuilder("SELECT ");
        boolean first = true;
        for (String name : def.columns()) {
            if (!first) sb.append(", ");
            first = false;
            String col = QualifiedName.quote(name);
            ColumnInfo info = def.table().column(name);
            if (OWN_TEXT_CAST.contains(info.typeName()) && info.dims() == 0) {
                sb.append("CASE WHEN ").append(col).append(" IS NULL THEN NULL ELSE concat(").append(col).append(", '') END");
            } else {
                sb.append(col).append("::text");
            }
        }
        return sb.append(" FROM ").append(def.table().name().sql()).toString();
    }
}
