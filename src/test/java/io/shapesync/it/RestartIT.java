package io.shapesync.it;

import static io.shapesync.it.ShapeHttp.enc;
import static io.shapesync.it.ShapeHttp.header;
import static io.shapesync.it.ShapeHttp.messages;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shapes survive a restart of the application (undeploy, writes while it is away, deploy again): the client goes on
 * from its handle and offset without must-refetch, and ends equal to the table, with no change lost or repeated.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(240)
class RestartIT {
    private static final String DEPLOYMENT = "restart";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void shouldKeepHandleAndOffsetWhenApplicationRestarts() throws Exception {
        ShapeHttp http = new ShapeHttp(new URL("http://localhost:3001/shapesync-it/"));
        String table = PgFixture.uniqueTable("restart");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, grp int4, title text)",
                "INSERT INTO " + table + " SELECT i, i % 3, 'row ' || i FROM generate_series(1, 50) i");
        String query = "table=" + table + "&where=" + enc("grp = 1");
        deployer.deploy(DEPLOYMENT);
        ShapeHttp.View view = new ShapeHttp.View();
        String[] position;
        try {
            position = http.syncUntilUpToDate(query, view);
            PgFixture.execute("UPDATE " + table + " SET title = 'before restart' WHERE id = 1");
            position[1] = http.pollUntil(query, position[0], position[1], view, () -> rows(table));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        // while the application is away: writes that move rows in and out, and a delete
        PgFixture.execute("UPDATE " + table + " SET title = 'while away' WHERE id = 4",
                "UPDATE " + table + " SET grp = 1 WHERE id = 2", "UPDATE " + table + " SET grp = 0 WHERE id = 7",
                "DELETE FROM " + table + " WHERE id = 10", "INSERT INTO " + table + " VALUES (100, 1, 'new')");
        deployer.deploy(DEPLOYMENT);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> healthy(http));
            HttpResponse<String> resumed = http.get(query + "&handle=" + position[0] + "&offset=" + position[1]);
            assertEquals(200, resumed.statusCode(), "the handle survived the restart: " + resumed.body());
            assertEquals(position[0], header(resumed, "electric-handle"));
            view.apply(messages(resumed));
            http.pollUntil(query, position[0], header(resumed, "electric-offset"), view, () -> rows(table));
            assertEquals(0, view.conflicts, "changes lost or repeated across the restart");
            assertEquals("while away", view.rows.get("\"public\".\"" + table + "\"/\"4\"").get("title"));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    @Test
    void shouldAnswerMustRefetchWhenSlotWasDroppedWhileAway() throws Exception {
        assertRefetchAfterAway("slotloss", "a shape built on the lost slot must be refetched", table -> {
            // the slot goes while ShapeSync is away: changes made meanwhile are not in any stream any more
            await().atMost(Duration.ofSeconds(30)).until(() -> dropSlot());
            PgFixture.execute("UPDATE " + table + " SET title = 'lost to the old slot' WHERE id = 3");
        });
    }

    @Test
    void shouldAnswerMustRefetchWhenAnotherInstanceConsumedTheSlotWhileAway() throws Exception {
        assertRefetchAfterAway("takeover", "a shape that misses changes consumed elsewhere must be refetched", table -> {
            // another instance (with its own data directory) takes over, streams this change and acknowledges it; the
            // change is made only once this instance's walsender is gone, so this instance cannot have received it
            await().atMost(Duration.ofSeconds(30)).until(() -> !slotActive());
            // committed with a WAL flush: a slot cannot be advanced past the flushed WAL
            PgFixture.execute("SET synchronous_commit = on",
                    "UPDATE " + table + " SET title = 'seen only by the other instance' WHERE id = 3");
            await().atMost(Duration.ofSeconds(30)).until(() -> advanceSlot());
        });
    }

    /** What happens to a table while the application is undeployed. */
    private interface WhileAway {
        void run(String table) throws Exception;
    }

    /**
     * Syncs a where-shape of a fresh table, undeploys, runs {@code whileAway}, deploys again: the old handle must get
     * 409 ({@code why}), and a fresh sync must equal the table.
     */
    private void assertRefetchAfterAway(String name, String why, WhileAway whileAway) throws Exception {
        ShapeHttp http = new ShapeHttp(new URL("http://localhost:3001/shapesync-it/"));
        String table = PgFixture.uniqueTable(name);
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, grp int4, title text)",
                "INSERT INTO " + table + " SELECT i, 1, 'row ' || i FROM generate_series(1, 10) i");
        String query = "table=" + table + "&where=" + enc("grp = 1");
        deployer.deploy(DEPLOYMENT);
        String[] position;
        try {
            position = http.syncUntilUpToDate(query, new ShapeHttp.View());
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        whileAway.run(table);
        deployer.deploy(DEPLOYMENT);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> healthy(http));
            HttpResponse<String> stale = http.get(query + "&handle=" + position[0] + "&offset=" + position[1]);
            assertEquals(409, stale.statusCode(), why + ": " + stale.body());
            ShapeHttp.View fresh = new ShapeHttp.View();
            http.syncUntilUpToDate(query, fresh);
            assertEquals(rows(table), fresh.rows);
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static boolean slotActive() {
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = 'shapesync_slot_default'")) {
            return rs.next() && rs.getBoolean(1);
        } catch (Exception e) {
            return true;
        }
    }

    /** What an instance that streamed the slot to the WAL's end and acknowledged it leaves behind. */
    private static boolean advanceSlot() {
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(pg_replication_slot_advance(slot_name, pg_current_wal_insert_lsn())) "
                     + "FROM pg_replication_slots WHERE slot_name = 'shapesync_slot_default'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (Exception e) {
            return false;  // still active for a moment after the undeploy
        }
    }

    @Test
    void shouldStandByWhileAnotherInstanceHoldsTheLockAndTakeOverWhenItGoes() throws Exception {
        ShapeHttp http = new ShapeHttp(new URL("http://localhost:3001/shapesync-it/"));
        // this connection plays the active instance: it holds the replication lock of the default slot
        Connection other = PgFixture.connect();
        try (Statement st = other.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(1397968206, hashtext('shapesync_slot_default'))")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "the test took the lock");
        }
        deployer.deploy(DEPLOYMENT);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> "{\"status\":\"waiting\"}".equals(health(http)));
            HttpResponse<String> waiting = http.getPath("/v1/health");
            assertEquals(202, waiting.statusCode());
            long gone = System.nanoTime();
            other.close();  // the active instance dies: its session, and the lock, go with it
            await().atMost(Duration.ofSeconds(30)).until(() -> "{\"status\":\"active\"}".equals(health(http)));
            long ms = (System.nanoTime() - gone) / 1_000_000;
            System.out.println("figure: standby_takeover_ms=" + ms);
            assertTrue(ms < 10_000, "took over after " + ms + " ms");
        } finally {
            if (!other.isClosed()) other.close();
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static String health(ShapeHttp http) {
        try {
            return http.getPath("/v1/health").body();
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void shouldAnswerMustRefetchWhenSlotLostItsWalWhileAway() throws Exception {
        ShapeHttp http = new ShapeHttp(new URL("http://localhost:3001/shapesync-it/"));
        String table = PgFixture.uniqueTable("walloss");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)",
                "INSERT INTO " + table + " SELECT i, 'row ' || i FROM generate_series(1, 10) i");
        deployer.deploy(DEPLOYMENT);
        String[] position;
        try {
            position = http.syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        try {
            // the slot may keep 1 MB of WAL; several segments later a checkpoint invalidates it (wal_status 'lost')
            PgFixture.execute("ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'", "SELECT pg_reload_conf()");
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                PgFixture.execute("UPDATE " + table + " SET title = title || '.' WHERE id = 1", "SELECT pg_switch_wal()",
                        "CHECKPOINT");
                return slotLost();
            });
        } finally {
            PgFixture.execute("ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
        }
        deployer.deploy(DEPLOYMENT);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> healthy(http));
            HttpResponse<String> stale = http.get("table=" + table + "&handle=" + position[0] + "&offset=" + position[1]);
            assertEquals(409, stale.statusCode(), "a shape whose slot lost its WAL must be refetched: " + stale.body());
            ShapeHttp.View fresh = new ShapeHttp.View();
            http.syncUntilUpToDate("table=" + table, fresh);
            assertTrue(fresh.rows.get("\"public\".\"" + table + "\"/\"1\"").get("title").endsWith("."));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static boolean slotLost() throws Exception {
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'shapesync_slot_%' "
                     + "AND wal_status = 'lost'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static boolean dropSlot() {
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots "
                     + "WHERE slot_name LIKE 'shapesync_slot_%'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (Exception e) {
            return false;  // still active for a moment after the undeploy
        }
    }

    private static boolean healthy(ShapeHttp http) {
        try {
            return http.getPath("/v1/health").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static Map<String, Map<String, String>> rows(String table) throws Exception {
        return PgFixture.rows(table, "grp = 1", "id", "grp", "title");
    }
}
