import java.io.*;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;
import java.util.regex.*;

/**
 * Load generator for benchmark 4 (bench/run-fanout.py): N long-polling clients on one shape over plain HTTP/1.1
 * keep-alive connections, all driven by ONE NIO selector thread (a parked client costs one socket and ~1 KB).
 *
 *   java FanoutClients HOST PORT PATH_AND_TABLE_QUERY HANDLE OFFSET CURSOR N
 *
 * Every client starts a live request at (HANDLE, OFFSET, CURSOR), and after each response adopts electric-offset /
 * electric-cursor / electric-handle and sends the next live request at once (the official client's loop). Each
 * change's v (column `v` of the updated row) is recorded with the wall-clock arrival time (epoch microseconds) when
 * the whole response has been read. Connections closed by the server (Connection: close, EOF) are reopened and the
 * request re-sent. Status lines go to stderr every 5 s. On stdin "stop COMMITS_FILE" (lines "v epoch_us"), prints one
 * JSON line to stdout: latencies (receive - commit) per delivered change, per-client completeness, request counts.
 */
public class FanoutClients {
    static final long BASE_US;
    static final long BASE_NS = System.nanoTime();
    static {
        Instant i = Instant.now();
        BASE_US = i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
    static long nowUs() { return BASE_US + (System.nanoTime() - BASE_NS) / 1000; }

    static final Pattern V = Pattern.compile("\"v\":\"(-?\\d+)\"");

    final String host; final int port; final String pathQuery; final int n;
    final Selector sel;
    final InetSocketAddress addr;
    // arrivals: client, v, t
    int[] arrClient = new int[1 << 16]; long[] arrV = new long[1 << 16]; long[] arrT = new long[1 << 16]; int arrN;
    long requests, responses, reconnects, non200, status409, connectFailures;
    final Map<Integer, Integer> statuses = new TreeMap<>();
    volatile String stopCmd;
    /** retries after a non-200: {due nanoTime, client id, 1 = reopen connection} */
    final PriorityQueue<long[]> delayed = new PriorityQueue<>(Comparator.comparingLong(x -> x[0]));
    Conn[] conns;

    final class Conn {
        final int id;
        SocketChannel ch;
        String handle, offset, cursor;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(2048);
        boolean connected;
        Conn(int id, String h, String o, String c) { this.id = id; handle = h; offset = o; cursor = c; }

        void open() throws IOException {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            connected = false;
            in.clear();
            if (ch.connect(addr)) { connected = true; send(); }
            else ch.register(sel, SelectionKey.OP_CONNECT, this);
        }

        void send() throws IOException {
            String req = "GET " + pathQuery + "&handle=" + handle + "&offset=" + offset + "&cursor=" + cursor
                    + "&live=true HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: */*\r\n\r\n";
            out = ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
            ch.write(out);
            requests++;
            ch.register(sel, out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ, this);
        }

        void reopen() throws IOException {
            try { ch.close(); } catch (IOException ignored) { }
            reconnects++;
            open();
        }

        /** Tries to parse a complete response from in[0, position); returns true if one was consumed. */
        boolean tryParse() throws IOException {
            byte[] b = in.array();
            int len = in.position();
            int hdrEnd = -1;
            for (int i = 3; i < len; i++)
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') { hdrEnd = i + 1; break; }
            if (hdrEnd < 0) return false;
            String head = new String(b, 0, hdrEnd, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            int clen = -1; boolean chunked = false, close = false;
            String nOff = null, nCur = null, nHandle = null;
            long retryAfterMs = 100;
            for (int i = 1; i < lines.length; i++) {
                String l = lines[i];
                int c = l.indexOf(':');
                if (c < 0) continue;
                String k = l.substring(0, c).trim().toLowerCase(Locale.ROOT), v = l.substring(c + 1).trim();
                switch (k) {
                    case "content-length": clen = Integer.parseInt(v); break;
                    case "transfer-encoding": chunked = v.toLowerCase(Locale.ROOT).contains("chunked"); break;
                    case "connection": close = v.equalsIgnoreCase("close"); break;
                    case "electric-offset": nOff = v; break;
                    case "electric-cursor": nCur = v; break;
                    case "electric-handle": nHandle = v; break;
                    case "retry-after": try { retryAfterMs = Long.parseLong(v) * 1000; } catch (NumberFormatException e) { } break;
                    default:
                }
            }
            byte[] body; int end;
            if (chunked) {
                ByteArrayOutputStream bo = new ByteArrayOutputStream();
                int p = hdrEnd;
                while (true) {
                    int le = -1;
                    for (int i = p; i + 1 < len; i++) if (b[i] == '\r' && b[i + 1] == '\n') { le = i; break; }
                    if (le < 0) return false;
                    String sz = new String(b, p, le - p, StandardCharsets.ISO_8859_1);
                    int semi = sz.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sz.substring(0, semi) : sz).trim(), 16);
                    p = le + 2;
                    if (size == 0) {   // trailers: expect an empty line
                        int q = p;
                        while (true) {
                            int e = -1;
                            for (int i = q; i + 1 < len; i++) if (b[i] == '\r' && b[i + 1] == '\n') { e = i; break; }
                            if (e < 0) return false;
                            if (e == q) { end = e + 2; break; }
                            q = e + 2;
                        }
                        break;
                    }
                    if (p + size + 2 > len) return false;
                    bo.write(b, p, size);
                    p += size + 2;
                }
                body = bo.toByteArray();
            } else {
                if (clen < 0) clen = 0;
                if (hdrEnd + clen > len) return false;
                body = Arrays.copyOfRange(b, hdrEnd, hdrEnd + clen);
                end = hdrEnd + clen;
            }
            long t = nowUs();
            // consume
            System.arraycopy(b, end, b, 0, len - end);
            in.position(len - end);
            responses++;
            statuses.merge(status, 1, Integer::sum);
            if (status == 200) {
                Matcher m = V.matcher(new String(body, StandardCharsets.UTF_8));
                while (m.find()) record(id, Long.parseLong(m.group(1)), t);
                if (nOff != null) offset = nOff;
                if (nCur != null) cursor = nCur;
                if (nHandle != null) handle = nHandle;
            } else {
                non200++;
                if (status == 409) { status409++; }
                // like the official client: back off (retry-after when the server sends one, else 100 ms)
                if (close) { try { ch.close(); } catch (IOException ignored) { } reconnects++; }
                else ch.register(sel, 0, this);
                delayed.add(new long[] {System.nanoTime() + retryAfterMs * 1_000_000L, id, close ? 1 : 0});
                return false;
            }
            if (close) { reopen(); return false; }
            send();
            return true;
        }
    }

    void record(int client, long v, long t) {
        if (arrN == arrV.length) {
            int n2 = arrN * 2;
            arrClient = Arrays.copyOf(arrClient, n2); arrV = Arrays.copyOf(arrV, n2); arrT = Arrays.copyOf(arrT, n2);
        }
        arrClient[arrN] = client; arrV[arrN] = v; arrT[arrN] = t; arrN++;
    }

    FanoutClients(String host, int port, String pq, int n) throws IOException {
        this.host = host; this.port = port; this.pathQuery = pq; this.n = n;
        sel = Selector.open();
        addr = new InetSocketAddress(host, port);
    }

    void run(String handle, String offset, String cursor) throws Exception {
        conns = new Conn[n];
        int opened = 0;
        long lastLog = System.nanoTime();
        int connectedCount = 0;
        while (stopCmd == null) {
            // open connections in batches of 200 per loop turn, so the server's accept backlog is not overrun
            for (int k = 0; k < 200 && opened < n; k++, opened++) {
                conns[opened] = new Conn(opened, handle, offset, cursor);
                conns[opened].open();
            }
            long wait = opened < n ? 5 : 200;
            if (!delayed.isEmpty()) wait = Math.max(1, Math.min(wait, (delayed.peek()[0] - System.nanoTime()) / 1_000_000L));
            sel.select(wait);
            while (!delayed.isEmpty() && delayed.peek()[0] <= System.nanoTime()) {
                long[] d = delayed.poll();
                Conn c = conns[(int) d[1]];
                try { if (d[2] == 1) c.open(); else c.send(); }
                catch (IOException e) { try { c.reopen(); } catch (IOException e2) { connectFailures++; } }
            }
            Iterator<SelectionKey> it = sel.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Conn c = (Conn) key.attachment();
                try {
                    if (!key.isValid()) continue;
                    if (key.isConnectable()) {
                        try { c.ch.finishConnect(); }
                        catch (IOException e) { connectFailures++; Thread.sleep(5); c.reopen(); continue; }
                        if (!c.connected) { c.connected = true; connectedCount++; }
                        c.send();
                    } else if (key.isWritable()) {
                        c.ch.write(c.out);
                        if (!c.out.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        if (!c.in.hasRemaining()) {
                            ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
                            c.in.flip(); bigger.put(c.in); c.in = bigger;
                        }
                        int r = c.ch.read(c.in);
                        if (r < 0) { c.reopen(); continue; }
                        while (c.tryParse()) { }
                    }
                } catch (IOException e) {
                    try { c.reopen(); } catch (IOException e2) { connectFailures++; }
                }
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                lastLog = System.nanoTime();
                System.err.printf("[gen] opened %d connected %d requests %d responses %d arrivals %d reconnects %d "
                        + "non200 %d connectFailures %d%n", opened, connectedCount, requests, responses, arrN,
                        reconnects, non200, connectFailures);
            }
        }
        report(stopCmd.substring(5).trim());
    }

    void report(String commitsFile) throws IOException {
        Map<Long, Long> commit = new HashMap<>();
        for (String l : Files.readAllLines(Paths.get(commitsFile))) {
            String[] p = l.trim().split("\\s+");
            if (p.length == 2) commit.put(Long.parseLong(p[0]), Long.parseLong(p[1]));
        }
        List<Long> vs = new ArrayList<>(commit.keySet());
        Collections.sort(vs);
        Map<Long, Integer> idx = new HashMap<>();
        for (int i = 0; i < vs.size(); i++) idx.put(vs.get(i), i);
        BitSet got = new BitSet(n * Math.max(1, vs.size()));
        long[] lat = new long[arrN];
        int ln = 0; long dup = 0;
        for (int i = 0; i < arrN; i++) {
            Integer j = idx.get(arrV[i]);
            if (j == null) continue;
            int bit = arrClient[i] * vs.size() + j;
            if (got.get(bit)) { dup++; continue; }
            got.set(bit);
            lat[ln++] = arrT[i] - commit.get(arrV[i]);
        }
        lat = Arrays.copyOf(lat, ln);
        Arrays.sort(lat);
        int complete = 0;
        long missing = 0;
        for (int c = 0; c < n; c++) {
            int have = got.get(c * vs.size(), (c + 1) * vs.size()).cardinality();
            if (have == vs.size()) complete++;
            missing += vs.size() - have;
        }
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"clients\":").append(n).append(",\"changes\":").append(vs.size())
          .append(",\"expected\":").append((long) n * vs.size()).append(",\"delivered\":").append(ln)
          .append(",\"missing\":").append(missing).append(",\"complete_clients\":").append(complete)
          .append(",\"duplicates\":").append(dup)
          .append(",\"requests\":").append(requests).append(",\"responses\":").append(responses)
          .append(",\"reconnects\":").append(reconnects).append(",\"non200\":").append(non200)
          .append(",\"connect_failures\":").append(connectFailures).append(",\"statuses\":\"").append(statuses)
          .append("\"");
        if (ln > 0) {
            sb.append(",\"p50_ms\":").append(pct(lat, 50) / 1000.0).append(",\"p90_ms\":").append(pct(lat, 90) / 1000.0)
              .append(",\"p99_ms\":").append(pct(lat, 99) / 1000.0).append(",\"max_ms\":").append(lat[ln - 1] / 1000.0)
              .append(",\"min_ms\":").append(lat[0] / 1000.0);
        }
        sb.append("}");
        System.out.println(sb);
        System.out.flush();
    }

    static long pct(long[] s, double p) {
        int k = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, k))];
    }

    public static void main(String[] a) throws Exception {
        FanoutClients g = new FanoutClients(a[0], Integer.parseInt(a[1]), a[2], Integer.parseInt(a[6]));
        Thread stdin = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in))) {
                String l;
                while ((l = r.readLine()) != null) if (l.startsWith("stop ")) { g.stopCmd = l; g.sel.wakeup(); return; }
            } catch (IOException ignored) { }
        });
        stdin.setDaemon(true);
        stdin.start();
        g.run(a[3], a[4], a[5]);
        System.exit(0);
    }
}
