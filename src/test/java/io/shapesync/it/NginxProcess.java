package io.shapesync.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's package) in front of the Arquillian server, started from a private prefix under
 * {@code target/it-nginx} with the shipped configuration ({@code liberty/nginx/}, rendered by
 * {@code liberty/nginx/nginx.sh}) on a free loopback port, and stopped with SIGQUIT.
 */
final class NginxProcess {
    private final Path dir;
    private final String origin;
    private final int port;
    private final long pid;

    private NginxProcess(Path dir, String origin, int port, long pid) {
        this.dir = dir;
        this.origin = origin;
        this.port = port;
        this.pid = pid;
    }

    static Path root() {
        String base = System.getProperty("shapesync.it.base-dir");
        return Path.of(base != null ? base : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** The nginx binary, or an assertion error that says how to install it. */
    static String binary() {
        List<Path> candidates = new ArrayList<>();
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty()) candidates.add(Path.of(p, "nginx"));
        }
        candidates.add(Path.of("/usr/sbin/nginx"));
        for (Path c : candidates) {
            if (Files.isExecutable(c)) return c.toString();
        }
        throw new AssertionError("nginx is not installed (looked on PATH and in /usr/sbin): NginxIT runs a real nginx. "
                + "Install Debian's package: apt-get install -y --no-install-recommends nginx (.ci/run does this)");
    }

    /** Starts nginx in front of {@code base} (the Arquillian resource URL; only its host and port are used). */
    static NginxProcess start(URL base) throws IOException, InterruptedException {
        String bin = binary();
        Path root = root();
        Path dir = root.resolve("target/it-nginx");
        stopLeftover(dir);
        deleteTree(dir);
        Files.createDirectories(dir);
        String host = InetAddress.getByName(base.getHost()).getHostAddress();
        String upstream = (host.contains(":") ? "[" + host + "]" : host) + ":" + base.getPort();
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("liberty/nginx/nginx.sh").toString(), "start", dir.toString())
                .redirectErrorStream(true);
        pb.environment().put("NGINX_LISTEN", "127.0.0.1:" + port);
        pb.environment().put("NGINX_UPSTREAM", upstream);
        pb.environment().put("NGINX_BIN", bin);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("liberty/nginx/nginx.sh start failed:\n" + out + "\n" + tail(dir.resolve("error.log")));
        }
        long pid = Long.parseLong(Files.readString(dir.resolve("nginx.pid")).trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts(port)) {
            if (System.nanoTime() > deadline) throw new AssertionError("nginx does not accept on port " + port + "\n" + tail(dir.resolve("error.log")));
            Thread.sleep(20);
        }
        System.out.println("NginxIT: nginx " + pid + " on 127.0.0.1:" + port + " -> " + upstream + " (" + dir + ")");
        return new NginxProcess(dir, upstream, port, pid);
    }

    /** The application's base URL through nginx (same path as {@code base}), without a trailing slash. */
    String url(URL base) {
        String path = base.getPath();
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return "http://127.0.0.1:" + port + path;
    }

    int port() {
        return port;
    }

    String upstream() {
        return origin;
    }

    Path accessLog() {
        return dir.resolve("access.log");
    }

    Path errorLog() {
        return dir.resolve("error.log");
    }

    /** Graceful stop (SIGQUIT), then SIGKILL if the master is still there after 20 s. */
    void stop() {
        signalQuit(pid);
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }

    /**
     * Connections accepted on nginx's port that are established (server side, from /proc/net/tcp): a way to know
     * that the clients' connections are all open.
     */
    int establishedConnections() throws IOException {
        String local = String.format(":%04X", port);
        int n = 0;
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].endsWith(local) && f[3].equals("01")) n++;
        }
        return n;
    }

    private static void stopLeftover(Path dir) throws IOException, InterruptedException {
        Path pidFile = dir.resolve("nginx.pid");
        if (!Files.exists(pidFile)) return;
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).filter(h -> h.info().command().map(c -> c.contains("nginx")).orElse(false)).ifPresent(h -> {
                signalQuit(pid);
                try {
                    h.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        } catch (NumberFormatException e) {
            // not a pid: nothing to stop
        }
    }

    private static void signalQuit(long pid) {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
