package io.shapesync.shapes.routing;

import static io.shapesync.shapes.routing.Spaces.anyOf;
import static io.shapesync.shapes.routing.Spaces.candidates;
import static io.shapesync.shapes.routing.Spaces.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.shapes.where.IndexHint;
import io.shapesync.shapes.where.KeySpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingIndexTest {
    private static final KeySpace ID = Spaces.int8("id");
    private static final KeySpace OWNER = Spaces.int8("owner");
    private static final KeySpace STATUS = Spaces.text("status");

    private final RoutingIndex<String> index = new RoutingIndex<>();

    @Test
    void shouldReportOnlyEqualKeyWhenHintIsEquality() {
        index.add("five", eq(ID, 5L));
        index.add("six", eq(ID, 6L));
        index.add("open", eq(STATUS, "open"));

        assertEquals(List.of("five"), candidates(index, Map.of("id", "5", "status", "closed")));
        assertEquals(Set.of("six", "open"), Set.copyOf(candidates(index, Map.of("id", "6", "status", "open"))));
        assertEquals(List.of(), candidates(index, Map.of("id", "7")));
        assertEquals(3, index.size());
    }

    @Test
    void shouldShareKeyBetweenSubscribersWhenKeysAreEqual() {
        index.add("a", eq(ID, 5L));
        index.add("b", eq(ID, 5L));
        index.add("c", eq(ID, 5L));
        index.remove("b");

        assertEquals(Set.of("a", "c"), Set.copyOf(candidates(index, Map.of("id", "5"))));
    }

    @Test
    void shouldReportEachKeyOfInListWhenHintHasSeveralKeys() {
        index.add("in", eq(ID, 1L, 2L, 3L));
        index.add("two", eq(ID, 2L));

        assertEquals(List.of("in"), candidates(index, Map.of("id", "1")));
        assertEquals(Set.of("in", "two"), Set.copyOf(candidates(index, Map.of("id", "2"))));
        assertEquals(List.of("in"), candidates(index, Map.of("id", "3")));
        assertEquals(List.of(), candidates(index, Map.of("id", "4")));
    }

    @Test
    void shouldReportOnceWhenSeveralAlternativesHold() {
        IndexHint range = new IndexHint.Range(ID, 0L, true, 10L, false);
        index.add("any", anyOf(eq(ID, 5L), eq(OWNER, 7L), eq(STATUS, "open"), range));
        index.add("nested", anyOf(eq(OWNER, 7L), anyOf(eq(ID, 5L), range)));

        assertEquals(Set.of("any", "nested"), Set.copyOf(candidates(index, Map.of("id", "5", "owner", "7",
                "status", "open"))));
        assertEquals(2, candidates(index, Map.of("id", "5", "owner", "7", "status", "open")).size());
        assertEquals(List.of("any"), candidates(index, Map.of("status", "open")));
        assertEquals(2, candidates(index, Map.of("id", "3")).size());
        assertEquals(2, candidates(index, Map.of("owner", "7", "id", "99")).size());
        assertEquals(List.of(), candidates(index, Map.of("owner", "8", "id", "99", "status", "x")));
    }

    @Test
    void shouldAlwaysReportWhenHintIsNone() {
        index.add("none", IndexHint.NONE);
        index.add("anyWithNone", anyOf(eq(ID, 5L), IndexHint.NONE));
        index.add("five", eq(ID, 5L));

        assertEquals(Set.of("none", "anyWithNone"), Set.copyOf(candidates(index, Map.of("id", "6"))));
        assertEquals(Set.of("none", "anyWithNone"), Set.copyOf(candidates(index, Map.of())));
        assertEquals(3, candidates(index, Map.of("id", "5")).size());
    }

    @Test
    void shouldNeverMatchEqualityOrRangeWhenValueIsNull() {
        index.add("five", eq(ID, 5L));
        index.add("atLeast", new IndexHint.Range(ID, null, false, 10L, true));
        index.add("atMost", new IndexHint.Range(ID, 0L, true, null, false));
        index.add("any", anyOf(eq(STATUS, "open"), eq(OWNER, 1L)));

        assertEquals(List.of(), candidates(index, column -> null));
        assertEquals(List.of(), candidates(index, Map.of("status", "closed")));
    }

    @Test
    void shouldNotReportWhenEqualityHasNoKeys() {
        index.add("empty", new IndexHint.Equality(ID, Set.of()));
        index.add("emptyOrOpen", anyOf(new IndexHint.Equality(ID, Set.of()), eq(STATUS, "open")));

        assertEquals(List.of(), candidates(index, Map.of("id", "1")));
        assertEquals(List.of("emptyOrOpen"), candidates(index, Map.of("id", "1", "status", "open")));
        index.remove("empty");
        assertEquals(1, index.size());
    }

    @Test
    void shouldReportNothingOfSubscriberWhenRemoved() {
        index.add("five", eq(ID, 5L));
        index.add("in", eq(ID, 5L, 6L));
        index.add("range", new IndexHint.Range(ID, 1L, true, 9L, true));
        index.add("none", IndexHint.NONE);
        index.add("any", anyOf(eq(ID, 5L), eq(STATUS, "open")));

        for (String s : List.of("five", "in", "range", "none", "any")) {
            index.remove(s);
        }
        index.remove("never-added");

        assertEquals(0, index.size());
        assertEquals(List.of(), candidates(index, Map.of("id", "5", "status", "open")));
        index.add("five", eq(ID, 5L));
        assertEquals(List.of("five"), candidates(index, Map.of("id", "5", "status", "open")));
    }

    @Test
    void shouldReportRemainingUnindexedWhenMostAreRemoved() {
        RoutingIndex<Integer> unindexed = new RoutingIndex<>();
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            unindexed.add(i, IndexHint.NONE);
            present.add(i);
        }
        Collections.shuffle(present, new Random(11));
        while (present.size() > 10) {
            for (int i = 0; i < 37 && present.size() > 10; i++) {
                unindexed.remove(present.remove(present.size() - 1));
            }
            List<Integer> found = candidates(unindexed, Map.of("id", "1"));
            assertEquals(new HashSet<>(present), new HashSet<>(found));
            assertEquals(present.size(), found.size());
        }
        unindexed.add(5_000, IndexHint.NONE);
        assertEquals(11, candidates(unindexed, Map.of()).size());
    }

    @Test
    void shouldRejectSubscriberWhenAddedTwice() {
        index.add("five", eq(ID, 5L));

        assertThrows(IllegalArgumentException.class, () -> index.add("five", eq(ID, 6L)));
        assertEquals(List.of("five"), candidates(index, Map.of("id", "5")));
    }

    @Test
    void shouldReportEverySubscriberOfSpaceOnceWhenValueHasNoKey() {
        index.add("in", eq(ID, 1L, 2L, 3L));
        index.add("range", new IndexHint.Range(ID, 1L, true, 9L, true));
        index.add("any", anyOf(eq(ID, 4L), new IndexHint.Range(ID, 1L, true, null, false), eq(STATUS, "x")));
        index.add("open", eq(STATUS, "open"));
        index.add("five", eq(ID, 5L));
        index.add("alsoFive", eq(ID, 5L));
        index.add("one", eq(ID, 1L));

        List<String> found = candidates(index, Map.of("id", "not a number"));

        assertEquals(6, found.size());
        assertEquals(Set.of("in", "range", "any", "five", "alsoFive", "one"), new HashSet<>(found));
    }

    @Test
    void shouldAddInWellUnderSecondsWhenHundredThousandEqualitySubscribers() {
        RoutingIndex<Integer> big = new RoutingIndex<>();
        long start = System.nanoTime();
        for (int k = 0; k < 100_000; k++) {
            big.add(k, eq(ID, (long) k));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 3_000, "100k adds took " + millis + " ms");
        assertEquals(List.of(77_777), candidates(big, Map.of("id", "77777")));
        assertEquals(100_000, big.size());
    }
}
