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
        check(seed, false);
    }

    /** Long keys are stored unboxed apart from the others: both kinds in one table, including a key 0. */
    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void shouldMatchHashMapWhenLongAndOtherKeysMix(long seed) {
        check(seed, true);
    }

    /** Every third key (when mixed) is a String, every fifth an Integer: never equal to the Long of the same digits. */
    private static Object key(long k, boolean mixed) {
        if (mixed && k % 3 == 0) {
            return "k" + k;
        }
        if (mixed && k % 5 == 0) {
            return (int) k;
        }
        return k - 2_500;
    }

    private static void check(long seed, boolean mixed) {
        Random random = new Random(seed);
        KeyTable table = new KeyTable();
        Map<Object, Object> reference = new HashMap<>();
        for (int phase = 0; phase < 6; phase++) {
            int domain = phase % 2 == 0 ? 5_000 : 50;
            double removeShare = phase % 3 == 2 ? 0.9 : 0.3;
            for (int op = 0; op < 20_000; op++) {
                Object key = key(random.nextInt(domain), mixed);
                Object value = random.nextDouble() < removeShare ? null : "v" + op;
                table.put(key, value);
                if (value == null) {
                    reference.remove(key);
                } else {
                    reference.put(key, value);
                }
            }
            for (long k = -1; k <= 5_000; k++) {
                for (Object key : new Object[] {key(k, mixed), k, (int) k, "k" + k}) {
                    assertEquals(reference.get(key), table.get(key), "seed " + seed + ", phase " + phase + ", key " + key);
                }
            }
            Map<Object, Object> listed = new HashMap<>();
            table.forEach(listed::put);
            assertEquals(reference, listed, "seed " + seed + ", phase " + phase);
        }
    }
}
