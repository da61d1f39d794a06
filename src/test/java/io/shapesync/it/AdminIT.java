package io.shapesync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Lsn;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * The admin API on the real server: shapes listed with their definition, offset, size and parked clients; paging and
 * filtering; a delete that answers parked clients 409 like {@code DELETE /v1/shape}; the replication slot's status
 * against Postgres' own numbers, and a 200 with nulls while Postgres is down; static files at {@code /} and
 * {@code /admin/}. Every request carries the IT admin's basic credentials (the web module may require them).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(180)
class AdminIT {
    static final String ADMIN_AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("it-admin:it-admin-pass".getBytes(StandardCharsets.UTF_8));
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", ADMIN_AUTH).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject adminJson(String path) throws Exception {
        HttpResponse<String> r = admin("GET", path);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return ShapeHttp.json(r);
    }

    private List<JsonObject> shapesOf(String table) throws Exception {
        return adminJson("/v1/admin/shapes?table=" + table).getJsonArray("shapes").getValuesAs(JsonObject.class);
    }

    private JsonObject shapeOf(String table) throws Exception {
        List<JsonObject> shapes = shapesOf(table);
        assertEquals(1, shapes.size(), shapes.toString());
        return shapes.get(0);
    }

    private void awaitStreaming(ShapeHttp http) {
        await().atMost(Duration.ofSeconds(60)).until(() -> http.getPath("/v1/health").statusCode() == 200);
    }

    @Test
    void shouldListShapeWithDefinitionOffsetAndSizeWhenClientSynced() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        awaitStreaming(http);
        String table = PgFixture.uniqueTable("admin_list");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text, qty int8)",
                "INSERT INTO " + table + " SELECT i, 'row ' || i, i FROM generate_series(1, 20) i");
        String query = "table=" + table + "&columns=id,title&where=" + ShapeHttp.enc("qty > $1") + "&params%5B1%5D=5";
        ShapeHttp.View view = new ShapeHttp.View();
        String[] at = http.syncUntilUpToDate(query, view);

        JsonObject s = shapeOf(table);
        assertEquals(at[0], s.getString("handle"));
        assertEquals("public." + table, s.getString("table"));
        assertEquals("qty > $1", s.getString("where"));
        assertEquals("5", s.getJsonObject("params").getString("1"));
        assertEquals(List.of("id", "title"), s.getJsonArray("columns").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("default", s.getString("replica"));
        assertEquals("full", s.getString("log_mode"));
        assertEquals("done", s.getString("snapshot"));
        assertEquals(at[1], s.getString("offset"));
        long bytesBefore = s.getJsonNumber("bytes").longValueExact();
        assertTrue(bytesBefore > 15 * 20, "15 rows of JSON in the log: " + bytesBefore);
        assertEquals(0, s.getInt("waiting"));

        // a change moves the offset to the client's and grows the log
        PgFixture.execute("UPDATE " + table + " SET title = 'changed' WHERE id = 10");
        String offset = http.pollUntil(query, at[0], at[1], view, () -> PgFixture.rows(table, "qty > 5", "id", "title"));
        await().atMost(Duration.ofSeconds(10)).until(() -> shapeOf(table).getString("offset").equals(offset));
        assertTrue(shapeOf(table).getJsonNumber("bytes").longValueExact() > bytesBefore);
    }

    @Test
    void shouldCountParkedLongPollWhenClientWaits() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        awaitStreaming(http);
        String table = PgFixture.uniqueTable("admin_wait");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)", "INSERT INTO " + table + " VALUES (1, 'a')");
        String[] at = http.syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        // the IT server holds long-polls 3 s (SYNC_LONGPOLL_TIMEOUT): read the admin API while one is parked
        CompletableFuture<HttpResponse<String>> poll = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(
                url("/v1/shape?table=" + table + "&handle=" + at[0] + "&offset=" + at[1] + "&live=true"))).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofMillis(2_500)).pollInterval(Duration.ofMillis(50))
                .until(() -> shapeOf(table).getInt("waiting") == 1);
        assertEquals(200, poll.get(10, TimeUnit.SECONDS).statusCode());  // answered up-to-date at its deadline
        await().atMost(Duration.ofSeconds(10)).until(() -> shapeOf(table).getInt("waiting") == 0);
    }

    @Test
    void shouldPageAndFilterWhenManyShapesExist() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        awaitStreaming(http);
        String table = PgFixture.uniqueTable("admin_page");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, n int4)",
                "INSERT INTO " + table + " SELECT i, i FROM generate_series(1, 10) i");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(http.syncUntilUpToDate("table=" + table + "&where=" + ShapeHttp.enc("n > " + i), new ShapeHttp.View())[0]);
        }
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 5; offset += 2) {
            JsonObject page = adminJson("/v1/admin/shapes?table=" + table + "&limit=2&offset=" + offset);
            assertEquals(5, page.getInt("total"));
            assertEquals(offset, page.getInt("offset"));
            assertEquals(2, page.getInt("limit"));
            page.getJsonArray("shapes").getValuesAs(JsonObject.class).forEach(s -> paged.add(s.getString("handle")));
        }
        assertEquals(5, paged.size());
        assertEquals(created, new HashSet<>(paged));
        // oldest first: the where clauses in the order the shapes were created
        List<String> wheres = shapesOf(table).stream().map(s -> s.getString("where")).toList();
        assertEquals(List.of("n > 0", "n > 1", "n > 2", "n > 3", "n > 4"), wheres);

        JsonObject all = adminJson("/v1/admin/shapes");
        assertTrue(all.getInt("total") >= 5);
        assertEquals(100, all.getInt("limit"));
        assertTrue(all.getJsonArray("shapes").size() <= 100);

        for (String bad : List.of("limit=0", "limit=abc", "limit=1001", "offset=-3")) {
            HttpResponse<String> r = admin("GET", "/v1/admin/shapes?" + bad);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            String field = bad.substring(0, bad.indexOf('='));
            assertTrue(ShapeHttp.json(r).getJsonObject("errors").containsKey(field), r.body());
        }
    }

    @Test
    void shouldAnswerParkedClientMustRefetchWhenShapeDeleted() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        awaitStreaming(http);
        String table = PgFixture.uniqueTable("admin_del");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)", "INSERT INTO " + table + " VALUES (1, 'a')");
        String[] at = http.syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        String live = "table=" + table + "&handle=" + at[0] + "&offset=" + at[1] + "&live=true";
        CompletableFuture<HttpResponse<String>> parked = CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create(url("/v1/shape?" + live))).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofMillis(2_500)).pollInterval(Duration.ofMillis(50))
                .until(() -> shapeOf(table).getInt("waiting") == 1);
        long t0 = System.nanoTime();
        HttpResponse<String> deleted = admin("DELETE", "/v1/admin/shapes/" + at[0]);
        assertEquals(204, deleted.statusCode(), deleted.body());
        HttpResponse<String> answer = parked.get(10, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(409, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("must-refetch"), answer.body());
        assertTrue(ms < 2_500, "parked client answered " + ms + " ms after the delete, not at its 3 s deadline");
        assertTrue(shapesOf(table).isEmpty());
        assertEquals(409, http.get(live.replace("&live=true", "")).statusCode());

        HttpResponse<String> again = admin("DELETE", "/v1/admin/shapes/" + at[0]);
        assertEquals(404, again.statusCode());
        assertTrue(ShapeHttp.json(again).getString("message").contains(at[0]), again.body());
        assertEquals(404, admin("DELETE", "/v1/admin/shapes/no-such-handle").statusCode());
        // the next client gets the shape anew, under a new handle
        String[] fresh = http.syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        assertFalse(fresh[0].equals(at[0]));
        assertEquals(fresh[0], shapeOf(table).getString("handle"));
    }

    @Test
    void shouldMatchPostgresSlotWhenStreaming() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        awaitStreaming(http);
        String table = PgFixture.uniqueTable("admin_repl");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY)");
        ShapeHttp.View view = new ShapeHttp.View();
        String[] at = http.syncUntilUpToDate("table=" + table, view);
        PgFixture.execute("INSERT INTO " + table + " VALUES (1)");
        Lsn afterInsert = Lsn.parse(serverLsn());
        http.pollUntil("table=" + table, at[0], at[1], view, () -> PgFixture.rows(table, null, "id"));

        JsonObject r = adminJson("/v1/admin/replication");
        assertEquals("streaming", r.getString("state"));
        String slot = r.getString("slot");
        assertTrue(slot.startsWith("shapesync_slot_"), slot);
        assertTrue(r.getString("publication").startsWith("shapesync_pub_"));
        assertTrue(r.getBoolean("slot_exists"));
        assertTrue(r.getBoolean("active"));
        assertEquals(JsonValue.NULL, r.get("error"));
        Lsn confirmed = Lsn.parse(r.getString("confirmed_flush_lsn"));
        Lsn server = Lsn.parse(r.getString("server_wal_lsn"));
        assertTrue(confirmed.compareTo(server) <= 0, confirmed + " > " + server);
        assertTrue(server.compareTo(afterInsert) >= 0);
        assertTrue(r.getJsonNumber("lag_bytes").longValueExact() >= 0);
        assertEquals(server.value() - confirmed.value(), r.getJsonNumber("lag_bytes").longValueExact());
        assertTrue(r.getJsonNumber("retained_wal_bytes").longValueExact() >= r.getJsonNumber("lag_bytes").longValueExact());
        assertTrue(r.get("lag_ms") == JsonValue.NULL || r.getJsonNumber("lag_ms").longValueExact() >= 0, r.toString());
        assertTrue(r.containsKey("received_lsn"));

        // the client has the insert, so ShapeSync made it durable; the slot confirms it (with the next status update)
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Lsn.parse(adminJson("/v1/admin/replication").getString("confirmed_flush_lsn")).compareTo(afterInsert) >= 0);
        // Postgres' own view of the slot agrees
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            assertTrue(rs.next());
            Lsn pg = Lsn.parse(rs.getString(1));
            Lsn reported = Lsn.parse(adminJson("/v1/admin/replication").getString("confirmed_flush_lsn"));
            assertTrue(pg.compareTo(afterInsert) >= 0 && reported.compareTo(afterInsert) >= 0, pg + " / " + reported);
        }
    }

    @Test
    void shouldAnswerOkWithNullsWhenPostgresIsDown() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        awaitStreaming(http);
        postgres("stop");
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = admin("GET", "/v1/admin/replication");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(ms < 5_000, "took " + ms + " ms");
            JsonObject o = ShapeHttp.json(r);
            for (String f : List.of("confirmed_flush_lsn", "lag_bytes", "retained_wal_bytes", "server_wal_lsn")) {
                assertEquals(JsonValue.NULL, o.get(f), f + " in " + o);
            }
            assertTrue(o.getString("error").startsWith("Postgres is unreachable"), o.toString());
            assertNotNull(o.getString("state"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !"streaming".equals(ShapeHttp.json(admin("GET", "/v1/admin/replication")).getString("state")));
            // the shapes list does not need Postgres
            assertEquals(200, admin("GET", "/v1/admin/shapes?limit=5").statusCode());
        } finally {
            postgres("start");
        }
        awaitStreaming(http);
        await().atMost(Duration.ofSeconds(30)).until(() -> "streaming".equals(adminJson("/v1/admin/replication").getString("state")));
    }

    @Test
    void shouldServeStaticPagesWhenApiStaysUnderV1() throws Exception {
        HttpResponse<String> root = admin("GET", "/");
        assertEquals(200, root.statusCode());
        assertTrue(root.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(root.body().contains("ShapeSync demo"), root.body());
        HttpResponse<String> adminDir = CLIENT.send(HttpRequest.newBuilder(URI.create(url("/admin")))
                .header("Authorization", ADMIN_AUTH).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(301, adminDir.statusCode());
        assertTrue(adminDir.headers().firstValue("location").orElse("").endsWith("/admin/"), adminDir.headers().toString());
        HttpResponse<String> page = admin("GET", "/admin/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("ShapeSync admin"));
        HttpResponse<String> js = admin("GET", "/vendor/electric-sql-client/index.browser.mjs");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("content-type").orElse("").startsWith("text/javascript"));
        assertTrue(js.body().contains("ShapeStream"));
        assertEquals(404, admin("GET", "/WEB-INF/beans.xml").statusCode());
        assertEquals(404, admin("GET", "/no-such-file.html").statusCode());
        HttpResponse<String> health = admin("GET", "/v1/health");
        assertTrue(health.statusCode() == 200 || health.statusCode() == 202);
        assertTrue(health.body().contains("\"status\""));
    }

    private static String serverLsn() throws Exception {
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Runs liberty/postgres.sh on the build's test cluster (as PostgresOutageIT does). */
    private static void postgres(String command) throws Exception {
        Path root = Path.of(System.getProperty("shapesync.it.base-dir"));
        Path cluster = root.resolve("target/it-postgres/cluster").toRealPath();
        Process p = new ProcessBuilder("bash", root.resolve("liberty/postgres.sh").toString(), command, cluster.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "postgres.sh " + command + " timed out");
        assertEquals(0, p.exitValue(), "postgres.sh " + command + " failed");
    }
}
