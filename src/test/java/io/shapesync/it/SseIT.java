package io.shapesync.it;

import static io.shapesync.it.ShapeHttp.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live mode over server-sent events (spec §8.2, §8.3) against a real Postgres, over real HTTP: the response body is
 * read line by line while the stream is open.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(180)
class SseIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private ShapeHttp http() {
        return new ShapeHttp(base);
    }

    private static String createItems(int rows) throws Exception {
        String table = PgFixture.uniqueTable("sse");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text, n int8)",
                "INSERT INTO " + table + " SELECT i, 'item ' || i, i * 10 FROM generate_series(1, " + rows + ") i");
        return table;
    }

    // ---- an SSE connection read line by line ----

    /** One item of the stream: an event's data, a comment, or the end of the body. */
    record Item(Kind kind, String text, long atNanos) {
        enum Kind { DATA, COMMENT, END }

        JsonObject json() {
            return Json.createReader(new StringReader(text)).readObject();
        }

        JsonObject headers() {
            return json().getJsonObject("headers");
        }

        boolean upToDate() {
            return kind == Kind.DATA && "up-to-date".equals(headers().getString("control", null));
        }
    }

    static final class Sse implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
        final long openedNanos = System.nanoTime();
        private final Thread reader;
        private volatile boolean paused;

        Sse(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            StringBuilder data = null;
            try {
                Iterator<String> lines = response.body().iterator();
                while (lines.hasNext()) {
                    while (paused) Thread.sleep(20);  // a slow client: the body is not read, TCP pushes back
                    String line = lines.next();
                    if (line.isEmpty()) {
                        if (data != null) items.add(new Item(Item.Kind.DATA, data.toString(), System.nanoTime()));
                        data = null;
                    } else if (line.startsWith(":")) {
                        items.add(new Item(Item.Kind.COMMENT, line.substring(1).trim(), System.nanoTime()));
                    } else if (line.startsWith("data:")) {
                        String d = line.substring(5);
                        if (d.startsWith(" ")) d = d.substring(1);
                        data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
                    } else {
                        items.add(new Item(Item.Kind.DATA, "{\"unexpected line\":" + Json.createValue(line) + "}", System.nanoTime()));
                    }
                }
                items.add(new Item(Item.Kind.END, data == null ? "" : "unterminated event: " + data, System.nanoTime()));
            } catch (RuntimeException | InterruptedException e) {
                items.add(new Item(Item.Kind.END, "error: " + e, System.nanoTime()));
            }
        }

        void pause(boolean pause) {
            paused = pause;
        }

        /** The next item within {@code seconds}, or null. */
        Item next(double seconds) throws InterruptedException {
            return items.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        }

        /** Data events up to and including the next up-to-date (comments skipped); fails on the end of the stream. */
        List<JsonObject> batch(double seconds) throws InterruptedException {
            List<JsonObject> out = new ArrayList<>();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            while (true) {
                Item it = items.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (it == null) throw new AssertionError("no up-to-date within " + seconds + " s; got " + brief(out));
                if (it.kind() == Item.Kind.END) {
                    throw new AssertionError("stream ended before an up-to-date (" + it.text() + "); got " + brief(out));
                }
                if (it.kind() == Item.Kind.COMMENT) continue;
                JsonObject m = it.json();
                out.add(m);
                if (it.upToDate()) return out;
            }
        }

        private static String brief(List<JsonObject> messages) {
            String all = messages.size() + " messages: " + messages;
            return all.length() > 2000 ? all.substring(0, 2000) + "..." : all;
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        double secondsSinceOpen(Item it) {
            return (it.atNanos() - openedNanos) / 1e9;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private Sse connect(String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/v1/shape?" + query))
                .header("Accept", "text/event-stream").GET().build();
        long started = System.nanoTime();
        HttpResponse<Stream<String>> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode(), () -> "SSE request failed: " + r.body().reduce("", (a, b) -> a + b + "\n"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 5, "the headers came after " + seconds + " s: they must not wait for the first event");
        return new Sse(r);
    }

    private static HttpResponse<String> request(URL base, String method, String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/v1/shape?" + query))
                .header("Accept", "text/event-stream").method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String sseQuery(String table, String handle, String offset) {
        return "cursor=&experimental_live_sse=true&handle=" + handle + "&live=true&live_sse=true&log=full&offset=" + offset
                + "&table=" + table;
    }

    private static JsonArray array(List<JsonObject> messages) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        messages.forEach(b::add);
        return b.build();
    }

    private static Map<String, Map<String, String>> tableRows(String table) throws Exception {
        return PgFixture.rows(table, null, "id", "title", "n");
    }

    /** Waits (bounded) until a non-live request from {@code offset} returns changes, i.e. the shape log has them. */
    private void awaitLogPast(String table, String handle, String offset) throws Exception {
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = http().get("handle=" + handle + "&offset=" + offset + "&table=" + table);
            assertEquals(200, r.statusCode(), r.body());
            if (ShapeHttp.messages(r).size() > 1) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the change never reached the shape log");
    }

    /** Applies messages as the official client does: insert = put, update = merge, delete = remove. */
    private static void applyLikeClient(Map<String, Map<String, String>> rows, List<JsonObject> messages) {
        for (JsonObject m : messages) {
            JsonObject h = m.getJsonObject("headers");
            if (h.containsKey("control")) continue;
            Map<String, String> value = new LinkedHashMap<>();
            m.getJsonObject("value").forEach((k, v) -> value.put(k, v.getValueType() == JsonValue.ValueType.NULL ? null : ((JsonString) v).getString()));
            switch (h.getString("operation")) {
                case "insert" -> rows.put(m.getString("key"), value);
                case "update" -> rows.computeIfAbsent(m.getString("key"), k -> new LinkedHashMap<>()).putAll(value);
                case "delete" -> rows.remove(m.getString("key"));
                default -> throw new AssertionError(m.toString());
            }
        }
    }

    // ---- tests ----

    @Test
    void shouldStreamCatchUpThenLiveChangesAndStayOpenWhenClientUsesSse() throws Exception {
        String table = createItems(2);
        ShapeHttp.View view = new ShapeHttp.View();
        String[] position = http().syncUntilUpToDate("table=" + table, view);
        String handle = position[0];
        String offset = position[1];
        PgFixture.execute("INSERT INTO " + table + " VALUES (3, 'before connect', 30)");
        awaitLogPast(table, handle, offset);

        try (Sse sse = connect(sseQuery(table, handle, offset))) {
            assertTrue(sse.header("content-type").startsWith("text/event-stream"), sse.header("content-type"));
            assertEquals("public, max-age=59", sse.header("cache-control"));
            assertEquals(handle, sse.header("electric-handle"));
            assertEquals(offset, sse.header("electric-offset"), "the client keeps its offset until an up-to-date");
            assertNotNull(sse.header("electric-cursor"));
            assertEquals("true", sse.header("electric-has-data"));
            assertNull(sse.header("electric-up-to-date"), "not caught up at the start");
            assertNull(sse.header("electric-schema"));
            assertNull(sse.header("content-length"));
            assertEquals("*", sse.header("access-control-allow-origin"));
            assertEquals("keep-alive", sse.header("connection").toLowerCase(java.util.Locale.ROOT));

            // the data available at connect time, then up-to-date
            List<JsonObject> first = sse.batch(10);
            assertEquals(2, first.size(), first.toString());
            JsonObject insert = first.get(0);
            assertEquals("insert", insert.getJsonObject("headers").getString("operation"));
            assertEquals("before connect", insert.getJsonObject("value").getString("title"));
            String lsn = insert.getJsonObject("headers").getString("lsn");
            assertEquals(lsn, first.get(1).getJsonObject("headers").getString("global_last_seen_lsn"));
            view.apply(array(first));

            // not closed after the data (the client falls back to long-polling after 3 short streams)
            Item quiet = sse.next(2);
            assertTrue(quiet == null || quiet.kind() == Item.Kind.COMMENT, "stream still open, got " + quiet);

            // live changes arrive as events while connected, each batch ending with up-to-date
            PgFixture.execute("UPDATE " + table + " SET title = 'changed' WHERE id = 1");
            List<JsonObject> update = sse.batch(10);
            assertEquals("update", update.get(0).getJsonObject("headers").getString("operation"));
            view.apply(array(update));
            PgFixture.execute("DELETE FROM " + table + " WHERE id = 2");
            List<JsonObject> delete = sse.batch(10);
            assertEquals("delete", delete.get(0).getJsonObject("headers").getString("operation"));
            view.apply(array(delete));
            PgFixture.execute("BEGIN; INSERT INTO " + table + " VALUES (4, 'a', 40); INSERT INTO " + table
                    + " VALUES (5, 'b', 50); UPDATE " + table + " SET n = 1 WHERE id = 3; COMMIT");
            List<JsonObject> tx = sse.batch(10);
            assertEquals(4, tx.size(), tx.toString());
            assertTrue(tx.get(2).getJsonObject("headers").getBoolean("last"));
            view.apply(array(tx));

            assertEquals(0, view.conflicts);
            assertTrue(view.upToDate);
            assertEquals(tableRows(table), view.rows);
        }
    }

    @Test
    void shouldAnswerOrdinaryJsonErrorsWhenSseRequestIsInvalid() throws Exception {
        String table = createItems(1);
        String[] position = http().syncUntilUpToDate("table=" + table, new ShapeHttp.View());

        HttpResponse<String> noLive = request(base, "GET", "live_sse=true&offset=0_inf&handle=" + position[0] + "&table=" + table);
        assertEquals(400, noLive.statusCode());
        assertTrue(header(noLive, "content-type").startsWith("application/json"), header(noLive, "content-type"));
        assertEquals("no-store", header(noLive, "cache-control"));
        assertEquals("{\"message\":\"Invalid request\",\"errors\":{\"live_sse\":[\"can't be true unless live is also true\"]}}",
                noLive.body());

        HttpResponse<String> noHandle = request(base, "GET", "live=true&live_sse=true&offset=0_inf&table=" + table);
        assertEquals(400, noHandle.statusCode());
        assertEquals("{\"message\":\"Invalid request\",\"errors\":{\"handle\":[\"can't be blank when offset != -1\"]}}",
                noHandle.body());

        HttpResponse<String> unknownTable = request(base, "GET", sseQuery("no_such_table_sse", "h", "0_inf"));
        assertEquals(400, unknownTable.statusCode());
        assertTrue(ShapeHttp.json(unknownTable).getJsonObject("errors").containsKey("table"), unknownTable.body());

        HttpResponse<String> bogus = request(base, "GET", sseQuery(table, "123-456", position[1]));
        assertEquals(409, bogus.statusCode());
        assertTrue(header(bogus, "content-type").startsWith("application/json"), header(bogus, "content-type"));
        assertEquals("[{\"headers\":{\"control\":\"must-refetch\"}}]", bogus.body());
        assertEquals(position[0], header(bogus, "electric-handle"));
        assertEquals("public, max-age=60, must-revalidate", header(bogus, "cache-control"));
        assertEquals("*", header(bogus, "access-control-allow-origin"));

        HttpResponse<String> beyond = request(base, "GET", sseQuery(table, position[0], "99999999999_0"));
        assertEquals(400, beyond.statusCode());
        assertEquals("{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"out of bounds for this shape\"]}}", beyond.body());

        HttpResponse<String> head = request(base, "HEAD", sseQuery(table, position[0], position[1]));
        assertEquals(200, head.statusCode());
        assertTrue(header(head, "content-type").startsWith("text/event-stream"));
        assertEquals(position[0], header(head, "electric-handle"));
        assertEquals("", head.body());
    }

    @Test
    void shouldNeitherLoseNorBreakClientStateWhenReconnectingFromGlobalLastSeenLsn() throws Exception {
        String table = createItems(3);
        ShapeHttp.View view = new ShapeHttp.View();
        String[] position = http().syncUntilUpToDate("table=" + table, view);
        String handle = position[0];
        Map<String, Map<String, String>> client = new TreeMap<>(view.rows);

        String lsn;
        try (Sse sse = connect(sseQuery(table, handle, position[1]))) {
            assertNotNull(sse.header("electric-up-to-date"), "caught up at the start");
            assertEquals("false", sse.header("electric-has-data"));
            PgFixture.execute("BEGIN; INSERT INTO " + table + " VALUES (10, 'x', 1); INSERT INTO " + table
                    + " VALUES (11, 'y', 2); UPDATE " + table + " SET title = 'z' WHERE id = 1; COMMIT");
            List<JsonObject> batch = sse.batch(10);
            assertEquals(4, batch.size(), batch.toString());
            lsn = batch.get(3).getJsonObject("headers").getString("global_last_seen_lsn");
            assertEquals(lsn, batch.get(0).getJsonObject("headers").getString("lsn"));
            applyLikeClient(client, batch);
        }
        // a change while disconnected
        PgFixture.execute("DELETE FROM " + table + " WHERE id = 2");

        // the official client resumes from <global_last_seen_lsn>_0: accepted, the rest of that transaction is sent
        // again (idempotent for a client that upserts), and nothing after it is lost
        String resume = lsn + "_0";
        try (Sse sse = connect(sseQuery(table, handle, resume))) {
            assertEquals(resume, sse.header("electric-offset"));
            List<JsonObject> replay = new ArrayList<>(sse.batch(10));
            applyLikeClient(client, replay);
            while (!client.equals(tableRows(table))) {
                List<JsonObject> more = sse.batch(10);
                replay.addAll(more);
                applyLikeClient(client, more);
            }
            List<String> ops = replay.stream().filter(m -> !m.getJsonObject("headers").containsKey("control"))
                    .map(m -> m.getJsonObject("headers").getString("lsn") + "_" + m.getJsonObject("headers").getInt("op_position"))
                    .toList();
            assertEquals(List.of(lsn + "_2", lsn + "_4"), ops.subList(0, 2), "the rest of the transaction, in order: " + ops);
            assertEquals(3, ops.size(), ops.toString());
        }
        assertEquals(tableRows(table), client);

        // a long-poll from the same offset (the client's fallback) is accepted too
        HttpResponse<String> poll = http().get("handle=" + handle + "&live=true&offset=" + resume + "&table=" + table);
        assertEquals(200, poll.statusCode(), poll.body());
    }

    @Test
    void shouldDeliverLargeBacklogCompleteAndInOrderWhenClientReadsSlowly() throws Exception {
        String table = PgFixture.uniqueTable("sse_big");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, body text)",
                "INSERT INTO " + table + " SELECT i, 'row ' || i FROM generate_series(1, 200) i");
        // log=changes_only: never compacted, so the backlog stays under the stream's handle (the ITs compact from 8 MB)
        String shapeQuery = "log=changes_only&table=" + table;
        String[] position = http().syncUntilUpToDate(shapeQuery, new ShapeHttp.View());
        // a backlog of ~30 MB, more than the socket buffers hold: 15 transactions of 200 updates of 10 kB
        int transactions = 15;
        for (int t = 0; t < transactions; t++) {
            PgFixture.execute("UPDATE " + table + " SET body = repeat(chr(97 + " + t + "), 10000) || id");
        }
        Map<String, String> expected = new TreeMap<>();
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id::text, body FROM " + table)) {
            while (rs.next()) expected.put("\"public\".\"" + table + "\"/\"" + rs.getString(1) + "\"", rs.getString(2));
        }

        String query = "cursor=&handle=" + position[0] + "&live=true&live_sse=true&offset=" + position[1] + "&" + shapeQuery;
        try (Sse sse = connect(query)) {
            Item first = sse.next(10);
            assertNotNull(first);
            sse.pause(true);
            Thread.sleep(3000);  // the socket fills up: the server must neither drop nor reorder anything
            long t0 = System.nanoTime();
            HttpResponse<String> other = http().get(shapeQuery + "&offset=-1");
            assertEquals(200, other.statusCode());
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, "the server answers other requests meanwhile");
            sse.pause(false);

            List<JsonObject> all = new ArrayList<>();
            all.add(first.json());
            if (!first.upToDate()) all.addAll(sse.batch(60));
            long updates;
            while ((updates = all.stream().filter(m -> m.getJsonObject("headers").containsKey("operation")).count()) < 200L * transactions) {
                all.addAll(sse.batch(60));
            }
            assertEquals(200L * transactions, updates);
            String previous = null;
            Map<String, String> last = new TreeMap<>();
            for (JsonObject m : all) {
                JsonObject h = m.getJsonObject("headers");
                if (h.containsKey("control")) continue;
                String offset = String.format("%020d_%010d", Long.parseLong(h.getString("lsn")), h.getInt("op_position"));
                assertTrue(previous == null || offset.compareTo(previous) > 0, "out of order: " + previous + " then " + offset);
                previous = offset;
                last.put(m.getString("key"), m.getJsonObject("value").getString("body"));
            }
            assertEquals(expected, last);
            Item quiet = sse.next(1);
            assertTrue(quiet == null || quiet.kind() == Item.Kind.COMMENT, "nothing more: " + quiet);
        }
    }

    @Test
    void shouldEndStreamSilentlyThenAnswerMustRefetchWhenShapeIsInvalidated() throws Exception {
        String table = createItems(2);
        String[] position = http().syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        try (Sse sse = connect(sseQuery(table, position[0], position[1]))) {
            assertNull(sse.next(0.5));
            PgFixture.execute("TRUNCATE " + table);
            Item end = sse.next(20);
            assertNotNull(end, "the stream did not end after the truncate");
            assertEquals(Item.Kind.END, end.kind(), "silently: no event before the end, got " + end);
            assertEquals("", end.text());
        }
        HttpResponse<String> again = request(base, "GET", sseQuery(table, position[0], position[1]));
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("[{\"headers\":{\"control\":\"must-refetch\"}}]", again.body());
    }

    @Test
    void shouldSendKeepAlivesThenEndAfterSixtySecondsWhenShapeIsIdle() throws Exception {
        String table = createItems(1);
        String[] position = http().syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        // the deprecated alias alone selects SSE too
        String query = "cursor=&experimental_live_sse=true&handle=" + position[0] + "&live=true&offset=" + position[1] + "&table=" + table;
        List<Double> keepAlives = new ArrayList<>();
        Item end;
        try (Sse sse = connect(query)) {
            assertTrue(sse.header("content-type").startsWith("text/event-stream"));
            while (true) {
                Item it = sse.next(90);
                assertNotNull(it, "the stream did not end within 90 s");
                if (it.kind() == Item.Kind.END) {
                    end = it;
                    break;
                }
                assertEquals(Item.Kind.COMMENT, it.kind(), "no events on an idle shape, got " + it);
                assertEquals("keep-alive", it.text());
                keepAlives.add(sse.secondsSinceOpen(it));
            }
            double lasted = sse.secondsSinceOpen(end);
            assertEquals("", end.text());
            assertTrue(lasted >= 59.5 && lasted < 70, "the stream lasted " + lasted + " s");
        }
        assertEquals(2, keepAlives.size(), keepAlives.toString());
        assertTrue(keepAlives.get(0) >= 20.5 && keepAlives.get(0) < 24, keepAlives.toString());
        assertTrue(keepAlives.get(1) - keepAlives.get(0) >= 20.5 && keepAlives.get(1) - keepAlives.get(0) < 23, keepAlives.toString());
    }
}
