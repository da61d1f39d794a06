package io.shapesync.it;

import static io.shapesync.it.ShapeHttp.header;
import static io.shapesync.it.ShapeHttp.messages;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Shape HTTP API against a real Postgres, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(120)
class ShapeApiIT {

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
        String table = PgFixture.uniqueTable("items");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title varchar(80), n int8)",
                "INSERT INTO " + table + " SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'item ' || i END, i * 10 "
                        + "FROM generate_series(1, " + rows + ") i");
        return table;
    }

    @Test
    void shouldServeInitialRowsThenUpToDateWhenTableHasData() throws Exception {
        String table = createItems(3);
        HttpResponse<String> first = http().get("table=" + table + "&offset=-1");
        assertEquals(200, first.statusCode(), first.body());
        String handle = header(first, "electric-handle");
        assertNotNull(handle);
        assertEquals("0_0", header(first, "electric-offset"));
        assertEquals("{\"id\":{\"type\":\"int4\",\"pk_index\":0,\"not_null\":true},\"title\":{\"type\":\"varchar\",\"max_length\":80},"
                + "\"n\":{\"type\":\"int8\"}}", header(first, "electric-schema"));
        assertEquals("public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746", header(first, "cache-control"));
        assertNull(header(first, "electric-up-to-date"));
        JsonArray body = messages(first);
        assertEquals(4, body.size(), first.body());
        JsonObject row1 = body.getJsonObject(0);
        assertEquals("\"public\".\"" + table + "\"/\"1\"", row1.getString("key"));
        assertEquals("item 1", row1.getJsonObject("value").getString("title"));
        assertEquals("10", row1.getJsonObject("value").getString("n"));
        assertEquals("insert", row1.getJsonObject("headers").getString("operation"));
        assertTrue(body.getJsonObject(2).getJsonObject("value").isNull("title"));
        assertEquals("snapshot-end", body.getJsonObject(3).getJsonObject("headers").getString("control"));

        HttpResponse<String> second = http().get("handle=" + handle + "&offset=0_0&table=" + table);
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("0_inf", header(second, "electric-offset"));
        assertNotNull(header(second, "electric-up-to-date"));
        JsonArray controls = messages(second);
        assertEquals(1, controls.size());
        assertEquals("up-to-date", controls.getJsonObject(0).getJsonObject("headers").getString("control"));
    }

    @Test
    void shouldDeliverInsertUpdateDeleteWhenClientLongPolls() throws Exception {
        String table = createItems(2);
        ShapeHttp.View view = new ShapeHttp.View();
        String query = "table=" + table;
        String[] position = http().syncUntilUpToDate(query, view);
        String handle = position[0];
        String offset = position[1];

        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> live(query, handle, position[1]));
        PgFixture.execute("INSERT INTO " + table + " VALUES (100, 'new', 7)");
        HttpResponse<String> r = poll.get();
        assertEquals(200, r.statusCode(), r.body());
        JsonArray msgs = messages(r);
        JsonObject insert = msgs.getJsonObject(0);
        assertEquals("insert", insert.getJsonObject("headers").getString("operation"));
        assertEquals("new", insert.getJsonObject("value").getString("title"));
        assertTrue(insert.getJsonObject("headers").getBoolean("last"));
        String lsn = insert.getJsonObject("headers").getString("lsn");
        assertEquals(lsn + "_0", header(r, "electric-offset"));
        assertNotNull(header(r, "electric-cursor"));
        assertEquals("up-to-date", msgs.getJsonObject(msgs.size() - 1).getJsonObject("headers").getString("control"));
        view.apply(msgs);
        offset = header(r, "electric-offset");

        PgFixture.execute("UPDATE " + table + " SET title = 'changed' WHERE id = 1", "DELETE FROM " + table + " WHERE id = 2");
        offset = http().pollUntil(query, handle, offset, view, () -> tableRows(table));
        assertEquals(0, view.conflicts);
        assertEquals(Map.of("id", "1", "title", "changed", "n", "10"), view.rows.get("\"public\".\"" + table + "\"/\"1\""));
        assertFalse(view.rows.containsKey("\"public\".\"" + table + "\"/\"2\""));
    }

    @Test
    void shouldNeitherLoseNorDuplicateChangesCommittedDuringSnapshot() throws Exception {
        String table = createItems(30_000);
        Writers writers = new Writers(table, 30_000);
        writers.start(3);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> writers.committed() > 20);
            ShapeHttp.View view = new ShapeHttp.View();
            String query = "table=" + table;
            String[] position = http().syncUntilUpToDate(query, view);
            await().atMost(Duration.ofSeconds(30)).until(() -> writers.committed() > 200);
            writers.stop();
            http().pollUntil(query, position[0], position[1], view, () -> tableRows(table));
            assertEquals(0, view.conflicts, "conflicting messages (lost or duplicated changes)");
            assertTrue(writers.committed() > 200);
        } finally {
            writers.stop();
        }
    }

    @Test
    void shouldCarryTheSameTextForAValueInTheSnapshotAsInTheStream() throws Exception {
        // the snapshot (COPY text turned into JSON byte by byte) holds the same text per value as the stream (pgoutput:
        // the types' output functions); bool, inet, cidr, char(n) and "char" have their own cast to text (spec 7.3),
        // and a domain over bool would take bool's
        String table = PgFixture.uniqueTable("texts");
        String flag = PgFixture.uniqueTable("flag");
        String values = "E'tab\\there\\nnew\\\\line \"q\" \\\\N /s//l \\r\\b\\f\\013\\001 \u00e9 \ud83d\ude00 ''', "
                + "'\\x00ff5c0a09'::bytea, '{1,2,NULL}', ARRAY['a b', 'c,d', 'e\"f', E'g\\\\h', NULL, '', 'NULL'], "
                + "'{\"a\": [1, \"x\\ty\"], \"b\" : null}', '{\"a\": [1, \"x\\ty\"], \"b\" : null}', "
                + "123456789.123456789000, '2024-05-01 12:34:56.789+02', true, '10.1.2.3', '10.0.0.0/8', 'ab', "
                + "'192.168.0.1/24', 0.1, '1 day 02:03:04', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-02-29', NULL, "
                + "false, '\u00e9'";
        String nulls = String.join(", ", java.util.Collections.nCopies(20, "NULL"));
        PgFixture.execute("CREATE DOMAIN " + flag + " AS bool",
                "CREATE TABLE " + table + " (id text PRIMARY KEY, t text, by bytea, ia int4[], ta text[], j json, "
                + "jb jsonb, num numeric, ts timestamptz, b bool, ip inet, net cidr, c char(4), masked inet, f8 float8, "
                + "iv interval, u uuid, d date, nb bool, fl " + flag + ", ch \"char\")",
                "INSERT INTO " + table + " VALUES (E's/1\\t\\\\\"', " + values + "), ('s2', " + nulls + ")");
        ShapeHttp.View view = new ShapeHttp.View();
        String query = "table=" + table;
        String[] position = http().syncUntilUpToDate(query, view);
        PgFixture.execute("INSERT INTO " + table + " VALUES (E'w/1\\t\\\\\"', " + values + "), ('w2', " + nulls + ")");
        String offset = position[1];
        for (int i = 0; i < 20 && view.rows.size() < 4; i++) {
            HttpResponse<String> r = live(query, position[0], offset);
            assertEquals(200, r.statusCode(), r.body());
            view.apply(messages(r));
            offset = header(r, "electric-offset");
        }
        assertEquals(4, view.rows.size(), view.rows.keySet().toString());
        for (String suffix : new String[] {"/1\t\\\"", "2"}) {
            // keys double '/': a wrongly encoded snapshot key would not be found here
            Map<String, String> snapshot = new java.util.HashMap<>(view.rows.get(key(table, "s" + suffix)));
            Map<String, String> streamed = new java.util.HashMap<>(view.rows.get(key(table, "w" + suffix)));
            assertEquals("s" + suffix, snapshot.remove("id"));
            assertEquals("w" + suffix, streamed.remove("id"));
            assertEquals(streamed, snapshot);
        }
        Map<String, String> snapshot = view.rows.get(key(table, "s/1\t\\\""));
        assertEquals("tab\there\nnew\\line \"q\" \\N /s//l \r\b\f\u000b\u0001 \u00e9 \ud83d\ude00 '", snapshot.get("t"));
        assertEquals("\\x00ff5c0a09", snapshot.get("by"));
        assertEquals("{1,2,NULL}", snapshot.get("ia"));
        assertEquals("{\"a b\",\"c,d\",\"e\\\"f\",\"g\\\\h\",NULL,\"\",\"NULL\"}", snapshot.get("ta"));
        assertEquals("{\"a\": [1, \"x\\ty\"], \"b\" : null}", snapshot.get("j"));
        assertEquals("{\"a\": [1, \"x\\ty\"], \"b\": null}", snapshot.get("jb"));
        assertEquals("123456789.123456789000", snapshot.get("num"));
        assertEquals("t", snapshot.get("b"));
        assertEquals("10.1.2.3", snapshot.get("ip"));
        assertEquals("10.0.0.0/8", snapshot.get("net"));
        assertEquals("ab  ", snapshot.get("c"));
        assertEquals("192.168.0.1/24", snapshot.get("masked"));
        assertEquals("0.1", snapshot.get("f8"));
        assertEquals("P1DT2H3M4S", snapshot.get("iv"));  // the server sets IntervalStyle iso_8601
        assertTrue(snapshot.containsKey("nb"));
        assertNull(snapshot.get("nb"));
        assertEquals("f", snapshot.get("fl"));
        assertEquals("\\303", snapshot.get("ch"));  // the first byte of é, as "char" prints it
        assertEquals(20, view.rows.get(key(table, "s2")).values().stream().filter(java.util.Objects::isNull).count());
    }

    private static String key(String table, String id) {
        return "\"public\".\"" + table + "\"/\"" + id.replace("/", "//") + "\"";
    }

    @Test
    void shouldAnswerUpToDateWhenLongPollTimesOut() throws Exception {
        String table = createItems(1);
        String[] position = http().syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        long started = System.nanoTime();
        HttpResponse<String> r = live("table=" + table, position[0], position[1]);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(ms >= 2_500, "answered after " + ms + " ms, before the 3 s test timeout");
        assertEquals("false", header(r, "electric-has-data"));
        assertEquals(position[1], header(r, "electric-offset"));
        assertEquals("up-to-date", messages(r).getJsonObject(0).getJsonObject("headers").getString("control"));
        assertEquals("public, max-age=5, stale-while-revalidate=5", header(r, "cache-control"));
    }

    @Test
    void shouldRejectUnknownTableWithFieldError() throws Exception {
        HttpResponse<String> r = http().get("offset=-1&table=no_such_table");
        assertEquals(400, r.statusCode());
        assertEquals("Table \"public\".\"no_such_table\" does not exist. If the table name contains capitals or special "
                + "characters you must quote it.", ShapeHttp.json(r).getJsonObject("errors").getJsonArray("table").getString(0));
        assertEquals("no-store", header(r, "cache-control"));
    }

    @Test
    void shouldRejectRequestWhenOffsetMissingOrMalformed() throws Exception {
        HttpResponse<String> missing = http().get("table=x");
        assertEquals(400, missing.statusCode());
        assertEquals("can't be blank", ShapeHttp.json(missing).getJsonObject("errors").getJsonArray("offset").getString(0));
        HttpResponse<String> bad = http().get("table=x&offset=1_x");
        assertEquals(400, bad.statusCode());
        assertEquals("has invalid format", ShapeHttp.json(bad).getJsonObject("errors").getJsonArray("offset").getString(0));
        HttpResponse<String> badColumns = http().get("table=" + createItems(1) + "&offset=-1&columns=title");
        assertEquals(400, badColumns.statusCode());
        assertEquals("The list of columns must include all primary key columns, missing: id",
                ShapeHttp.json(badColumns).getJsonObject("errors").getJsonArray("columns").getString(0));
    }

    @Test
    void shouldAnswerMustRefetchWhenHandleIsUnknown() throws Exception {
        String table = createItems(1);
        HttpResponse<String> r = http().get("handle=bogus-1&offset=0_0&table=" + table);
        assertEquals(409, r.statusCode());
        assertNotNull(header(r, "electric-handle"));
        assertEquals("must-refetch", messages(r).getJsonObject(0).getJsonObject("headers").getString("control"));
    }

    @Test
    void shouldInvalidateShapeWhenTableIsTruncated() throws Exception {
        String table = createItems(5);
        String[] position = http().syncUntilUpToDate("table=" + table, new ShapeHttp.View());
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> live("table=" + table, position[0], position[1]));
        PgFixture.execute("TRUNCATE " + table);
        HttpResponse<String> r = poll.get();
        assertEquals(409, r.statusCode(), r.body());
        HttpResponse<String> again = http().get("handle=" + position[0] + "&offset=" + position[1] + "&table=" + table);
        assertEquals(409, again.statusCode());
        String newHandle = header(again, "electric-handle");
        assertNotNull(newHandle);
        assertFalse(newHandle.equals(position[0]));
    }

    @Test
    void shouldNeitherLoseNorRepeatChangesWhenReplicationConnectionIsTerminated() throws Exception {
        String table = createItems(20);
        ShapeHttp.View view = new ShapeHttp.View();
        String query = "table=" + table;
        String[] position = http().syncUntilUpToDate(query, view);
        await().atMost(Duration.ofSeconds(30)).until(ShapeApiIT::replicationActive);
        for (int round = 0; round < 3; round++) {
            int killed;
            try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(active_pid)) FROM pg_replication_slots "
                         + "WHERE slot_name LIKE 'shapesync_slot_%' AND active_pid IS NOT NULL")) {
                rs.next();
                killed = rs.getInt(1);
            }
            // writes while the stream is down and while it reconnects
            for (int i = 0; i < 5; i++) {
                int id = 1000 + round * 10 + i;
                PgFixture.execute("INSERT INTO " + table + " VALUES (" + id + ", 'r" + round + "', " + i + ")",
                        "UPDATE " + table + " SET n = n + 1 WHERE id = " + (1 + i));
            }
            assertEquals(1, killed, "the replication connection was active, round " + round);
            await().atMost(Duration.ofSeconds(30)).until(ShapeApiIT::replicationActive);
        }
        http().pollUntil(query, position[0], position[1], view, () -> tableRows(table));
        assertEquals(0, view.conflicts, "conflicting messages (lost or repeated changes)");
        await().atMost(Duration.ofSeconds(30)).until(() -> http().getPath("/v1/health").statusCode() == 200);
    }

    @Test
    void shouldDeliverLongTransactionWholeWhenItArrivesInParts() throws Exception {
        String table = createItems(5);
        ShapeHttp.View view = new ShapeHttp.View();
        String query = "table=" + table + "&where=" + ShapeHttp.enc("n % 20 <> 0");
        String[] position = http().syncUntilUpToDate(query, view);
        // one transaction of 25 000 changes: more than two parts of 10 000
        PgFixture.execute("INSERT INTO " + table + " SELECT i, 'bulk', i FROM generate_series(100, 25099) i");
        String offset = position[1];
        int lasts = 0;
        int messages = 0;
        int expected = view.rows.size() + 25_000 - 25_000 / 20;
        while (view.rows.size() < expected) {
            HttpResponse<String> r = live(query, position[0], offset);
            assertEquals(200, r.statusCode(), r.body());
            JsonArray body = messages(r);
            for (JsonObject m : body.getValuesAs(JsonObject.class)) {
                if (m.getJsonObject("headers").containsKey("operation")) messages++;
                if (m.getJsonObject("headers").getBoolean("last", false)) lasts++;
            }
            view.apply(body);
            offset = header(r, "electric-offset");
        }
        assertEquals(0, view.conflicts);
        assertEquals(25_000 - 25_000 / 20, messages, "every matching row once");
        assertEquals(1, lasts, "one transaction: one last flag");
    }

    @Test
    void shouldContinueOrRefetchWhenTableDefinitionChanges() throws Exception {
        // a column the shape does not select is added: harmless, the shape goes on
        String added = createItems(3);
        String[] a = http().syncUntilUpToDate("table=" + added + "&columns=id,title", new ShapeHttp.View());
        PgFixture.execute("ALTER TABLE " + added + " ADD COLUMN extra int", "UPDATE " + added + " SET title = 'after' WHERE id = 1");
        HttpResponse<String> goesOn = pollForStatus("table=" + added + "&columns=id,title", a);
        assertEquals(200, goesOn.statusCode(), goesOn.body());
        assertTrue(goesOn.body().contains("\"after\""), goesOn.body());

        // a selected column changes its type: clients must refetch (values and schema changed)
        String retyped = createItems(3);
        String[] r = http().syncUntilUpToDate("table=" + retyped, new ShapeHttp.View());
        PgFixture.execute("ALTER TABLE " + retyped + " ALTER COLUMN n TYPE numeric", "UPDATE " + retyped + " SET n = 1.5 WHERE id = 1");
        assertEquals(409, pollForStatus("table=" + retyped, r).statusCode());

        // the table is renamed: its shapes go
        String renamed = createItems(3);
        String[] m = http().syncUntilUpToDate("table=" + renamed + "&columns=id,title", new ShapeHttp.View());
        PgFixture.execute("ALTER TABLE " + renamed + " RENAME TO " + renamed + "_new", "UPDATE " + renamed + "_new SET title = 'x'");
        assertEquals(409, pollForStatus("table=" + renamed + "&columns=id,title", m).statusCode());
    }

    @Test
    void shouldRefetchWhenTableIsDroppedOrItsPrimaryKeyChanges() throws Exception {
        String dropped = createItems(3);
        String[] d = http().syncUntilUpToDate("table=" + dropped, new ShapeHttp.View());
        PgFixture.execute("DROP TABLE " + dropped);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http().get("table=" + dropped + "&handle=" + d[0] + "&offset=" + d[1]).statusCode() != 200);
        HttpResponse<String> gone = http().get("table=" + dropped + "&handle=" + d[0] + "&offset=" + d[1]);
        assertEquals(400, gone.statusCode(), "the table no longer exists: " + gone.body());

        String rekeyed = createItems(3);
        String[] k = http().syncUntilUpToDate("table=" + rekeyed + "&columns=id,n", new ShapeHttp.View());
        PgFixture.execute("ALTER TABLE " + rekeyed + " DROP CONSTRAINT " + rekeyed + "_pkey",
                "ALTER TABLE " + rekeyed + " ADD PRIMARY KEY (n)");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http().get("table=" + rekeyed + "&columns=id,n&handle=" + k[0] + "&offset=" + k[1]).statusCode() == 409);
    }

    /** Long-polls until something other than an empty timeout comes back. */
    private HttpResponse<String> pollForStatus(String query, String[] position) {
        HttpResponse<String> r = live(query, position[0], position[1]);
        for (int i = 0; i < 10 && r.statusCode() == 200 && "false".equals(header(r, "electric-has-data")); i++) {
            r = live(query, position[0], position[1]);
        }
        return r;
    }

    private static boolean replicationActive() throws Exception {
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'shapesync_slot_%' "
                     + "AND active_pid IS NOT NULL")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private HttpResponse<String> live(String query, String handle, String offset) {
        try {
            return http().get(query + "&handle=" + handle + "&live=true&offset=" + offset);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, String>> tableRows(String table) throws Exception {
        return PgFixture.rows(table, null, "id", "title", "n");
    }
}
