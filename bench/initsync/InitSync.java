import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Clients for benchmark 3 (initial sync), driven by bench/run-initial-sync.py. Prints one JSON line.
 *
 * <pre>
 *   java -cp pgjdbc.jar:DIR InitSync copy JDBC_URL USER PASSWORD TABLE
 *       COPY (SELECT * FROM TABLE) TO STDOUT through pgjdbc's CopyManager; every byte read and counted.
 *   java -cp DIR InitSync http BASE_URL TABLE [URL_FILE]
 *       Shape initial sync: GET offset=-1, then handle/offset from the headers, chunk by chunk, until a response
 *       carries up-to-date. Every body is read fully (HttpURLConnection, keep-alive); rows = occurrences of
 *       "key": in the bodies. URL_FILE: the request URLs, one a line (to replay them with curl).
 * </pre>
 * Times are wall time from the first request to the last byte; cpu = this JVM's process CPU time in that window
 * (to show the client is not the bottleneck).
 */
public class InitSync {

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "copy" -> copy(a[1], a[2], a[3], a[4]);
            case "http" -> http(a[1], a[2], a.length > 3 ? a[3] : null);
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Counts bytes and newlines (= rows in COPY text format). */
    static final class Counting extends OutputStream {
        long bytes, rows;

        @Override public void write(int b) {
            bytes++;
            if (b == '\n') rows++;
        }

        @Override public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off, end = off + len; i < end; i++) {
                if (b[i] == '\n') rows++;
            }
        }
    }

    static void copy(String url, String user, String password, String table) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url, p)) {
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            Counting out = new Counting();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            cm.copyOut("COPY (SELECT * FROM " + table + ") TO STDOUT", out);
            long t1 = System.nanoTime();
            long cpu1 = cpuNanos();
            System.out.printf("{\"rows\":%d,\"bytes\":%d,\"seconds\":%.4f,\"cpu\":%.3f}%n", out.rows, out.bytes,
                    (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9);
        }
    }

    static final byte[] KEY = "\"key\":".getBytes(StandardCharsets.US_ASCII);

    static boolean contains(byte[] b, byte[] s) {
        outer:
        for (int i = 0, end = b.length - s.length; i <= end; i++) {
            for (int j = 0; j < s.length; j++) {
                if (b[i + j] != s[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    static final byte[] UP_TO_DATE = "\"control\":\"up-to-date\"".getBytes(StandardCharsets.US_ASCII);

    static void http(String base, String table, String urlFile) throws Exception {
        java.util.List<String> urls = new java.util.ArrayList<>();
        // HttpURLConnection (keep-alive, blocking reads into one 256 kB buffer): much less client CPU than
        // java.net.http.HttpClient, which used a whole core of this 2-core machine on the warm run.
        String q = base + "/v1/shape?table=" + URLEncoder.encode(table, StandardCharsets.UTF_8);
        String handle = null, offset = "-1";
        long rows = 0, bytes = 0, requests = 0, firstMs = -1;
        byte[] buf = new byte[256 * 1024];
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        while (true) {
            String u = q + "&offset=" + offset + (handle == null ? "" : "&handle=" + handle);
            urls.add(u);
            HttpURLConnection c = (HttpURLConnection) URI.create(u).toURL().openConnection();
            c.setReadTimeout(600_000);
            int status = c.getResponseCode();
            requests++;
            if (status != 200) {
                InputStream es = c.getErrorStream();
                String msg = es == null ? "" : new String(es.readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("HTTP " + status + " for " + u + ": " + msg.substring(0, Math.min(300, msg.length())));
            }
            int state = 0;   // bytes of "key": matched so far
            byte[] tail = new byte[0];
            try (InputStream in = c.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (firstMs < 0) firstMs = (System.nanoTime() - t0) / 1_000_000;
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == KEY[state]) {
                            if (++state == KEY.length) {
                                rows++;
                                state = 0;
                            }
                        } else {
                            state = b == '"' ? 1 : 0;
                        }
                    }
                    int keep = Math.min(n, 256);
                    tail = java.util.Arrays.copyOfRange(buf, n - keep, n);
                }
            }
            String h = c.getHeaderField("electric-handle");
            if (h != null) handle = h;
            String next = c.getHeaderField("electric-offset");
            boolean up = c.getHeaderField("electric-up-to-date") != null || contains(tail, UP_TO_DATE);
            if (up) break;
            if (next == null || next.equals(offset)) throw new IOException("offset did not advance: " + offset);
            offset = next;
        }
        long t1 = System.nanoTime();
        long cpu1 = cpuNanos();
        if (urlFile != null) java.nio.file.Files.write(java.nio.file.Path.of(urlFile), urls);
        System.out.printf("{\"rows\":%d,\"bytes\":%d,\"seconds\":%.4f,\"cpu\":%.3f,\"requests\":%d,\"first_ms\":%d,"
                + "\"handle\":\"%s\"}%n", rows, bytes, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, requests, firstMs, handle);
    }
}
