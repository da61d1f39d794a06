package io.shapesync.shapes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Before a shape's snapshot starts, puts its table in the publication and sets REPLICA IDENTITY FULL, in one
 * committed transaction, so every later change is streamed with complete old rows (spec §12.3).
 */
final class TablePublisher {
    private TablePublisher() {
    }

    static void ensurePublished(Connection c, String publication, TableInfo table) throws SQLException {
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
}
