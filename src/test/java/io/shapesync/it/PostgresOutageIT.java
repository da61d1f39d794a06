package io.shapesync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Postgres goes away (a fast shutdown, like a restart or a lost network) and comes back: health is not ready while it
 * is gone, new shapes get a 503 naming the problem, existing shapes keep serving their logs, and after the restart
 * every change committed before and after the outage arrives exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(180)
class PostgresOutageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void shouldReportNotReadyDuringOutageThenCatchUpWithoutLossOrRepeat() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        String table = PgFixture.uniqueTable("outage");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text, n int8)",
                "INSERT INTO " + table + " SELECT i, 'row ' || i, i FROM generate_series(1, 50) i");
        String query = "table=" + table;
        ShapeHttp.View view = new ShapeHttp.View();
        String[] at = http.syncUntilUpToDate(query, view);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getPath("/v1/health").statusCode() == 200);

        // committed right before the shutdown: possibly not yet streamed when Postgres stops
        for (int i = 0; i < 20; i++) {
            PgFixture.execute("INSERT INTO " + table + " VALUES (" + (100 + i) + ", 'before', 0)",
                    "UPDATE " + table + " SET n = n + 1 WHERE id = " + (1 + i));
        }
        postgres("stop");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> http.getPath("/v1/health").statusCode() != 200);
            HttpResponse<String> health = http.getPath("/v1/health");
            assertEquals(202, health.statusCode());
            assertTrue(health.body().contains("\"starting\""), health.body());
            // MicroProfile Health: not ready while the stream is down, but alive (it reconnects by itself) and started.
            // Readiness and startup are asserted on our check's entry: their aggregate is DOWN on the IT server anyway,
            // because server.xml's webApplication (shapesync.war) is not deployed there (Liberty CWMMH0053W)
            HttpResponse<String> ready = serverRoot("/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("{\"name\":\"replication-ready\",\"status\":\"DOWN\""), ready.body());
            HttpResponse<String> live = serverRoot("/health/live");
            assertEquals(200, live.statusCode(), live.body());
            assertTrue(serverRoot("/health/started").body().contains("{\"name\":\"replication-started\",\"status\":\"UP\""));
            HttpResponse<String> newShape = http.get("table=" + PgFixture.uniqueTable("absent") + "&offset=-1");
            assertEquals(503, newShape.statusCode(), newShape.body());
            assertTrue(newShape.body().contains("database_unreachable"), newShape.body());
            // the existing shape still answers from its log
            HttpResponse<String> existing = http.get(query + "&handle=" + at[0] + "&offset=" + at[1]);
            assertEquals(200, existing.statusCode(), existing.body());
        } finally {
            postgres("start");
        }
        PgFixture.execute("UPDATE " + table + " SET title = 'after' WHERE id <= 10", "DELETE FROM " + table + " WHERE id = 50");
        await().atMost(Duration.ofSeconds(60)).until(() -> http.getPath("/v1/health").statusCode() == 200);
        http.pollUntil(query, at[0], at[1], view, () -> tableRows(table));
        assertEquals(0, view.conflicts, "conflicting messages (lost or repeated changes)");
        HttpResponse<String> ready = serverRoot("/health/ready");
        assertTrue(ready.body().contains("{\"name\":\"replication-ready\",\"status\":\"UP\""), ready.body());
    }

    /** MicroProfile Health lives at the server's root, not under the application's context root. */
    private HttpResponse<String> serverRoot(String path) throws Exception {
        java.net.URI uri = base.toURI().resolve(path);
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs liberty/postgres.sh on the build's test cluster. */
    private static void postgres(String command) throws Exception {
        Path root = Path.of(System.getProperty("shapesync.it.base-dir"));
        Path cluster = root.resolve("target/it-postgres/cluster").toRealPath();
        Process p = new ProcessBuilder("bash", root.resolve("liberty/postgres.sh").toString(), command, cluster.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "postgres.sh " + command + " timed out");
        assertEquals(0, p.exitValue(), "postgres.sh " + command + " failed");
    }

    private static Map<String, Map<String, String>> tableRows(String table) throws Exception {
        return PgFixture.rows(table, null, "id", "title", "n");
    }
}
