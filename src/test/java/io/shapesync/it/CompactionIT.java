package io.shapesync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compaction on a real server (the ITs run it every second, for logs of 8 MiB and more, keeping the last 2 s): a log
 * of many updates becomes the table's rows plus a short tail; a client at the head continues under its old handle; a
 * client behind the cut gets 409 and the new handle; a fresh client gets each row once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(240)
class CompactionIT {
    private static final int ROWS = 100;
    private static final int ROUNDS = 60;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void shouldFoldLogIntoRowsWhileHeadClientsContinueAndClientsBehindRefetch() throws Exception {
        ShapeHttp http = new ShapeHttp(base);
        String table = PgFixture.uniqueTable("compacted");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, v int8, pad text)",
                "INSERT INTO " + table + " SELECT i, 0, repeat(md5(i::text), 64) FROM generate_series(1, " + ROWS + ") i");
        String query = "table=" + table;

        ShapeHttp.View head = new ShapeHttp.View();
        String[] start = http.syncUntilUpToDate(query, head);
        String firstHandle = start[0];
        String behindOffset = start[1];

        // ~2.2 kB per update message: 60 rounds over 100 rows are ~13 MB of log, more than one 10 MB chunk
        for (int round = 1; round <= ROUNDS; round++) {
            PgFixture.execute("UPDATE " + table + " SET v = v + 1, pad = repeat(md5(id::text || '-" + round + "'), 64)");
            if (round == 10) PgFixture.execute("DELETE FROM " + table + " WHERE id > 90");
            if (round == 20) PgFixture.execute("INSERT INTO " + table + " SELECT i, 0, 'new' FROM generate_series(101, 110) i");
        }
        String[] at = follow(http, query, firstHandle, start[1], head, table);
        assertEquals(firstHandle, at[0], "no compaction yet while the head client caught up");
        int before = freshSync(http, query, new ShapeHttp.View(), new int[1]);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !firstHandle.equals(ShapeHttp.header(http.get(query + "&offset=-1"), "electric-handle")));

        // behind the cut: 409 with the new handle
        HttpResponse<String> behind = http.get(query + "&handle=" + firstHandle + "&offset=" + behindOffset);
        assertEquals(409, behind.statusCode(), behind.body());
        String newHandle = ShapeHttp.header(behind, "electric-handle");
        assertNotEquals(firstHandle, newHandle);

        // a fresh client: every row once, as inserts, then the tail; far fewer messages than before
        ShapeHttp.View fresh = new ShapeHttp.View();
        int[] prefixInserts = new int[1];
        int after = freshSync(http, query, fresh, prefixInserts);
        assertEquals(0, fresh.conflicts, "conflicting messages in the compacted log");
        assertEquals(tableRows(table), fresh.rows);
        assertTrue(prefixInserts[0] <= 110, "rows before snapshot-end: " + prefixInserts[0]);
        assertTrue(after * 2 < before, "messages for a full sync: " + before + " before compaction, " + after + " after");

        // the head client continues under its old handle and moves to the new one
        PgFixture.execute("UPDATE " + table + " SET v = -1 WHERE id <= 5", "DELETE FROM " + table + " WHERE id = 6");
        String[] moved = follow(http, query, firstHandle, at[1], head, table);
        assertEquals(newHandle, moved[0]);
        assertEquals(0, head.conflicts, "the head client saw conflicting messages");
        assertEquals(tableRows(table), head.rows);
    }

    /** Long-polls like the official client (adopting the handle each response carries) until the view equals the table. */
    private static String[] follow(ShapeHttp http, String query, String handle, String offset, ShapeHttp.View view,
                                   String table) throws Exception {
        Map<String, Map<String, String>> want = tableRows(table);
        while (!view.rows.equals(want)) {
            HttpResponse<String> r = http.get(query + "&handle=" + handle + "&live=true&offset=" + offset);
            assertEquals(200, r.statusCode(), "while following at " + offset + ": " + r.body());
            view.apply(ShapeHttp.messages(r));
            handle = ShapeHttp.header(r, "electric-handle");
            offset = ShapeHttp.header(r, "electric-offset");
            want = tableRows(table);
        }
        return new String[] {handle, offset};
    }

    /** Syncs from scratch to up-to-date; returns the number of data messages and counts the inserts before snapshot-end. */
    private static int freshSync(ShapeHttp http, String query, ShapeHttp.View view, int[] prefixInserts) throws Exception {
        String offset = "-1";
        String handle = null;
        int count = 0;
        boolean inPrefix = true;
        Set<String> prefixKeys = new HashSet<>();
        while (true) {
            HttpResponse<String> r = http.get(query + "&offset=" + offset + (handle == null ? "" : "&handle=" + handle));
            assertEquals(200, r.statusCode(), r.body());
            JsonArray messages = ShapeHttp.messages(r);
            for (JsonObject m : messages.getValuesAs(JsonObject.class)) {
                JsonObject h = m.getJsonObject("headers");
                if (h.containsKey("control")) {
                    if ("snapshot-end".equals(h.getString("control"))) inPrefix = false;
                    continue;
                }
                count++;
                if (inPrefix) {
                    assertEquals("insert", h.getString("operation"), "prefix message " + m);
                    assertTrue(prefixKeys.add(m.getString("key")), "key twice in the prefix: " + m.getString("key"));
                    prefixInserts[0]++;
                }
            }
            view.apply(messages);
            handle = ShapeHttp.header(r, "electric-handle");
            offset = ShapeHttp.header(r, "electric-offset");
            if (view.upToDate) return count;
        }
    }

    private static Map<String, Map<String, String>> tableRows(String table) throws Exception {
        return PgFixture.rows(table, null, "id", "v", "pad");
    }
}
