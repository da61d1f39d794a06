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
