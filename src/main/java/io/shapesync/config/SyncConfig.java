package io.shapesync.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The only reader of MicroProfile Config. Each setting has a {@code sync.*} key (env override by MP rules,
 * e.g. {@code SYNC_DATA_DIR}) and, where Electric has one, Electric's variable name as an alternative, so
 * ShapeSync is a drop-in replacement. Invalid values fail deployment naming the key.
 */
@ApplicationScoped
public class SyncConfig {
    private static final Logger LOG = Logger.getLogger(SyncConfig.class.getName());
    /** Ordinal of META-INF/microprofile-config.properties (MP Config's default for that source). */
    private static final int DEFAULTS_ORDINAL = 100;
    private static final Pattern STREAM_ID = Pattern.compile("[a-z0-9_]{1,40}");

    private final Config config;
    private Optional<String> databaseUrl;
    private Optional<String> queryDatabaseUrl;
    private int poolSize;
    private boolean manualPublishing;
    private Optional<String> devPostgresScript;
    private Path dataDir;
    private String streamId;
    private long longPollTimeoutMs;
    private long chunkBytes;
    private long cacheMaxAge;
    private long cacheStaleAge;
    private boolean deleteEnabled;
    private Optional<String> secret;
    private long maxShapes;
    private long catalogCheckMs;
    private boolean compactionEnabled;
    private long compactionIntervalMs;
    private long compactionMinBytes;
    private long compactionKeepRecentMs;
    private int maxInitialRequests;
    private int maxExistingRequests;
    private int openFiles;
    private long journalBytes;

    @Inject
    public SyncConfig(Config config) {
        this.config = config;
    }

    /** For CDI proxies only. */
    protected SyncConfig() {
        this.config = null;
    }

    @PostConstruct
    void load() {
        databaseUrl = text("sync.pg.url", "DATABASE_URL");
        databaseUrl.ifPresent(PgConnectionInfo::parse);
        queryDatabaseUrl = text("sync.pg.query-url", "ELECTRIC_POOLED_DATABASE_URL", "ELECTRIC_QUERY_DATABASE_URL");
        queryDatabaseUrl.ifPresent(url -> {
            try {
                PgConnectionInfo.parse(url);
            } catch (ConfigException e) {
                throw new ConfigException("sync.pg.query-url (ELECTRIC_POOLED_DATABASE_URL) must be a Postgres URL like"
                        + " DATABASE_URL: " + e.getMessage(), e);
            }
        });
        poolSize = (int) number("sync.pg.pool-size", 1, 1_000, "ELECTRIC_DB_POOL_SIZE");
        manualPublishing = bool("sync.publication.manual", "ELECTRIC_MANUAL_TABLE_PUBLISHING");
        devPostgresScript = text("sync.dev.postgres-script");
        dataDir = Path.of(text("sync.data.dir", "ELECTRIC_STORAGE_DIR").orElse("./persistent")).toAbsolutePath();
        streamId = text("sync.stream.id", "ELECTRIC_REPLICATION_STREAM_ID", "REPLICATION_STREAM_ID").orElse("default");
        if (!STREAM_ID.matcher(streamId).matches()) {
            throw new ConfigException("sync.stream.id (REPLICATION_STREAM_ID) must be 1-40 characters of a-z, 0-9 and _, was '"
                    + streamId + "'");
        }
        longPollTimeoutMs = number("sync.longpoll.timeout", 1_000, 40_000, "ELECTRIC_LONG_POLL_TIMEOUT");
        chunkBytes = number("sync.chunk.bytes", 1_024, 1L << 30, "ELECTRIC_SHAPE_CHUNK_BYTES_THRESHOLD");
        cacheMaxAge = number("sync.cache.max-age", 0, 31_536_000, "ELECTRIC_CACHE_MAX_AGE");
        cacheStaleAge = number("sync.cache.stale-age", 0, 31_536_000, "ELECTRIC_CACHE_STALE_AGE");
        deleteEnabled = bool("sync.delete.enabled", "ELECTRIC_ENABLE_INTEGRATION_TESTING");
        secret = text("sync.secret", "ELECTRIC_SECRET");
        maxShapes = number("sync.shapes.max", 0, Integer.MAX_VALUE, "ELECTRIC_MAX_SHAPES");
        catalogCheckMs = number("sync.catalog.check-interval", 500, 3_600_000);
        compactionEnabled = bool("sync.compaction.enabled");
        compactionIntervalMs = number("sync.compaction.interval", 100, 86_400_000);
        compactionMinBytes = number("sync.compaction.min-bytes", 0, Long.MAX_VALUE);
        compactionKeepRecentMs = number("sync.compaction.keep-recent", 0, 86_400_000);
        Optional<String> electricLimits = config.getOptionalValue("ELECTRIC_MAX_CONCURRENT_REQUESTS", String.class);
        maxInitialRequests = (int) limit("sync.requests.max-initial", electricLimits, "initial");
        maxExistingRequests = (int) limit("sync.requests.max-existing", electricLimits, "existing");
        openFiles = (int) number("sync.storage.open-files", 16, 1_000_000);
        journalBytes = number("sync.storage.journal-bytes", 1L << 20, 1L << 40);
        for (String note : new ElectricSettings(name -> config.getOptionalValue(name, String.class)).check()) {
            LOG.info(note);
        }
    }

    /**
     * The key's value; an Electric-named alternative wins over the key's default from this application's
     * {@code microprofile-config.properties} (ordinal 100 or lower), but not over an explicit {@code sync.*} value.
     */
    private Optional<String> text(String key, String... alternatives) {
        ConfigValue cv = config.getConfigValue(key);
        Optional<String> v = Optional.ofNullable(cv.getValue()).map(String::trim).filter(s -> !s.isEmpty());
        boolean onlyDefault = v.isPresent() && cv.getSourceOrdinal() <= DEFAULTS_ORDINAL;
        if (v.isEmpty() || onlyDefault) {
            for (String alternative : alternatives) {
                Optional<String> a = config.getOptionalValue(alternative, String.class).map(String::trim).filter(s -> !s.isEmpty());
                if (a.isPresent()) return a;
            }
        }
        return v;
    }

    private long number(String key, long min, long max, String... alternatives) {
        String raw = text(key, alternatives).orElseThrow(() -> new ConfigException(key + " has no value"));
        long v = parse(key, raw, Long::parseLong);
        if (v < min || v > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    /**
     * An admission limit: an explicit {@code sync.*} value, else the field of Electric's JSON
     * ({@code {"initial":300,"existing":10000}}), else the default.
     */
    private long limit(String key, Optional<String> electricJson, String field) {
        ConfigValue cv = config.getConfigValue(key);
        boolean onlyDefault = cv.getValue() == null || cv.getSourceOrdinal() <= DEFAULTS_ORDINAL;
        if (onlyDefault && electricJson.isPresent()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d{1,9})")
                    .matcher(electricJson.get());
            if (m.find()) return Long.parseLong(m.group(1));
            if (!electricJson.get().contains("\"" + field + "\"")) return number(key, 0, Integer.MAX_VALUE);
            throw new ConfigException("ELECTRIC_MAX_CONCURRENT_REQUESTS has no whole number for \"" + field + "\": "
                    + electricJson.get());
        }
        return number(key, 0, Integer.MAX_VALUE);
    }

    private boolean bool(String key, String... alternatives) {
        String raw = text(key, alternatives).orElse("false").toLowerCase();
        return switch (raw) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(key + " must be true or false, was '" + raw + "'");
        };
    }

    private static <T> T parse(String key, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(key + " has an invalid value '" + raw + "'", e);
        }
    }

    /** DATABASE_URL, when set. */
    public Optional<String> databaseUrl() { return databaseUrl; }

    /**
     * Where non-replication queries go (shape creation, snapshots, subsets), e.g. a connection pooler; empty: the
     * same Postgres as {@link #databaseUrl()}. Replication and the instance lock always use DATABASE_URL.
     */
    public Optional<String> queryDatabaseUrl() { return queryDatabaseUrl; }

    /** The most idle query connections kept for reuse (Electric's query pool size). */
    public int poolSize() { return poolSize; }

    /**
     * Whether the operator manages the publication: ShapeSync then never alters it nor any table's replica identity,
     * and a shape on a table outside the publication is refused.
     */
    public boolean manualPublishing() { return manualPublishing; }

    /** Development only: a script that starts a local Postgres when no DATABASE_URL is set. */
    public Optional<String> devPostgresScript() { return devPostgresScript; }

    public Path dataDir() { return dataDir; }

    public String streamId() { return streamId; }

    public String publicationName() { return "shapesync_pub_" + streamId; }

    public String slotName() { return "shapesync_slot_" + streamId; }

    public long longPollTimeoutMs() { return longPollTimeoutMs; }

    public long chunkBytes() { return chunkBytes; }

    public long cacheMaxAge() { return cacheMaxAge; }

    public long cacheStaleAge() { return cacheStaleAge; }

    /**
     * Whether {@code DELETE /v1/shape} is allowed: when explicitly enabled, and always when an API secret guards the
     * API (production: the secret authorises it).
     */
    public boolean deleteEnabled() { return deleteEnabled || secret.isPresent(); }

    public Optional<String> secret() { return secret; }

    /** How often shapes' tables are checked in the catalog (dropped table, changed primary key), in ms. */
    public long catalogCheckMs() { return catalogCheckMs; }

    /** Most concurrent initial shape requests (no or unknown handle); 0: no limit. */
    public int maxInitialRequests() { return maxInitialRequests; }

    /** Most concurrent requests of clients holding a handle, parked long-polls included; 0: no limit. */
    public int maxExistingRequests() { return maxExistingRequests; }

    /** Whether shape logs are compacted (see docs/compaction.md). */
    public boolean compactionEnabled() { return compactionEnabled; }

    /** How often shapes are checked for compaction. */
    public long compactionIntervalMs() { return compactionIntervalMs; }

    /** A log smaller than this is never compacted (it must also have doubled since its last compaction). */
    public long compactionMinBytes() { return compactionMinBytes; }

    /** Offsets younger than this are never compacted away: clients that recently read stay valid. */
    public long compactionKeepRecentMs() { return compactionKeepRecentMs; }

    /** The most shapes kept; beyond it the least recently used go (0 = unlimited). */
    public long maxShapes() { return maxShapes; }
    /** Most shape log files open at once (each shape has 2 files handles when in use; see FileHandles). */
    public int openFiles() { return openFiles; }

    /** Journal size from which a checkpoint copies its records into the shape files (see {@code Journal}). */
    public long journalBytes() { return journalBytes; }

    @Override
    public String toString() {
        return "SyncConfig[dataDir=" + dataDir + ", streamId=" + streamId + ", longPollTimeoutMs=" + longPollTimeoutMs
                + ", chunkBytes=" + chunkBytes + ", database=" + databaseUrl.map(PgConnectionInfo::parse).map(Object::toString)
                .orElse("(local development Postgres)") + ", queryDatabase=" + queryDatabaseUrl.map(PgConnectionInfo::parse)
                .map(Object::toString).orElse("(same)") + ", poolSize=" + poolSize + ", manualPublishing=" + manualPublishing
                + ", secret=" + (secret.isPresent() ? "set" : "unset") + "]";
    }
}
