package io.shapesync.it;

import static io.shapesync.it.ShapeHttp.enc;
import static io.shapesync.it.ShapeHttp.header;
import static io.shapesync.it.ShapeHttp.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shapes with where clauses, params and subsets against a real Postgres, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(120)
class WhereShapesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private ShapeHttp http() {
        return new ShapeHttp(base);
    }

    private static String createIssues(int rows) throws Exception {
        String table = PgFixture.uniqueTable("issues");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, project int4, status text, title text)",
                "INSERT INTO " + table + " SELECT i, i % 4, CASE WHEN i % 3 = 0 THEN 'done' ELSE 'open' END, 'issue ' || i "
                        + "FROM generate_series(1, " + rows + ") i");
        return table;
    }

    @Test
    void shouldKeepShapeEqualToSelectWhenUpdatesMoveRowsInAndOut() throws Exception {
        String table = createIssues(40);
        String where = "project = $1 AND status <> 'done'";
        String query = "table=" + table + "&columns=id,status,title&where=" + enc(where) + "&params%5B1%5D=2";
        String select = "SELECT id::text, status, title FROM " + table + " WHERE project = 2 AND status <> 'done'";
        ShapeHttp.View view = new ShapeHttp.View();
        String[] position = http().syncUntilUpToDate(query, view);
        assertEquals(selectRows(select, table), view.rows);
        assertTrue(view.rows.size() > 3, "rows in the shape: " + view.rows.size());

        PgFixture.execute(
                "UPDATE " + table + " SET project = 2 WHERE id = 1",                    // move in (1 is open)
                "UPDATE " + table + " SET status = 'done' WHERE id = 2",                // move out
                "UPDATE " + table + " SET title = 'renamed' WHERE id = 10",             // stays in: update
                "UPDATE " + table + " SET title = 'not here' WHERE id = 3",             // stays out: nothing
                "INSERT INTO " + table + " VALUES (100, 2, 'open', 'new in'), (101, 1, 'open', 'new out')",
                "UPDATE " + table + " SET id = 200 WHERE id = 14",                      // key change inside
                "UPDATE " + table + " SET id = 201, project = 3 WHERE id = 22",         // key change and move out
                "DELETE FROM " + table + " WHERE id = 26");
        http().pollUntil(query, position[0], position[1], view, () -> selectRows(select, table));
        assertEquals(0, view.conflicts, "conflicting messages");
        assertEquals("renamed", view.rows.get(key(table, "10")).get("title"));
        assertTrue(view.rows.containsKey(key(table, "1")));
        assertTrue(view.rows.containsKey(key(table, "200")));
    }

    @Test
    void shouldRejectBadWhereClausesWithFieldError() throws Exception {
        String table = createIssues(1);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("nope = 1", "nope");
        cases.put("id = ", "syntax error");
        cases.put("id = 1; DROP TABLE " + table, ";");
        cases.put("now() > '2020-01-01'", "now");
        cases.put("id = 'abc'", "abc");
        cases.put("id = $1", "$1");
        cases.put("id + 1", "boolean");
        cases.put("title = 'unterminated", "unterminated");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = http().get("table=" + table + "&offset=-1&where=" + enc(c.getKey()));
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            String message = ShapeHttp.json(r).getJsonObject("errors").getJsonArray("where").getString(0);
            assertTrue(message.contains(c.getValue()), c.getKey() + " -> " + message);
        }
        String kind = PgFixture.uniqueTable("mood");
        String moods = PgFixture.uniqueTable("moods");
        PgFixture.execute("CREATE TYPE " + kind + " AS ENUM ('ok', 'sad')",
                "CREATE TABLE " + moods + " (id int4 PRIMARY KEY, m " + kind + ")", "INSERT INTO " + moods + " VALUES (1, 'ok')");
        HttpResponse<String> label = http().get("table=" + moods + "&offset=-1&where=" + enc("m = 'happy'"));
        assertEquals(400, label.statusCode(), label.body());
        assertTrue(label.body().contains("happy"), label.body());
        // a clause that raises on the table's data: the snapshot fails; the client must not loop on 409 forever
        String raises = "table=" + table + "&offset=-1&where=" + enc("10 / (id - 1) > 0");
        HttpResponse<String> first = http().get(raises);
        HttpResponse<String> again = first.statusCode() == 409 ? http().get(raises) : first;
        assertEquals(400, again.statusCode(), again.body());
        assertTrue(again.body().contains("division by zero"), again.body());

        HttpResponse<String> gap = http().get("table=" + table + "&offset=-1&where=id%3D%242&params%5B2%5D=1");
        assertEquals(400, gap.statusCode(), gap.body());
        assertEquals("Parameters must be numbered sequentially, starting from 1",
                ShapeHttp.json(gap).getJsonObject("errors").getJsonArray("params").getString(0));
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the table survived the injection attempt");
        }
    }

    @Test
    void shouldSnapshotExactlyTheMatchingRowsWhenParamsHoldQuotesAndBackslashes() throws Exception {
        // the snapshot's COPY carries the params as literals: quotes, backslashes and SQL in them stay data
        String table = createIssues(30);
        String odd = "it's \\ \"odd\"'); DROP TABLE " + table + "; --";
        PgFixture.execute("UPDATE " + table + " SET title = '" + odd.replace("'", "''") + "' WHERE id IN (4, 5, 9)",
                "UPDATE " + table + " SET title = 'it''s' WHERE id = 6");
        String where = "(title = $1 OR project = $2) AND status <> $3";
        String query = "table=" + table + "&columns=title,id&where=" + enc(where) + "&params%5B1%5D=" + enc(odd)
                + "&params%5B2%5D=3&params%5B3%5D=done";
        ShapeHttp.View view = new ShapeHttp.View();
        http().syncUntilUpToDate(query, view);
        Map<String, Map<String, String>> expected = new TreeMap<>();
        selectRows("SELECT id::text, title FROM " + table + " WHERE (title = '" + odd.replace("'", "''")
                + "' OR project = 3) AND status <> 'done'", table).forEach((k, row) -> {
                    Map<String, String> shaped = new LinkedHashMap<>();
                    shaped.put("title", row.get("title"));
                    shaped.put("id", row.get("id"));
                    expected.put(k, shaped);
                });
        assertEquals(expected, view.rows);
        assertTrue(view.rows.containsKey(key(table, "4")) && view.rows.containsKey(key(table, "5")), view.rows.toString());
        assertEquals(odd, view.rows.get(key(table, "4")).get("title"));
        assertTrue(!view.rows.containsKey(key(table, "9")) && !view.rows.containsKey(key(table, "6")), "9 is done, 6 differs");

        // a data error that only the parameter causes still fails the snapshot as a 400, not an endless 409
        String raises = "table=" + table + "&offset=-1&where=" + enc("10 / (id - $1) > 0") + "&params%5B1%5D=7";
        HttpResponse<String> first = http().get(raises);
        HttpResponse<String> again = first.statusCode() == 409 ? http().get(raises) : first;
        assertEquals(400, again.statusCode(), again.body());
        assertTrue(again.body().contains("division by zero"), again.body());
    }

    @Test
    void shouldServeSubsetSnapshotsWhenRequestedByGetAndPost() throws Exception {
        String table = createIssues(30);
        String shape = "table=" + table + "&log=changes_only&where=" + enc("status = 'open'");
        HttpResponse<String> first = http().get(shape + "&offset=-1");
        assertEquals(200, first.statusCode(), first.body());
        JsonArray initial = messages(first);
        assertEquals(1, initial.size(), "changes_only: only snapshot-end");
        assertEquals("snapshot-end", initial.getJsonObject(0).getJsonObject("headers").getString("control"));
        String handle = header(first, "electric-handle");

        HttpResponse<String> get = http().get(shape + "&offset=-1&subset__where=" + enc("project = $1")
                + "&subset__params=" + enc("{\"1\":\"1\"}") + "&subset__order_by=" + enc("id DESC") + "&subset__limit=3");
        assertEquals(200, get.statusCode(), get.body());
        assertEquals("true", header(get, "electric-snapshot"));
        assertEquals(handle, header(get, "electric-handle"));
        assertNotNull(header(get, "electric-schema"));
        JsonObject body = ShapeHttp.json(get);
        JsonObject metadata = body.getJsonObject("metadata");
        assertNotNull(metadata.getString("xmin"));
        assertTrue(Long.parseLong(metadata.getString("database_lsn")) > 0);
        List<String> ids = new ArrayList<>();
        for (JsonObject row : body.getJsonArray("data").getValuesAs(JsonObject.class)) {
            ids.add(row.getJsonObject("value").getString("id"));
            assertEquals(metadata.getInt("snapshot_mark"), row.getJsonObject("headers").getInt("snapshot_mark"));
        }
        assertEquals(List.of("29", "25", "17"), ids, "open issues of project 1, newest first, 3 of them");

        HttpResponse<String> post = post(shape + "&offset=-1",
                "{\"where\":\"project = $1\",\"params\":{\"1\":\"1\"},\"order_by\":\"id\",\"limit\":2,\"offset\":1,\"table\":\"x\"}");
        assertEquals(200, post.statusCode(), post.body());
        List<String> postIds = new ArrayList<>();
        for (JsonObject row : ShapeHttp.json(post).getJsonArray("data").getValuesAs(JsonObject.class)) {
            postIds.add(row.getJsonObject("value").getString("id"));
        }
        assertEquals(List.of("5", "13"), postIds);

        HttpResponse<String> noOrder = http().get(shape + "&offset=-1&subset__limit=2");
        assertEquals(400, noOrder.statusCode());
        assertEquals("order_by is required when limit or offset is present", ShapeHttp.json(noOrder).getJsonObject("errors")
                .getJsonObject("subset").getJsonArray("order_by").getString(0));
        HttpResponse<String> badJson = post(shape + "&offset=-1", "{not json");
        assertEquals(400, badJson.statusCode());
        assertEquals("Invalid JSON in request body", ShapeHttp.json(badJson).getString("error"));
    }

    @Test
    void shouldFollowSubqueryAndRefetchWhenItsResultChanges() throws Exception {
        String projects = PgFixture.uniqueTable("projects");
        String issues = PgFixture.uniqueTable("issues");
        PgFixture.execute("CREATE TABLE " + projects + " (id int4 PRIMARY KEY, active bool, name text)",
                "INSERT INTO " + projects + " SELECT i, i % 2 = 0, 'p' || i FROM generate_series(1, 6) i",
                "CREATE TABLE " + issues + " (id int4 PRIMARY KEY, project_id int4, title text)",
                "INSERT INTO " + issues + " SELECT i, 1 + i % 6, 'issue ' || i FROM generate_series(1, 30) i");
        String where = "project_id IN (SELECT id FROM " + projects + " WHERE active)";
        String query = "table=" + issues + "&where=" + enc(where);
        String select = "SELECT id::text, project_id::text, title FROM " + issues + " WHERE " + where;
        ShapeHttp.View view = new ShapeHttp.View();
        String[] position = http().syncUntilUpToDate(query, view);
        assertEquals(selectRows(select, issues), view.rows);

        // writes that leave the subquery's result alone stream as usual
        PgFixture.execute("INSERT INTO " + issues + " VALUES (100, 2, 'in'), (101, 1, 'out')",
                "UPDATE " + projects + " SET name = 'renamed' WHERE id = 2",
                "UPDATE " + issues + " SET project_id = 3 WHERE id = 1");   // issue 1: project 2 -> 3, moves out
        String offset = http().pollUntil(query, position[0], position[1], view, () -> selectRows(select, issues));
        assertEquals(0, view.conflicts);

        // a project becomes active: the result set changes, the shape must be refetched
        PgFixture.execute("UPDATE " + projects + " SET active = true WHERE id = 1");
        HttpResponse<String> r = http().get(query + "&handle=" + position[0] + "&live=true&offset=" + offset);
        for (int i = 0; i < 5 && r.statusCode() == 200; i++) {
            view.apply(messages(r));
            r = http().get(query + "&handle=" + position[0] + "&live=true&offset=" + header(r, "electric-offset"));
        }
        assertEquals(409, r.statusCode(), r.body());
        ShapeHttp.View fresh = new ShapeHttp.View();
        http().syncUntilUpToDate(query, fresh);
        assertEquals(selectRows(select, issues), fresh.rows);
        assertTrue(fresh.rows.containsKey(key(issues, "101")), "issue of the newly active project is in");
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        String b = base.toString().endsWith("/") ? base.toString() : base + "/";
        HttpRequest req = HttpRequest.newBuilder(URI.create(b + "v1/shape?" + query)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String key(String table, String id) {
        return "\"public\".\"" + table + "\"/\"" + id + "\"";
    }

    /** Rows of a query whose first column is the id, keyed like the shape's messages. */
    private static Map<String, Map<String, String>> selectRows(String sql, String table) throws Exception {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), rs.getString(i));
                rows.put(key(table, rs.getString(1)), row);
            }
        }
        return rows;
    }
}
