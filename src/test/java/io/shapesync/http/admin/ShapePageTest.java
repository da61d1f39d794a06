package io.shapesync.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapePageTest {
    private static final Comparator<String> ORDER = ShapePage.idOrder();

    /** Ids as the registry makes them: {@code <hash>-<creation micros>}, in random iteration order. */
    private static List<String> ids(int n, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(random.nextInt(Integer.MAX_VALUE) + "-" + (1_700_000_000_000_000L + i * 3L));
        Collections.shuffle(ids, random);
        return ids;
    }

    @Test
    void shouldOrderByCreationMicrosWhenHashesDiffer() {
        List<String> ids = List.of("9-300", "1-200", "5-100", "odd", "7-1000");
        assertEquals(List.of("5-100", "1-200", "9-300", "7-1000", "odd"),
                ShapePage.select(ids, s -> true, ORDER, 0, 10).items());
    }

    @Test
    void shouldEqualFullSortSliceWhenPagingThroughEveryOffset() {
        List<String> ids = ids(1_000, 1);
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(ORDER);
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < ids.size(); offset += 37) {
            ShapePage<String> page = ShapePage.select(ids, s -> true, ORDER, offset, 37);
            assertEquals(1_000, page.total());
            assertEquals(sorted.subList(offset, Math.min(offset + 37, sorted.size())), page.items());
            seen.addAll(page.items());
        }
        assertEquals(sorted, seen);
    }

    @Test
    void shouldCountOnlyMatchesWhenFiltered() {
        List<String> ids = ids(500, 2);
        ShapePage<String> page = ShapePage.select(ids, s -> s.endsWith("0"), ORDER, 10, 20);
        long matching = ids.stream().filter(s -> s.endsWith("0")).count();
        assertEquals(matching, page.total());
        assertEquals(ids.stream().filter(s -> s.endsWith("0")).sorted(ORDER).skip(10).limit(20).toList(), page.items());
    }

    @Test
    void shouldReturnEmptyPageWhenOffsetBeyondTotal() {
        ShapePage<String> page = ShapePage.select(ids(10, 3), s -> true, ORDER, 50, 100);
        assertEquals(10, page.total());
        assertTrue(page.items().isEmpty());
    }

    @Test
    void shouldRejectNegativeOffsetWhenCalledDirectly() {
        assertThrows(IllegalArgumentException.class, () -> ShapePage.select(List.of("a"), s -> true, ORDER, -1, 1));
    }

    /** 100k shapes: the first page, a deep page and a filtered page stay well under the admin page's poll interval. */
    @Test
    void shouldStayFastWhenListingHundredThousandShapes() {
        List<String> ids = ids(100_000, 4);
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(ORDER);
        for (int warm = 0; warm < 3; warm++) ShapePage.select(ids, s -> true, ORDER, 0, 100);
        long t0 = System.nanoTime();
        ShapePage<String> first = ShapePage.select(ids, s -> true, ORDER, 0, 100);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        ShapePage<String> deep = ShapePage.select(ids, s -> true, ORDER, 99_900, 100);
        long deepMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        ShapePage<String> filtered = ShapePage.select(ids, s -> s.startsWith("12"), ORDER, 0, 100);
        long filteredMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("ShapePage over 100k ids: first page %d ms, page at 99,900 %d ms, filtered %d ms%n",
                firstMs, deepMs, filteredMs);
        assertEquals(sorted.subList(0, 100), first.items());
        assertEquals(sorted.subList(99_900, 100_000), deep.items());
        assertEquals(sorted.stream().filter(s -> s.startsWith("12")).limit(100).toList(), filtered.items());
        // generous bounds for a shared 2-core machine; typical figures are printed above
        assertTrue(firstMs < 500, "first page took " + firstMs + " ms");
        assertTrue(deepMs < 2_000, "deep page took " + deepMs + " ms");
    }
}
