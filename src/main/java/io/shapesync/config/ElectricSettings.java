package io.shapesync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Electric's environment variables that ShapeSync accepts but handles its own way (docs/configuration.md, "Electric
 * settings ShapeSync accepts but handles differently"): each value is validated, so a typo still fails deployment,
 * and what ShapeSync does instead is returned as a line to log once at startup. Settings ShapeSync cannot honour
 * (a temporary slot, in-memory storage) fail deployment.
 */
final class ElectricSettings {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|sec|m|min|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    private final Function<String, Optional<String>> env;
    private final List<String> notes = new ArrayList<>();

    ElectricSettings(Function<String, Optional<String>> env) {
        this.env = env;
    }

    /** Validates every setting; returns what to log (one line per setting that is set). */
    List<String> check() {
        bool("ELECTRIC_INSECURE").ifPresent(v -> notes.add("ELECTRIC_INSECURE=" + v
                + ": ShapeSync never requires a secret; without sync.secret (ELECTRIC_SECRET) /v1/shape is open"));
        storage("ELECTRIC_STORAGE");
        storage("ELECTRIC_PERSISTENT_STATE");
        permanentSlot("ELECTRIC_TEMPORARY_REPLICATION_SLOT_USE_RANDOM_NAME");
        permanentSlot("CLEANUP_REPLICATION_SLOTS_ON_SHUTDOWN");
        size("ELECTRIC_EXPERIMENTAL_MAX_TXN_SIZE").ifPresent(v -> notes.add("ELECTRIC_EXPERIMENTAL_MAX_TXN_SIZE=" + v
                + " bytes: ShapeSync streams transactions of any size in bounded memory and never aborts them"));
        duration("ELECTRIC_REPLICATION_IDLE_TIMEOUT").ifPresent(v -> notes.add("ELECTRIC_REPLICATION_IDLE_TIMEOUT=" + v
                + " ms: not implemented; ShapeSync keeps its replication connection open"));
        port("ELECTRIC_PROMETHEUS_PORT").ifPresent(v -> notes.add("ELECTRIC_PROMETHEUS_PORT=" + v
                + ": ShapeSync serves metrics at /metrics on its main HTTP port, not on a port of their own"));
        duration("ELECTRIC_TCP_READ_TIMEOUT").ifPresent(v -> notes.add("ELECTRIC_TCP_READ_TIMEOUT=" + v
                + " ms: Liberty's HTTP endpoint decides keep-alive and read timeouts (httpOptions in server.xml)"));
        duration("ELECTRIC_TCP_SEND_TIMEOUT").ifPresent(v -> notes.add("ELECTRIC_TCP_SEND_TIMEOUT=" + v
                + " ms: Liberty's HTTP endpoint decides write timeouts (httpOptions in server.xml)"));
        port("ELECTRIC_PORT").ifPresent(v -> notes.add("ELECTRIC_PORT=" + v
                + ": ignored; the HTTP port is the Liberty variable http.port (environment variable HTTP_PORT)"));
        return List.copyOf(notes);
    }

    private Optional<String> raw(String name) {
        return env.apply(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    private Optional<Boolean> bool(String name) {
        return raw(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + " must be true or false, was '" + v + "'");
        });
    }

    private void storage(String name) {
        raw(name).ifPresent(v -> {
            String kind = v.toUpperCase(Locale.ROOT);
            if (!kind.equals("FAST_FILE") && !kind.equals("FILE")) {
                throw new ConfigException(name + " must be FAST_FILE or FILE (ShapeSync keeps shapes in files under"
                        + " sync.data.dir), was '" + v + "'");
            }
            notes.add(name + "=" + v + ": ShapeSync stores shape logs and state in files under sync.data.dir");
        });
    }

    private void permanentSlot(String name) {
        if (bool(name).orElse(false)) {
            throw new ConfigException(name + "=true is not supported: ShapeSync's shapes outlive restarts only with a"
                    + " permanent slot; allowed: false");
        }
    }

    private Optional<Long> port(String name) {
        return raw(name).map(v -> {
            try {
                int p = Integer.parseInt(v);
                if (p >= 1 && p <= 65_535) return (long) p;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name + " must be a port number between 1 and 65535, was '" + v + "'");
        });
    }

    /** Milliseconds: a whole number of ms, or with a unit (ms, s, sec, m, min, h). */
    private Optional<Long> duration(String name) {
        return raw(name).map(v -> {
            Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new ConfigException(name + " must be a duration: milliseconds, or a number with ms, s, min or h"
                        + " (e.g. 30s), was '" + v + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "s", "sec" -> n * 1_000;
                case "m", "min" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n;
            };
        });
    }

    /** Bytes: a whole number of bytes, or with a unit (KB, MB, GB; powers of 1024). */
    private Optional<Long> size(String name) {
        return raw(name).map(v -> {
            Matcher m = SIZE.matcher(v.toLowerCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new ConfigException(name + " must be a positive size: bytes, or a number with KB, MB or GB"
                        + " (e.g. 250MB), was '" + v + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2);
            int shift = switch (unit.charAt(0)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                default -> 0;
            };
            if (n > (Long.MAX_VALUE >> shift)) throw new ConfigException(name + " is too large, was '" + v + "'");
            return n << shift;
        });
    }
}
