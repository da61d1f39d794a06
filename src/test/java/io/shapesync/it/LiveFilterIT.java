package io.shapesync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live long-poll GETs are answered by the servlet filter, everything else by JAX-RS (issue 5). Each test sends the
 * same request both ways, over a raw socket so that header order and spelling are seen as sent, and compares the
 * answers: a live HEAD (still JAX-RS) against the live GET, and a non-live GET (JAX-RS) against the live GET where
 * both must fail the same way (400, 409, admission's 503). Two existing requests at most (sync.requests.max-existing),
 * so that the 503 is reachable with three connections; long-poll timeout 3 s (it-env.sh).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(120)
class LiveFilterIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return SecurityDeployments.war("shapesync-live.war", "sync.requests.max-existing=2\n");
    }

    @ArquillianResource
    URL base;

    /** A table with one row, synced to its head: {handle, offset}. */
    private String[] synced(String table) throws Exception {
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)", "INSERT INTO " + table + " VALUES (1, 'one')");
        String handle = null;
        String offset = "-1";
        for (int i = 0; i < 50; i++) {
            Raw r = send("GET", "table=" + table + "&offset=" + offset + (handle == null ? "" : "&handle=" + handle), null);
            assertEquals(200, r.status, r.text());
            handle = r.header("electric-handle");
            offset = r.header("electric-offset");
            if (r.header("electric-up-to-date") != null) return new String[]{handle, offset};
        }
        throw new AssertionError("no up-to-date for " + table);
    }

    @Test
    void shouldSendJaxRsHeadersWhenLiveGetIsWokenByChangeOrAnsweredAtOnce() throws Exception {
        String table = PgFixture.uniqueTable("live_filter");
        String[] head = synced(table);
        String live = "table=" + table + "&handle=" + head[0] + "&offset=" + head[1] + "&live=true";
        double okBefore = responses("200");
        CompletableFuture<Raw> parked = CompletableFuture.supplyAsync(() -> sendUnchecked("GET", live, null));
        awaitWaiters(1);
        PgFixture.execute("UPDATE " + table + " SET title = 'two' WHERE id = 1");
        Raw woken = parked.get();
        assertEquals(200, woken.status, woken.text());
        assertTrue(woken.text().contains("\"title\":\"two\""), woken.text());
        assertSameAsHead(woken, live, null);
        // counted as JAX-RS's response filter counts the others: this one and the HEAD
        await().atMost(Duration.ofSeconds(10)).until(() -> responses("200") >= okBefore + 2);

        // the same request again: the data is there, answered on the request thread
        Raw atOnce = send("GET", live, null);
        assertEquals(200, atOnce.status);
        assertEquals(woken.text(), atOnce.text());
        assertSameAsHead(atOnce, live, null);

        // the records are those of the non-live path (JAX-RS) for the same offset
        Raw catchUp = send("GET", "table=" + table + "&handle=" + head[0] + "&offset=" + head[1], null);
        assertEquals(records(catchUp.text()), records(atOnce.text()));

        Raw notModified = send("GET", live, atOnce.header("etag"));
        assertEquals(304, notModified.status);
        assertSameAsHead(notModified, live, atOnce.header("etag"));
    }

    @Test
    void shouldAnswerUpToDateWithSpecHeadersWhenLongPollTimesOut() throws Exception {
        String table = PgFixture.uniqueTable("live_timeout");
        String[] head = synced(table);
        String live = "table=" + table + "&handle=" + head[0] + "&offset=" + head[1] + "&live=true&cursor=1";
        CompletableFuture<Raw> viaJaxRs = CompletableFuture.supplyAsync(() -> sendUnchecked("HEAD", live, null));
        Raw r = send("GET", live, null);
        Raw h = viaJaxRs.get();
        assertEquals(200, r.status, r.text());
        assertEquals(200, h.status);
        // spec §8.1: request offset, up-to-date, has-data false, cursor, live cache-control, a never-matching etag
        assertEquals(head[1], r.header("electric-offset"));
        assertEquals("", r.header("electric-up-to-date"));
        assertEquals("false", r.header("electric-has-data"));
        assertNotNull(r.header("electric-cursor"));
        assertEquals("public, max-age=5, stale-while-revalidate=5", r.header("cache-control"));
        assertTrue(r.header("etag").matches("\"" + Pattern.quote(head[0] + ":" + head[1] + ":" + head[1]) + ":\\d+\""), r.header("etag"));
        assertTrue(r.text().matches("\\[\\{\"headers\":\\{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\"\\d+\"}}]"), r.text());
        assertEquals(withoutVolatile(h), withoutVolatile(r), "live GET (filter) vs live HEAD (JAX-RS), both timed out");
    }

    @Test
    void shouldFailLikeJaxRsWhenLiveGetIsBadStaleOrOverLimit() throws Exception {
        String table = PgFixture.uniqueTable("live_errors");
        String[] head = synced(table);
        String at = "table=" + table + "&offset=" + head[1];

        // 400: the same validation error, live (filter) and not (JAX-RS)
        assertSameAnswer(send("GET", at + "&handle=" + head[0] + "&replica=x&live=true", null),
                send("GET", at + "&handle=" + head[0] + "&replica=x", null), 400);
        // 409: a handle the shape no longer has
        assertSameAnswer(send("GET", at + "&handle=1-2&live=true", null), send("GET", at + "&handle=1-2", null), 409);

        // 503: two parked long-polls fill the existing-request bucket (limit 2)
        String live = at + "&handle=" + head[0] + "&live=true";
        CompletableFuture<Raw> a = CompletableFuture.supplyAsync(() -> sendUnchecked("GET", live, null));
        CompletableFuture<Raw> b = CompletableFuture.supplyAsync(() -> sendUnchecked("GET", live, null));
        awaitWaiters(2);
        Raw overLive = send("GET", live, null);
        Raw overJaxRs = send("GET", at + "&handle=" + head[0], null);
        assertEquals(503, overLive.status, overLive.text());
        assertEquals("{\"code\":\"concurrent_request_limit_exceeded\",\"message\":\"Concurrent existing request limit exceeded (limit: 2), please retry\"}",
                overLive.text());
        assertEquals("true", overLive.header("electric-internal-known-error"));
        int retryAfter = Integer.parseInt(overLive.header("retry-after"));
        assertTrue(retryAfter >= 5 && retryAfter <= 10, "retry-after " + retryAfter);
        assertSameAnswer(overLive, overJaxRs, 503);
        assertEquals(200, a.get().status);
        assertEquals(200, b.get().status);
    }

    /** The application's metrics (Prometheus text); /metrics is the server's, outside the WAR's context root. */
    private String scrape() throws IOException, InterruptedException {
        java.net.URI uri = java.net.URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/metrics?scope=application");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double responses(String code) throws IOException, InterruptedException {
        double v = MetricsIT.value(scrape(), "sync_http_responses_total", "code=\"" + code + "\"");
        return Double.isNaN(v) ? 0 : v;
    }

    /** Until {@code n} requests are parked (the sync.http.waiters gauge). */
    private void awaitWaiters(int n) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> MetricsIT.value(scrape(), "sync_http_waiters", null) >= n);
    }

    private void assertSameAsHead(Raw get, String query, String ifNoneMatch) throws IOException {
        // the cursor is per 3-s window: a pair straddling a window boundary is asked again
        Raw head = send("HEAD", query, ifNoneMatch);
        for (int i = 0; i < 3 && !String.valueOf(head.header("electric-cursor")).equals(get.header("electric-cursor")); i++) {
            head = send("HEAD", query, ifNoneMatch);
        }
        assertEquals(withoutVolatile(head), withoutVolatile(get), "live GET (filter) vs live HEAD (JAX-RS)");
        if (get.status == 200) assertEquals(Integer.toString(get.body.length), get.header("content-length"));
        // the container's own headers (after the etag) come in the same order as on a JAX-RS GET: the filter sets the
        // length itself, to send the answer in one write
        Raw jaxRs = send("GET", query.replace("&live=true", ""), ifNoneMatch);
        assertEquals(get.status, jaxRs.status, jaxRs.text());
        assertEquals(containerHeaders(jaxRs), containerHeaders(get), "header names after the etag, JAX-RS vs filter");
    }

    /** The names of the header lines after the etag (the container's: content language and length, connection, date). */
    private static List<String> containerHeaders(Raw r) {
        List<String> names = new ArrayList<>();
        for (String line : r.headers) names.add(line.substring(0, line.indexOf(':')).toLowerCase());
        return names.subList(names.indexOf("etag") + 1, names.size());
    }

    private static void assertSameAnswer(Raw live, Raw jaxRs, int status) {
        assertEquals(status, live.status, live.text());
        assertEquals(withoutVolatile(jaxRs), withoutVolatile(live), "live GET (filter) vs non-live GET (JAX-RS)");
        assertEquals(jaxRs.text(), live.text());
    }

    /**
     * The status line and header lines in order, without the date, the length (a HEAD has none) and the values that
     * differ per response by design: a timeout's etag (nanos), the cursor when none is fixed, admission's retry-after.
     */
    private static List<String> withoutVolatile(Raw r) {
        List<String> out = new ArrayList<>();
        out.add(r.statusLine);
        for (String line : r.headers) {
            String name = line.substring(0, line.indexOf(':')).toLowerCase();
            if (name.equals("date") || name.equals("content-length")) continue;
            if (name.equals("retry-after")) line = "retry-after: <5..10>";
            if (name.equals("etag") && line.matches("(?i)etag: \"[^\"]*:[^\"]*:[^\"]*:\\d+\"")) line = line.replaceAll(":\\d+\"$", ":<nanos>\"");
            if (name.equals("electric-cursor") && r.header("electric-up-to-date") != null && r.header("electric-has-data").equals("false")) {
                line = "electric-cursor: <random>";  // a timeout with cursor=1 given: ahead of the window, random
            }
            out.add(line);
        }
        return out;
    }

    private static List<String> records(String body) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"key\":.*?\"last\":true}}").matcher(body);
        while (m.find()) out.add(m.group());
        return out;
    }

    private Raw sendUnchecked(String method, String query, String ifNoneMatch) {
        try {
            return send(method, query, ifNoneMatch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One HTTP/1.1 request on its own connection; the answer as sent (header lines in order). */
    private Raw send(String method, String query, String ifNoneMatch) throws IOException {
        String path = base.getPath() + (base.getPath().endsWith("/") ? "" : "/") + "v1/shape?" + query;
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + (ifNoneMatch == null ? "" : "If-None-Match: " + ifNoneMatch + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return Raw.parse(all.toByteArray());
        }
    }

    private record Raw(String statusLine, int status, List<String> headers, byte[] body) {
        static Raw parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            return new Raw(lines[0], Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        String header(String name) {
            for (String line : headers) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
