package io.shapesync.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where Postgres is: parsed from a {@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db?sslmode=…},
 * {@code postgres://…} or {@code jdbc:postgresql://…}). The password never appears in {@link #toString()}.
 */
public record PgConnectionInfo(String host, int port, String database, String user, String password,
                               Map<String, String> options) {

    public PgConnectionInfo {
        if (host == null || host.isBlank()) throw new ConfigException("DATABASE_URL has no host");
        if (port <= 0 || port > 65535) throw new ConfigException("DATABASE_URL has an invalid port: " + port);
        if (database == null || database.isBlank()) throw new ConfigException("DATABASE_URL has no database name");
        options = Map.copyOf(options);
    }

    public static PgConnectionInfo parse(String url) {
        if (url == null || url.isBlank()) throw new ConfigException("DATABASE_URL is empty");
        String rest = url.trim();
        if (rest.startsWith("jdbc:")) rest = rest.substring(5);
        int scheme = rest.indexOf("://");
        if (scheme < 0 || !(rest.startsWith("postgresql") || rest.startsWith("postgres"))) {
            throw new ConfigException("DATABASE_URL must look like postgresql://user:password@host:port/database");
        }
        rest = rest.substring(scheme + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String user = null, password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "postgres" : decode(rest.substring(slash + 1));
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("DATABASE_URL has an invalid port: " + hostPort.substring(colon + 1));
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> options.put(key, value);
            }
        }
        if (user == null) user = "postgres";
        return new PgConnectionInfo(host, port, database.isEmpty() ? "postgres" : database, user, password, options);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** pgjdbc properties for an ordinary (query) connection. */
    public Properties properties() {
        Properties p = new Properties();
        options.forEach(p::setProperty);
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("ApplicationName", "shapesync");
        return p;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
