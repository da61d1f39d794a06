package io.shapesync.shapes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Before a shape's snapshot starts, puts its table in the publication and sets REPLICA IDENTITY FULL, in one
 * committed transaction, so every later change is streamed with complete old rows (spec §12.3). With manual
 * publishing (sync.publication.manual) it only checks both and refuses the shape, naming what the operator must do.
 */
final class TablePublisher {
    private TablePublisher() {
    }

    static void ensurePublished(Connection c, String publication, TableInfo table, boolean manual) throws SQLException {
        boolean member;
        char identity;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
                               WHERE p.pubname = ? AND pr.prrelid = ?),
                       (SELECT relreplident FROM pg_class WHERE oid = ?)""")) {
            ps.setString(1, publication);
            ps.setInt(2, table.oid());
            ps.setInt(3, table.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                member = rs.getBoolean(1);
                identity = rs.getString(2).charAt(0);
            }
        }
        if (member && identity == 'f') return;
        if (manual) refuse(publication, table, member);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '10s'");
            if (identity != 'f') st.execute("ALTER TABLE " + table.name().sql() + " REPLICA IDENTITY FULL");
            if (!member) st.execute("ALTER PUBLICATION " + QualifiedName.quote(publication) + " ADD TABLE " + table.name().sql());
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (!"42710".equals(e.getSQLState())) throw e;  // added concurrently: fine
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void refuse(String publication, TableInfo table, boolean member) {
        String name = table.name().sql();
        String pub = QualifiedName.quote(publication);
        if (!member) {
            throw new InvalidShapeException("table", "table " + name + " is not in the publication " + pub
                    + " and manual table publishing is on (ELECTRIC_MANUAL_TABLE_PUBLISHING / sync.publication.manual):"
                    + " the operator must run ALTER PUBLICATION " + pub + " ADD TABLE " + name
                    + " and ALTER TABLE " + name + " REPLICA IDENTITY FULL");
        }
        throw new InvalidShapeException("table", "table " + name + " does not have REPLICA IDENTITY FULL and manual table"
                + " publishing is on (ELECTRIC_MANUAL_TABLE_PUBLISHING / sync.publication.manual): the operator must run"
                + " ALTER TABLE " + name + " REPLICA IDENTITY FULL");
    }
}
