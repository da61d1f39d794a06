package io.shapesync.shapes.routing;

import static io.shapesync.shapes.routing.Spaces.candidates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range hints against a brute-force reference, with random bounds, alternatives and removals. */
class RoutingIndexRangeTest {
    private static final KeySpace ID = Spaces.int8("id");
    private static final KeySpace OWNER = Spaces.int8("owner");
    private static final int DOMAIN = 40;

    @Test
    void shouldHonourInclusiveExclusiveAndUnboundedEndsWhenRangesTouch() {
        RoutingIndex<String> index = new RoutingIndex<>();
        index.add("[1,3]", new IndexHint.Range(ID, 1L, true, 3L, true));
        index.add("(1,3)", new IndexHint.Range(ID, 1L, false, 3L, false));
        index.add("<=1", new IndexHint.Range(ID, null, false, 1L, true));
        index.add(">3", new IndexHint.Range(ID, 3L, false, null, false));

        assertEquals(Set.of("<=1"), Set.copyOf(candidates(index, Map.of("id", "0"))));
        assertEquals(Set.of("[1,3]", "<=1"), Set.copyOf(candidates(index, Map.of("id", "1"))));
        assertEquals(Set.of("[1,3]", "(1,3)"), Set.copyOf(candidates(index, Map.of("id", "2"))));
        assertEquals(Set.of("[1,3]"), Set.copyOf(candidates(index, Map.of("id", "3"))));
        assertEquals(Set.of(">3"), Set.copyOf(candidates(index, Map.of("id", "4"))));
    }

    @Test
    void shouldStayBalancedWhenHundredThousandRangesArriveInOrder() {
        RoutingIndex<Integer> index = new RoutingIndex<>();
        long start = System.nanoTime();
        for (int k = 0; k < 100_000; k++) {
            index.add(k, new IndexHint.Range(ID, (long) k, true, k + 10L, false));
        }
        for (int k = 0; k < 100_000; k += 2) {
            index.remove(k);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 5_000, "100k ordered range adds took " + millis + " ms");
        assertEquals(Set.of(50_001, 50_003, 50_005, 50_007, 50_009),
                Set.copyOf(candidates(index, Map.of("id", "50010"))));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20_240_601})
    void shouldMatchBruteForceWhenRangesAreRandom(long seed) {
        Random random = new Random(seed);
        RoutingIndex<Integer> index = new RoutingIndex<>();
        Map<Integer, IndexHint> reference = new HashMap<>();
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 50; i++) {
                int subscriber = round * 1000 + i;
                IndexHint hint = randomHint(random);
                index.add(subscriber, hint);
                reference.put(subscriber, hint);
            }
            removeSome(random, index, reference);
            assertSameAsReference(seed, round, index, reference, random);
        }
    }

    private static void removeSome(Random random, RoutingIndex<Integer> index, Map<Integer, IndexHint> reference) {
        List<Integer> present = new ArrayList<>(reference.keySet());
        present.sort(null);
        for (int i = 0; i < 20; i++) {
            Integer victim = present.get(random.nextInt(present.size()));
            index.remove(victim);
            reference.remove(victim);
        }
    }

    private static void assertSameAsReference(long seed, int round, RoutingIndex<Integer> index,
                                              Map<Integer, IndexHint> reference, Random random) {
        assertEquals(reference.size(), index.size(), "size, seed " + seed);
        for (long id = -2; id <= DOMAIN + 2; id++) {
            String owner = random.nextInt(4) == 0 ? null : String.valueOf(random.nextInt(DOMAIN));
            Map<String, String> row = new HashMap<>();
            row.put("id", String.valueOf(id));
            row.put("owner", owner);
            List<Integer> found = candidates(index, row::get);
            Set<Integer> expected = new HashSet<>();
            reference.forEach((s, hint) -> {
                if (holds(hint, row)) {
                    expected.add(s);
                }
            });
            String context = "seed " + seed + ", round " + round + ", row " + row;
            assertEquals(expected, new HashSet<>(found), context);
            assertEquals(expected.size(), found.size(), "duplicates, " + context);
        }
    }

    private static IndexHint randomHint(Random random) {
        int n = random.nextInt(5) == 0 ? 2 + random.nextInt(3) : 1;
        List<IndexHint> alternatives = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            alternatives.add(random.nextInt(4) == 0 ? randomEquality(random) : randomRange(random));
        }
        return n == 1 ? alternatives.get(0) : new IndexHint.AnyOf(alternatives);
    }

    private static IndexHint randomEquality(Random random) {
        KeySpace space = random.nextBoolean() ? ID : OWNER;
        Set<Object> keys = new HashSet<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            keys.add((long) random.nextInt(DOMAIN));
        }
        return new IndexHint.Equality(space, keys);
    }

    private static IndexHint randomRange(Random random) {
        KeySpace space = random.nextInt(4) == 0 ? OWNER : ID;
        Long lower = random.nextInt(5) == 0 ? null : (long) random.nextInt(DOMAIN);
        Long upper = lower != null && random.nextInt(5) == 0 ? null : (long) random.nextInt(DOMAIN);
        return new IndexHint.Range(space, lower, random.nextBoolean(), upper, random.nextBoolean());
    }

    /** The reference: the hint evaluated directly on the row. */
    private static boolean holds(IndexHint hint, Map<String, String> row) {
        if (hint instanceof IndexHint.AnyOf any) {
            return any.alternatives().stream().anyMatch(h -> holds(h, row));
        }
        if (hint instanceof IndexHint.Equality eq) {
            String text = row.get(eq.space().column());
            return text != null && eq.keys().contains(Long.valueOf(text));
        }
        IndexHint.Range r = (IndexHint.Range) hint;
        String text = row.get(r.space().column());
        if (text == null) {
            return false;
        }
        long v = Long.parseLong(text);
        boolean aboveLower = r.lower() == null || (r.lowerInclusive() ? v >= (Long) r.lower() : v > (Long) r.lower());
        boolean belowUpper = r.upper() == null || (r.upperInclusive() ? v <= (Long) r.upper() : v < (Long) r.upper());
        return aboveLower && belowUpper;
    }
}
