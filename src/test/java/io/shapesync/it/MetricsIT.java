package io.shapesync.it;

import static io.shapesync.it.ShapeHttp.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** MicroProfile Metrics of a real server: scraped from Liberty's /metrics while shapes are created and changed. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(180)
class MetricsIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    /** The application's metrics in Prometheus text; /metrics is the server's, outside the WAR's context root. */
    private String scrape() throws IOException, InterruptedException {
        URI uri = URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/metrics?scope=application");
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /**
     * The value of the first sample named {@code name} whose labels contain {@code label} (null: any); NaN when there
     * is none. Prometheus text: {@code name{labels} value}.
     */
    static double value(String scrape, String name, String label) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            String sampleName = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            String labels = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            if (sampleName.equals(name) && (label == null || labels.contains(label))) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return Double.NaN;
    }

    private static double present(String scrape, String name, String label) {
        double v = value(scrape, name, label);
        assertTrue(!Double.isNaN(v), () -> name + (label == null ? "" : label) + " missing from the scrape:\n" + scrape);
        return v;
    }

    /** A counter that may not exist yet counts 0. */
    private static double count(String scrape, String name, String label) {
        double v = value(scrape, name, label);
        return Double.isNaN(v) ? 0 : v;
    }

    @Test
    void shouldMoveMetricsWhenShapesAreCreatedChangedAndPolled() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        String before = scrape();
        double rowsBefore = present(before, "sync_replication_row_changes_total", null);
        double txBefore = present(before, "sync_replication_transactions_total", null);
        double ok200Before = count(before, "sync_http_responses_total", "code=\"200\"");
        double bad400Before = count(before, "sync_http_responses_total", "code=\"400\"");
        double snapshotsBefore = present(before, "sync_snapshot_duration_seconds_count", null);

        String table = PgFixture.uniqueTable("metrics");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)",
                "INSERT INTO " + table + " SELECT i, 'item ' || i FROM generate_series(1, 100) i");
        HttpResponse<String> first = http.get("table=" + table + "&offset=-1");
        assertEquals(200, first.statusCode(), first.body());
        String handle = header(first, "electric-handle");
        assertNotNull(handle);
        assertEquals(400, http.get("table=" + table + "&offset=nonsense").statusCode());

        // 30 inserts in one transaction, 20 updates and 5 deletes in another: 55 row changes, 2 transactions
        PgFixture.execute("INSERT INTO " + table + " SELECT i, 'new ' || i FROM generate_series(101, 130) i");
        PgFixture.execute("BEGIN", "UPDATE " + table + " SET title = 'changed' WHERE id <= 20",
                "DELETE FROM " + table + " WHERE id > 125", "COMMIT");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            String s = scrape();
            assertTrue(present(s, "sync_replication_row_changes_total", null) >= rowsBefore + 55, s);
            assertTrue(present(s, "sync_replication_transactions_total", null) >= txBefore + 2, s);
            assertTrue(present(s, "sync_snapshot_duration_seconds_count", null) >= snapshotsBefore + 1, s);
            assertTrue(present(s, "sync_http_responses_total", "code=\"200\"") >= ok200Before + 1, s);
            assertTrue(present(s, "sync_http_responses_total", "code=\"400\"") >= bad400Before + 1, s);
            assertTrue(present(s, "sync_shapes_count", null) >= 1, s);
        });

        // sampled every 5 s on a connection of its own: -1 until a sample found the slot
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String s = scrape();
            assertTrue(present(s, "sync_replication_retained_wal_bytes", null) >= 0, s);
            assertTrue(present(s, "sync_replication_lag_bytes", null) >= 0, s);
            assertTrue(present(s, "sync_storage_bytes", null) > 0, s);
        });
        String after = scrape();
        assertTrue(present(after, "sync_replication_lag_time_milliseconds", null) >= 0, after);
        assertEquals(0, present(after, "sync_snapshot_running", null), after);
        // the progress gauges of running snapshots: none runs now
        assertEquals(0, present(after, "sync_snapshot_rows", null), after);
        assertEquals(0, present(after, "sync_snapshot_rows_estimated", null), after);
        assertEquals(0, present(after, "sync_snapshot_rate_per_second", null), after);
        assertEquals(0, present(after, "sync_snapshot_eta_seconds", null), after);
        assertEquals(0, present(after, "sync_snapshot_failures_total", null), after);

        // parked long-polls show as waiters while they wait (the IT server answers them after 3 s)
        AtomicBoolean polling = new AtomicBoolean(true);
        String offset = http.syncUntilUpToDate("table=" + table, new ShapeHttp.View())[1];
        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
            try {
                while (polling.get()) http.get("table=" + table + "&handle=" + handle + "&live=true&offset=" + offset);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertTrue(present(scrape(), "sync_http_waiters", null) >= 1));
        } finally {
            polling.set(false);
        }
        poller.get();
    }
}
