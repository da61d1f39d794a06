package io.shapesync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Electric's ELECTRIC_MANUAL_TABLE_PUBLISHING and ELECTRIC_POOLED_DATABASE_URL, through their sync.* keys, in a
 * deployed WAR: the operator owns the publication, and non-replication queries go to the query URL (here the same
 * Postgres as a role of its own, so its connections can be told apart in pg_stat_activity).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(120)
class ElectricConfigIT {
    private static final String QUERY_ROLE = "shapesync_query_url_it";
    private static final String PUBLICATION = "shapesync_pub_default";

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        PgFixture.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + QUERY_ROLE + "') THEN"
                + " CREATE ROLE " + QUERY_ROLE + " LOGIN SUPERUSER PASSWORD 'q'; END IF; END $$");
        io.shapesync.config.PgConnectionInfo db = io.shapesync.config.PgConnectionInfo.parse(PgFixture.databaseUrl());
        String queryUrl = "postgresql://" + QUERY_ROLE + ":q@" + db.host() + ":" + db.port() + "/" + db.database();
        return SecurityDeployments.war("shapesync-electric-config.war",
                "sync.publication.manual=true\nsync.pg.query-url=" + queryUrl + "\n");
    }

    @ArquillianResource
    URL base;

    /** A table of its own, once this deployment streams (the publication exists then). */
    private String table() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        for (int i = 0; i < 600 && http.getPath("/v1/health").statusCode() != 200; i++) Thread.sleep(100);
        String table = PgFixture.uniqueTable("manual");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)", "INSERT INTO " + table + " VALUES (1, 'one')");
        return table;
    }

    private static List<Object> published(String table) throws SQLException {
        try (Connection c = PgFixture.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_publication_tables WHERE pubname = ? AND tablename = ?),
                       (SELECT relreplident::text FROM pg_class WHERE oid = ?::regclass)""")) {
            ps.setString(1, PUBLICATION);
            ps.setString(2, table);
            ps.setString(3, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getBoolean(1), rs.getString(2));
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = PgFixture.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, QUERY_ROLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> activity() {
        try (Connection c = PgFixture.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(usename::text, '') || '/' || backend_type || '/' || coalesce(state, '') FROM pg_stat_activity");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        } catch (SQLException e) {
            return List.of(e.toString());
        }
    }

    @Test
    void shouldRefuseATableOutsideThePublicationWithoutAlteringIt() throws Exception {
        String table = table();
        HttpResponse<String> r = new ShapeHttp(base).get("table=" + table + "&offset=-1");
        assertEquals(400, r.statusCode(), r.body());
        JsonObject body = ShapeHttp.json(r);
        String message = body.getJsonObject("errors").getJsonArray("table").getString(0);
        assertTrue(message.contains(table) && message.contains("not in the publication")
                && message.contains("ALTER PUBLICATION \"" + PUBLICATION + "\" ADD TABLE") && message.contains("REPLICA IDENTITY FULL"),
                message);
        assertEquals(List.of(false, "d"), published(table), "ShapeSync must not touch the publication nor the replica identity");

        PgFixture.execute("ALTER PUBLICATION " + PUBLICATION + " ADD TABLE " + table);
        r = new ShapeHttp(base).get("table=" + table + "&offset=-1");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("does not have REPLICA IDENTITY FULL"), r.body());
        assertEquals(List.of(true, "d"), published(table));
    }

    @Test
    void shouldServeAndStreamATableTheOperatorPublished() throws Exception {
        String table = table();
        PgFixture.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL", "ALTER PUBLICATION " + PUBLICATION + " ADD TABLE " + table);
        ShapeHttp http = new ShapeHttp(base);
        ShapeHttp.View view = new ShapeHttp.View();
        String[] at = http.syncUntilUpToDate("table=" + table, view);
        assertEquals(PgFixture.rows(table, null, "id", "title"), view.rows);
        PgFixture.execute("INSERT INTO " + table + " VALUES (2, 'two')", "UPDATE " + table + " SET title = 'uno' WHERE id = 1");
        http.pollUntil("table=" + table, at[0], at[1], view, () -> PgFixture.rows(table, null, "id", "title"));
        assertEquals(0, view.conflicts);
    }

    @Test
    void shouldSendQueriesToTheQueryUrlAndReplicationToDatabaseUrl() throws Exception {
        String table = table();
        PgFixture.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL", "ALTER PUBLICATION " + PUBLICATION + " ADD TABLE " + table);
        HttpResponse<String> r = new ShapeHttp(base).get("table=" + table + "&offset=-1");
        assertEquals(200, r.statusCode(), r.body());
        // the pool keeps the query connection it used, idle, under the query URL's application name
        assertTrue(count("SELECT count(*) FROM pg_stat_activity WHERE usename = ?") >= 1,
                () -> "no connection of the query URL in pg_stat_activity: " + activity());
        // the walsender and the instance lock keep DATABASE_URL
        assertEquals(0, count("SELECT count(*) FROM pg_stat_activity WHERE usename = ?"
                + " AND (backend_type = 'walsender' OR pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory'))"));
        assertFalse(count("SELECT count(*) FROM pg_stat_replication WHERE usename <> ?") < 1,
                "no walsender of this deployment");
    }
}
