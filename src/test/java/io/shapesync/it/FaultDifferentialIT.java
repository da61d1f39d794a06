package io.shapesync.it;

import static io.shapesync.it.ShapeHttp.enc;
import static io.shapesync.it.ShapeHttp.header;
import static io.shapesync.it.ShapeHttp.messages;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * The short randomized proof of issue 4: shapes with random where clauses over a few tables, a random workload that
 * moves rows across shapes, and faults in the middle (application restarts, terminated replication connections, a
 * TRUNCATE, an ALTER TABLE). Clients sync as they go, holding handles and offsets across the faults and refetching
 * on 409; at quiescence every client's rows equal the matching SELECT. Seeded ({@code -Dfault.diff.seed}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(420)
class FaultDifferentialIT {
    private static final String DEPLOYMENT = "faults";
    private static final long SEED = Long.getLong("fault.diff.seed", 20261122L);
    private static final String[] CLAUSES = {"grp = %d", "grp IN (%d, 3)", "score > %d0", "score BETWEEN %d AND 60 AND grp <> 1",
        "label LIKE 'l%d%%'", "grp = %d OR score < 15", "NOT (grp = %d) AND label IS NOT NULL"};

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    Deployer deployer;

    /** One client's materialized shape: handle, offset and rows, refetched from scratch on 409. */
    private static final class Client {
        final String table;
        final String query;
        String handle;
        String offset = "-1";
        ShapeHttp.View view = new ShapeHttp.View();
        int refetches;

        Client(String table, String where) {
            this.table = table;
            this.query = "table=" + table + "&where=" + enc(where);
            this.where = where;
        }

        final String where;

        void catchUp(ShapeHttp http) throws Exception {
            for (int i = 0; i < 1000; i++) {
                HttpResponse<String> r = http.get(query + "&offset=" + offset + (handle == null ? "" : "&handle=" + handle));
                if (r.statusCode() == 409) {
                    refetches++;
                    handle = null;
                    offset = "-1";
                    view = new ShapeHttp.View();
                    continue;
                }
                if (r.statusCode() != 200) throw new IllegalStateException(query + ": " + r.statusCode() + " " + r.body());
                view.apply(messages(r));
                handle = header(r, "electric-handle");
                offset = header(r, "electric-offset");
                if (view.upToDate) return;
            }
            throw new IllegalStateException("never up-to-date: " + query);
        }
    }

    @Test
    void shouldMatchSelectForEveryShapeWhenFaultsHitARandomWorkload() throws Exception {
        Random rnd = new Random(SEED);
        System.out.println("fault-diff seed=" + SEED + " (reproduce with -Dfault.diff.seed=" + SEED + ")");
        ShapeHttp http = new ShapeHttp(new URL("http://localhost:3001/shapesync-it/"));
        List<String> tables = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String table = PgFixture.uniqueTable("fd");
            PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, grp int4, score int4, label text)",
                    "INSERT INTO " + table + " SELECT i, i % 5, (i * 7) % 100, 'l' || (i % 9) FROM generate_series(1, 200) i");
            tables.add(table);
        }
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String where = String.format(CLAUSES[rnd.nextInt(CLAUSES.length)], rnd.nextInt(5));
            clients.add(new Client(tables.get(rnd.nextInt(tables.size())), where));
        }
        deployer.deploy(DEPLOYMENT);
        int transactions = 0;
        int restarts = 0;
        int terminations = 0;
        int nextId = 1000;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> http.getPath("/v1/health").statusCode() == 200);
            for (Client c : clients) c.catchUp(http);
            for (int round = 0; round < 12; round++) {
                for (int k = 0; k < 40; k++, transactions++) nextId = randomTransaction(rnd, tables, nextId);
                switch (round) {
                    case 3, 8 -> {
                        deployer.undeploy(DEPLOYMENT);
                        for (int k = 0; k < 20; k++, transactions++) nextId = randomTransaction(rnd, tables, nextId);
                        deployer.deploy(DEPLOYMENT);
                        await().atMost(Duration.ofSeconds(60)).until(() -> http.getPath("/v1/health").statusCode() == 200);
                        restarts++;
                    }
                    case 1, 5, 10 -> {
                        PgFixture.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots "
                                + "WHERE slot_name LIKE 'shapesync_slot_%' AND active_pid IS NOT NULL");
                        terminations++;
                    }
                    case 6 -> PgFixture.execute("TRUNCATE " + tables.get(0),
                            "INSERT INTO " + tables.get(0) + " SELECT i, i % 5, i % 100, 'l' || (i % 9) FROM generate_series(1, 50) i");
                    case 7 -> PgFixture.execute("ALTER TABLE " + tables.get(1) + " ADD COLUMN note text");
                    default -> { }
                }
                for (Client c : clients) if (rnd.nextBoolean()) c.catchUp(http);
            }
            int mismatched = 0;
            int refetches = 0;
            for (Client c : clients) {
                Map<String, Map<String, String>> want = select(c);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                c.catchUp(http);
                while (!c.view.rows.equals(want) && System.nanoTime() < deadline) {
                    c.catchUp(http);
                    want = select(c);
                }
                if (!c.view.rows.equals(want) || c.view.conflicts > 0) {
                    mismatched++;
                    System.out.println("MISMATCH " + c.query + ": want " + want.size() + " rows, have " + c.view.rows.size()
                            + ", conflicts " + c.view.conflicts);
                }
                refetches += c.refetches;
            }
            System.out.println("figure: fault_diff seed=" + SEED + " shapes=" + clients.size() + " transactions=" + transactions
                    + " restarts=" + restarts + " terminations=" + terminations + " truncates=1 alters=1 refetches=" + refetches
                    + " mismatches=" + mismatched);
            assertEquals(0, mismatched, "shapes differing from their SELECT (seed " + SEED + ")");
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    /** One transaction of 1-4 random writes; some move rows across the clauses, some change keys, some roll back. */
    private static int randomTransaction(Random rnd, List<String> tables, int nextId) throws Exception {
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                String t = tables.get(rnd.nextInt(tables.size()));
                int id = 1 + rnd.nextInt(nextId);
                switch (rnd.nextInt(6)) {
                    case 0 -> st.execute("INSERT INTO " + t + " (id, grp, score, label) VALUES (" + nextId++ + ", "
                            + rnd.nextInt(5) + ", " + rnd.nextInt(100) + ", " + (rnd.nextInt(5) == 0 ? "NULL" : "'l" + rnd.nextInt(9) + "'")
                            + ") ON CONFLICT DO NOTHING");
                    case 1 -> st.execute("DELETE FROM " + t + " WHERE id = " + id);
                    case 2 -> st.execute("UPDATE " + t + " SET id = " + nextId++ + " WHERE id = " + id);
                    case 3 -> st.execute("UPDATE " + t + " SET grp = " + rnd.nextInt(5) + " WHERE id = " + id);
                    case 4 -> st.execute("UPDATE " + t + " SET score = " + rnd.nextInt(100) + ", label = 'l" + rnd.nextInt(9)
                            + "' WHERE id = " + id);
                    default -> st.execute("UPDATE " + t + " SET score = score + 1 WHERE grp = " + rnd.nextInt(5) + " AND id % 7 = "
                            + rnd.nextInt(7));
                }
            }
            if (rnd.nextInt(10) == 0) c.rollback();
            else c.commit();
        }
        return nextId;
    }

    private static Map<String, Map<String, String>> select(Client client) throws Exception {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + client.table + " WHERE " + client.where)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), rs.getString(i));
                rows.put("\"public\".\"" + client.table + "\"/\"" + rs.getString("id") + "\"", row);
            }
        }
        return rows;
    }
}
