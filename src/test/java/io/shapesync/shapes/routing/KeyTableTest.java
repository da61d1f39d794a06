package io.shapesync.shapes.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTableTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldMatchHashMapWhenKeysGrowShrinkAndReturn(long seed) {
        Random random = new Random(seed);
        KeyTable table = new KeyTable();
        Map<Object, Object> reference = new HashMap<>();
        for (int phase = 0; phase < 6; phase++) {
            int domain = phase % 2 == 0 ? 5_000 : 50;
            double removeShare = phase % 3 == 2 ? 0.9 : 0.3;
            for (int op = 0; op < 20_000; op++) {
                Long key = (long) random.nextInt(domain);
                Object value = random.nextDouble() < removeShare ? null : "v" + op;
                table.put(key, value);
                if (value == null) {
                    reference.remove(key);
                } else {
                    reference.put(key, value);
                }
            }
            for (long key = -1; key <= 5_000; key++) {
                assertEquals(reference.get(key), table.get(key), "seed " + seed + ", phase " + phase + ", key " + key);
            }
            Map<Object, Object> listed = new HashMap<>();
            table.forEach(listed::put);
            assertEquals(reference, listed, "seed " + seed + ", phase " + phase);
        }
    }
}
