package io.shapesync.it;

import static io.shapesync.it.ShapeHttp.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped nginx configuration ({@code liberty/nginx/}, docs/nginx.md) in front of ShapeSync: a real nginx,
 * started by the test on loopback. Request collapsing of live long-polls, cache hits for closed chunks, ETag
 * revalidation, 409 pass-through, and what must not be cached.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(180)
class NginxIT {
    private static final int CLIENTS = 1_000;
    /** "at most a handful" of the 1,000 live requests may reach ShapeSync */
    private static final int MAX_AT_ORIGIN = 5;

    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "nginx-it-client");
        t.setDaemon(true);
        return t;
    });
    /** HTTP/1.1: one connection per concurrent request, as browsers talking to nginx over HTTP/1.1 */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20)).executor(EXECUTOR).build();

    private static NginxProcess nginx;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private String viaNginx() throws Exception {
        synchronized (NginxIT.class) {
            if (nginx == null) nginx = NginxProcess.start(base);
        }
        return nginx.url(base);
    }

    @AfterAll
    static void stopNginx() {
        synchronized (NginxIT.class) {
            if (nginx != null) {
                nginx.stop();
                nginx = null;
            }
        }
    }

    private static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (headers.length > 0) b.headers(headers);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createItems(int rows) throws Exception {
        String table = PgFixture.uniqueTable("nginx");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)",
                "INSERT INTO " + table + " SELECT i, 'item ' || i FROM generate_series(1, " + rows + ") i");
        return table;
    }

    /** Syncs through nginx until up-to-date: returns the handle and offset reached. */
    private static String[] syncUntilUpToDate(String shape, String table) throws Exception {
        String offset = "-1";
        String handle = null;
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = get(shape + "?table=" + table + "&offset=" + offset + (handle == null ? "" : "&handle=" + handle));
            assertEquals(200, r.statusCode(), r.body());
            handle = header(r, "electric-handle");
            offset = header(r, "electric-offset");
            JsonArray msgs = messages(r);
            if (!msgs.isEmpty() && "up-to-date".equals(msgs.getJsonObject(msgs.size() - 1).getJsonObject("headers").getString("control", null))) {
                return new String[] {handle, offset};
            }
        }
        throw new AssertionError("never up-to-date through nginx");
    }

    @Test
    void shouldCollapseThousandConcurrentLivePollsIntoAHandfulOfOriginRequests() throws Exception {
        String shape = viaNginx() + "/v1/shape";
        String table = createItems(2);
        String[] position = syncUntilUpToDate(shape, table);
        String handle = position[0];
        String offset = position[1];

        // a client's first live request carries no cursor: it is held for the long-poll timeout (3 s in the ITs)
        HttpResponse<String> first = get(shape + "?table=" + table + "&handle=" + handle + "&offset=" + offset + "&live=true");
        assertEquals(200, first.statusCode(), first.body());
        String cursor = header(first, "electric-cursor");
        assertNotNull(cursor, "live response without electric-cursor");
        assertEquals(offset, header(first, "electric-offset"));

        String query = "table=" + table + "&handle=" + handle + "&offset=" + offset + "&live=true&cursor=" + cursor;
        HttpRequest live = HttpRequest.newBuilder(URI.create(shape + "?" + query)).timeout(Duration.ofSeconds(60)).GET().build();
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) polls.add(CLIENT.sendAsync(live, HttpResponse.BodyHandlers.ofString()));
        // wait until nginx holds all 1,000 connections, but insert well before the live request that reached
        // ShapeSync first expires (3 s in the ITs): later arrivals are then answered from the cache all the same
        long deadline = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        int open;
        while ((open = nginx.establishedConnections()) < CLIENTS && System.nanoTime() < deadline) Thread.sleep(10);
        Thread.sleep(100);
        long connectedMs = (System.nanoTime() - started) / 1_000_000;
        PgFixture.execute("INSERT INTO " + table + " VALUES (1000, 'collapsed')");
        long insertedMs = (System.nanoTime() - started) / 1_000_000;
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        long doneMs = (System.nanoTime() - started) / 1_000_000;

        Map<String, Integer> cacheStatuses = new TreeMap<>();
        int withRow = 0;
        for (CompletableFuture<HttpResponse<String>> f : polls) {
            HttpResponse<String> r = f.get();
            assertEquals(200, r.statusCode(), r.body());
            cacheStatuses.merge(String.valueOf(header(r, "x-cache-status")), 1, Integer::sum);
            JsonArray msgs = messages(r);
            boolean row = false;
            for (JsonValue v : msgs) {
                JsonObject m = v.asJsonObject();
                if (m.containsKey("value") && "collapsed".equals(m.getJsonObject("value").getString("title", null))
                        && "insert".equals(m.getJsonObject("headers").getString("operation"))) row = true;
            }
            if (row) withRow++;
            assertEquals("up-to-date", msgs.getJsonObject(msgs.size() - 1).getJsonObject("headers").getString("control"), r.body());
            assertNotNull(header(r, "electric-cursor"));
            assertNotEquals(offset, header(r, "electric-offset"), "a response without the change (the long-poll timed out?)");
        }

        String requestLine = "GET " + URI.create(shape).getPath() + "?" + query + " HTTP/1.1";
        int atOrigin = OriginLog.countStable(requestLine);
        List<String> nginxLines = linesWith(nginx.accessLog(), "\"" + requestLine + "\"");
        long nginxUpstream = nginxLines.stream().filter(l -> !l.contains("upstream=-")).count();
        Map<String, Integer> nginxStatuses = new TreeMap<>();
        for (String l : nginxLines) nginxStatuses.merge(l.replaceAll(".* cache=(\\S*) .*", "$1"), 1, Integer::sum);

        System.out.printf("NginxIT: %d concurrent live requests through nginx: %d reached ShapeSync (its access log), "
                        + "%d went upstream (nginx's log); connections open after %d ms (%d seen), insert at %d ms, "
                        + "all %d answered with the new row after %d ms; X-Cache-Status %s; nginx log %s%n",
                CLIENTS, atOrigin, nginxUpstream, connectedMs, open, insertedMs, withRow, doneMs, cacheStatuses, nginxStatuses);

        assertEquals(CLIENTS, withRow, "clients that received the inserted row");
        assertEquals(CLIENTS, nginxLines.size(), "nginx logged every live request");
        assertTrue(atOrigin >= 1 && atOrigin <= MAX_AT_ORIGIN, atOrigin + " of " + CLIENTS + " live requests reached ShapeSync");
        assertTrue(nginxUpstream >= 1 && nginxUpstream <= MAX_AT_ORIGIN, nginxUpstream + " live requests went upstream");
    }

    @Test
    void shouldServeClosedChunkFromCacheAndAnswerIfNoneMatchWith304() throws Exception {
        String shape = viaNginx() + "/v1/shape";
        String table = createItems(3);
        String url = shape + "?table=" + table + "&offset=-1";
        HttpResponse<String> miss = get(url);
        assertEquals(200, miss.statusCode(), miss.body());
        assertEquals("MISS", header(miss, "x-cache-status"));
        String etag = header(miss, "etag");
        assertNotNull(etag);
        // headers pass through: electric-*, CORS, cache-control
        assertNotNull(header(miss, "electric-handle"));
        assertEquals("0_0", header(miss, "electric-offset"));
        assertNotNull(header(miss, "electric-schema"));
        assertNotNull(header(miss, "electric-server"));
        assertEquals("*", header(miss, "access-control-allow-origin"));
        assertTrue(header(miss, "access-control-expose-headers").contains("electric-handle"));
        assertEquals("public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746", header(miss, "cache-control"));

        HttpResponse<String> hit = get(url);
        assertEquals(200, hit.statusCode());
        assertEquals("HIT", header(hit, "x-cache-status"));
        assertEquals(miss.body(), hit.body());
        assertEquals(etag, header(hit, "etag"));
        assertEquals(header(miss, "electric-handle"), header(hit, "electric-handle"));
        assertEquals(header(miss, "electric-schema"), header(hit, "electric-schema"));

        HttpResponse<String> notModified = get(url, "If-None-Match", etag);
        assertEquals(304, notModified.statusCode(), notModified.body());
        assertEquals(etag, header(notModified, "etag"));
        assertEquals("", notModified.body());
        HttpResponse<String> otherTag = get(url, "If-None-Match", "\"some-other-etag\"");
        assertEquals(200, otherTag.statusCode());
        assertEquals(miss.body(), otherTag.body());

        // the next request (open chunk, non-live) is cacheable for max-age=60 too
        String next = shape + "?table=" + table + "&offset=0_0&handle=" + header(miss, "electric-handle");
        assertEquals("MISS", header(get(next), "x-cache-status"));
        HttpResponse<String> nextHit = get(next);
        assertEquals("HIT", header(nextHit, "x-cache-status"));
        assertNotNull(header(nextHit, "electric-up-to-date"));
        // a revalidation of a cached response with its etag: 304 as well
        assertEquals(304, get(next, "If-None-Match", header(nextHit, "etag")).statusCode());
    }

    @Test
    void shouldPassMustRefetchThroughAndCacheIt() throws Exception {
        String shape = viaNginx() + "/v1/shape";
        String table = createItems(1);
        String[] position = syncUntilUpToDate(shape, table);
        String url = shape + "?table=" + table + "&handle=no-such-handle-1&offset=0_0";
        HttpResponse<String> conflict = get(url);
        assertEquals(409, conflict.statusCode(), conflict.body());
        assertEquals(position[0], header(conflict, "electric-handle"));
        assertEquals("public, max-age=60, must-revalidate", header(conflict, "cache-control"));
        assertEquals("must-refetch", messages(conflict).getJsonObject(0).getJsonObject("headers").getString("control"));
        assertEquals("*", header(conflict, "access-control-allow-origin"));

        HttpResponse<String> cached = get(url);
        assertEquals(409, cached.statusCode());
        assertEquals("HIT", header(cached, "x-cache-status"), "409 is cacheable for 60 s per spec");
        assertEquals(position[0], header(cached, "electric-handle"));
        assertEquals(conflict.body(), cached.body());
    }

    @Test
    void shouldNeitherCacheSubsetPostsNorSse() throws Exception {
        String shape = viaNginx() + "/v1/shape";
        String table = createItems(5);
        String[] position = syncUntilUpToDate(shape, table);
        String url = shape + "?table=" + table + "&handle=" + position[0] + "&offset=" + position[1];
        for (int i = 0; i < 2; i++) {
            HttpRequest post = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"where\":\"id > 3\",\"order_by\":\"id\",\"limit\":10}")).build();
            HttpResponse<String> r = CLIENT.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("true", header(r, "electric-snapshot"));
            assertTrue(header(r, "x-cache-status") == null, "POST passed through the cache: " + header(r, "x-cache-status"));
        }
        // subset by GET: answered with no-cache, bypasses the cache (and its lock)
        HttpResponse<String> subsetGet = get(url + "&subset__where=" + ShapeHttp.enc("id > 3"));
        assertEquals(200, subsetGet.statusCode(), subsetGet.body());
        assertEquals("BYPASS", header(subsetGet, "x-cache-status"));

        // SSE goes to the unbuffered, uncached location, whatever ShapeSync answers (a stream, or 400 before SSE exists)
        HttpRequest sse = HttpRequest.newBuilder(URI.create(url + "&live=true&live_sse=true")).timeout(Duration.ofSeconds(30))
                .header("accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> stream = CLIENT.send(sse, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = stream.body()) {
            assertEquals("BYPASS", header(stream, "x-cache-status"));
            assertNotNull(header(stream, "electric-server"), "ShapeSync's headers through the SSE location");
        }
    }

    private static List<String> linesWith(Path log, String needle) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(needle)).toList();
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** The Arquillian server's HTTP access log (test-only override src/test/liberty/configDropins/overrides/access-log.xml). */
    static final class OriginLog {
        static Path dir() {
            return NginxProcess.root().resolve("target/liberty/wlp/usr/servers/arquillian/logs");
        }

        static int count(String requestLine) throws IOException {
            String needle = "\"" + requestLine + "\"";
            int n = 0;
            try (Stream<Path> files = Files.list(dir())) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("http_access")).toList()) {
                    try (Stream<String> lines = Files.lines(f)) {
                        n += (int) lines.filter(l -> l.contains(needle)).count();
                    }
                }
            }
            return n;
        }

        /** The count once it has stopped changing (the access log is written asynchronously). */
        static int countStable(String requestLine) throws IOException, InterruptedException {
            assertTrue(Files.isDirectory(dir()), "no Liberty log folder " + dir());
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int last = -1;
            int stableFor = 0;
            while (System.nanoTime() < deadline) {
                int n = count(requestLine);
                if (n == last && n > 0) {
                    if (++stableFor >= 10) return n;
                } else {
                    stableFor = 0;
                }
                last = n;
                Thread.sleep(100);
            }
            assertTrue(last > 0, "ShapeSync's access log has no line for " + requestLine + " (in " + dir() + ")");
            return last;
        }
    }
}
