package io.shapesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** Key precedence: explicit sync.* value, then Electric's name, then the application's defaults. */
class SyncConfigTest {
    /** The application's own defaults file, so that the test follows it. */
    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = SyncConfigTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** A config of defaults (ordinal 100) and explicit values (ordinal 300, like environment variables). */
    private static SyncConfig load(Map<String, String> explicit) {
        Map<String, ConfigValue> values = new HashMap<>();
        DEFAULTS.forEach((k, v) -> values.put(k, value(k, v, 100)));
        explicit.forEach((k, v) -> values.put(k, value(k, v, 300)));
        SyncConfig c = new SyncConfig(new MapConfig(values));
        c.load();
        return c;
    }

    @Test
    void shouldUseElectricNameWhenOnlyTheDefaultIsSet() {
        assertEquals(5000, load(Map.of("ELECTRIC_LONG_POLL_TIMEOUT", "5000")).longPollTimeoutMs());
        assertEquals(100, load(Map.of("ELECTRIC_MAX_SHAPES", "100")).maxShapes());
    }

    @Test
    void shouldPreferSyncKeyWhenBothAreSet() {
        assertEquals(7000, load(Map.of("ELECTRIC_LONG_POLL_TIMEOUT", "5000", "sync.longpoll.timeout", "7000")).longPollTimeoutMs());
    }

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        SyncConfig c = load(Map.of());
        assertEquals(20000, c.longPollTimeoutMs());
        assertEquals(0, c.maxShapes());
        assertFalse(c.deleteEnabled());
    }

    @Test
    void shouldAllowDeleteWhenASecretGuardsIt() {
        assertTrue(load(Map.of("ELECTRIC_SECRET", "s3cret")).deleteEnabled());
    }

    @Test
    void shouldNameTheKeyWhenAValueIsOutOfRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("ELECTRIC_MAX_SHAPES", "-1")));
        assertTrue(e.getMessage().contains("sync.shapes.max"), e.getMessage());
    }

    @Test
    void shouldTakeAdmissionLimitsFromElectricJsonUnlessSyncKeysAreSet() {
        SyncConfig defaults = load(Map.of());
        assertEquals(300, defaults.maxInitialRequests());
        assertEquals(10_000, defaults.maxExistingRequests());
        SyncConfig electric = load(Map.of("ELECTRIC_MAX_CONCURRENT_REQUESTS", "{\"initial\": 50, \"existing\":700}"));
        assertEquals(50, electric.maxInitialRequests());
        assertEquals(700, electric.maxExistingRequests());
        SyncConfig both = load(Map.of("ELECTRIC_MAX_CONCURRENT_REQUESTS", "{\"initial\":50}", "sync.requests.max-initial", "7"));
        assertEquals(7, both.maxInitialRequests());
        assertEquals(10_000, both.maxExistingRequests());
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> load(Map.of("ELECTRIC_MAX_CONCURRENT_REQUESTS", "{\"initial\":\"many\"}")));
    }

    private static String failure(Map<String, String> explicit) {
        return assertThrows(ConfigException.class, () -> load(explicit)).getMessage();
    }

    @Test
    void shouldSendQueriesToThePooledUrlWhenElectricNamesAreSet() {
        assertTrue(load(Map.of()).queryDatabaseUrl().isEmpty());
        String pooled = "postgresql://u:p@pooler:6432/db";
        assertEquals(pooled, load(Map.of("ELECTRIC_POOLED_DATABASE_URL", pooled)).queryDatabaseUrl().orElseThrow());
        assertEquals(pooled, load(Map.of("ELECTRIC_QUERY_DATABASE_URL", pooled)).queryDatabaseUrl().orElseThrow());
        assertEquals(pooled, load(Map.of("ELECTRIC_POOLED_DATABASE_URL", pooled, "ELECTRIC_QUERY_DATABASE_URL",
                "postgresql://old:5432/db")).queryDatabaseUrl().orElseThrow());
        assertEquals("postgresql://mine:5432/db", load(Map.of("ELECTRIC_POOLED_DATABASE_URL", pooled,
                "sync.pg.query-url", "postgresql://mine:5432/db")).queryDatabaseUrl().orElseThrow());
    }

    @Test
    void shouldNameTheQueryUrlKeyWhenItIsNotAPostgresUrl() {
        String m = failure(Map.of("ELECTRIC_POOLED_DATABASE_URL", "mysql://u:secretpw@h/db"));
        assertTrue(m.contains("sync.pg.query-url") && m.contains("ELECTRIC_POOLED_DATABASE_URL"), m);
        assertFalse(m.contains("secretpw"), m);
        m = failure(Map.of("sync.pg.query-url", "postgresql://h:notaport/db"));
        assertTrue(m.contains("sync.pg.query-url") && m.contains("port"), m);
    }

    @Test
    void shouldTakeThePoolSizeFromElectricDbPoolSize() {
        assertEquals(20, load(Map.of()).poolSize());
        assertEquals(5, load(Map.of("ELECTRIC_DB_POOL_SIZE", "5")).poolSize());
        assertEquals(7, load(Map.of("ELECTRIC_DB_POOL_SIZE", "5", "sync.pg.pool-size", "7")).poolSize());
        String m = failure(Map.of("ELECTRIC_DB_POOL_SIZE", "0"));
        assertTrue(m.contains("sync.pg.pool-size") && m.contains("between 1 and 1000"), m);
        m = failure(Map.of("ELECTRIC_DB_POOL_SIZE", "twenty"));
        assertTrue(m.contains("sync.pg.pool-size") && m.contains("twenty"), m);
    }

    @Test
    void shouldPublishManuallyWhenElectricManualTablePublishingIsSet() {
        assertFalse(load(Map.of()).manualPublishing());
        assertTrue(load(Map.of("ELECTRIC_MANUAL_TABLE_PUBLISHING", "true")).manualPublishing());
        assertFalse(load(Map.of("ELECTRIC_MANUAL_TABLE_PUBLISHING", "true", "sync.publication.manual", "false"))
                .manualPublishing());
        String m = failure(Map.of("ELECTRIC_MANUAL_TABLE_PUBLISHING", "maybe"));
        assertTrue(m.contains("sync.publication.manual") && m.contains("true or false"), m);
    }

    @Test
    void shouldAcceptElectricInsecureButRejectANonBoolean() {
        load(Map.of("ELECTRIC_INSECURE", "true"));
        load(Map.of("ELECTRIC_INSECURE", "false"));
        String m = failure(Map.of("ELECTRIC_INSECURE", "sure"));
        assertTrue(m.contains("ELECTRIC_INSECURE") && m.contains("true or false"), m);
    }

    @Test
    void shouldAcceptFileStorageAndRejectMemory() {
        load(Map.of("ELECTRIC_STORAGE", "FAST_FILE", "ELECTRIC_PERSISTENT_STATE", "file"));
        load(Map.of("ELECTRIC_STORAGE", "FILE"));
        String m = failure(Map.of("ELECTRIC_STORAGE", "MEMORY"));
        assertTrue(m.contains("ELECTRIC_STORAGE") && m.contains("FAST_FILE or FILE") && m.contains("MEMORY"), m);
        m = failure(Map.of("ELECTRIC_PERSISTENT_STATE", "MEMORY"));
        assertTrue(m.contains("ELECTRIC_PERSISTENT_STATE") && m.contains("FAST_FILE or FILE"), m);
    }

    @Test
    void shouldRefuseATemporarySlot() {
        load(Map.of("ELECTRIC_TEMPORARY_REPLICATION_SLOT_USE_RANDOM_NAME", "false",
                "CLEANUP_REPLICATION_SLOTS_ON_SHUTDOWN", "false"));
        for (String name : List.of("ELECTRIC_TEMPORARY_REPLICATION_SLOT_USE_RANDOM_NAME", "CLEANUP_REPLICATION_SLOTS_ON_SHUTDOWN")) {
            String m = failure(Map.of(name, "true"));
            assertTrue(m.contains(name) && m.contains("not supported") && m.contains("permanent slot"), m);
            m = failure(Map.of(name, "perhaps"));
            assertTrue(m.contains(name) && m.contains("true or false"), m);
        }
    }

    @Test
    void shouldValidateTheFormOfSettingsHandledDifferently() {
        List<String> notes = new ElectricSettings(name -> Optional.ofNullable(Map.of(
                "ELECTRIC_EXPERIMENTAL_MAX_TXN_SIZE", "250MB", "ELECTRIC_REPLICATION_IDLE_TIMEOUT", "30s",
                "ELECTRIC_PROMETHEUS_PORT", "9090", "ELECTRIC_TCP_READ_TIMEOUT", "60000",
                "ELECTRIC_TCP_SEND_TIMEOUT", "2min", "ELECTRIC_PORT", "3000").get(name))).check();
        assertEquals(6, notes.size(), notes.toString());
        assertTrue(notes.contains("ELECTRIC_EXPERIMENTAL_MAX_TXN_SIZE=262144000 bytes: ShapeSync streams transactions"
                + " of any size in bounded memory and never aborts them"), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("ELECTRIC_REPLICATION_IDLE_TIMEOUT=30000 ms")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("ELECTRIC_TCP_SEND_TIMEOUT=120000 ms")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("ELECTRIC_PORT=3000") && n.contains("http.port")
                && n.contains("HTTP_PORT")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("ELECTRIC_PROMETHEUS_PORT=9090") && n.contains("/metrics")),
                notes.toString());
        assertTrue(new ElectricSettings(name -> Optional.empty()).check().isEmpty());
        Map<String, String> bad = Map.of("ELECTRIC_EXPERIMENTAL_MAX_TXN_SIZE", "huge", "ELECTRIC_REPLICATION_IDLE_TIMEOUT",
                "soon", "ELECTRIC_PROMETHEUS_PORT", "70000", "ELECTRIC_TCP_READ_TIMEOUT", "-1",
                "ELECTRIC_TCP_SEND_TIMEOUT", "30 days", "ELECTRIC_PORT", "http");
        bad.forEach((name, value) -> {
            String m = failure(Map.of(name, value));
            assertTrue(m.contains(name) && m.contains("'" + value + "'") && m.contains("must be"), m);
        });
        assertTrue(failure(Map.of("ELECTRIC_EXPERIMENTAL_MAX_TXN_SIZE", "0")).contains("positive size"));
    }

    private static ConfigValue value(String name, String value, int ordinal) {
        return new ConfigValue() {
            public String getName() { return name; }
            public String getValue() { return value; }
            public String getRawValue() { return value; }
            public String getSourceName() { return ordinal == 100 ? "defaults" : "env"; }
            public int getSourceOrdinal() { return ordinal; }
        };
    }

    private record MapConfig(Map<String, ConfigValue> values) implements Config {
        @Override
        public ConfigValue getConfigValue(String name) {
            return values.getOrDefault(name, value(name, null, 0));
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(getConfigValue(name).getValue()).map(type::cast);
        }

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow();
        }

        @Override
        public Iterable<String> getPropertyNames() { return values.keySet(); }

        @Override
        public Iterable<ConfigSource> getConfigSources() { return List.of(); }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) { return Optional.empty(); }

        @Override
        public <T> T unwrap(Class<T> type) { throw new IllegalArgumentException(); }
    }
}
