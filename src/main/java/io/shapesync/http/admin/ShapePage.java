package io.shapesync.http.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * One page of a large, changing collection in a stable order, without sorting all of it: the first
 * {@code offset + limit} matches are kept in a bounded heap (n log(offset + limit)), so the default first page of
 * 100k shapes costs one pass.
 */
public record ShapePage<T>(int total, int offset, int limit, List<T> items) {

    public ShapePage {
        items = List.copyOf(items);
    }

    public static <T> ShapePage<T> select(Collection<T> all, Predicate<T> filter, Comparator<T> order, int offset,
                                          int limit) {
        if (offset < 0 || limit < 1) throw new IllegalArgumentException("offset " + offset + ", limit " + limit);
        long keep = (long) offset + limit;
        PriorityQueue<T> firsts = new PriorityQueue<>(order.reversed());  // head: the last of the first `keep`
        int total = 0;
        for (T t : all) {
            if (!filter.test(t)) continue;
            total++;
            if (firsts.size() < keep) {
                firsts.add(t);
            } else if (order.compare(t, firsts.peek()) < 0) {
                firsts.poll();
                firsts.add(t);
            }
        }
        List<T> sorted = new ArrayList<>(firsts);
        sorted.sort(order);
        List<T> page = offset >= sorted.size() ? List.of() : sorted.subList(offset, sorted.size());
        return new ShapePage<>(total, offset, limit, page);
    }

    /**
     * Creation order of shape ids ({@code <hash>-<creation micros>}), oldest first; ids of another form sort last,
     * by text.
     */
    public static Comparator<String> idOrder() {
        return Comparator.<String>comparingLong(ShapePage::createdMicros).thenComparing(Comparator.naturalOrder());
    }

    static long createdMicros(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 0 || dash == id.length() - 1) return Long.MAX_VALUE;
        long v = 0;
        for (int i = dash + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) return Long.MAX_VALUE;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
