package io.shapesync.shapes.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.shapes.where.Mode;
import io.shapesync.shapes.where.Where;
import io.shapesync.shapes.where.WhereColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hints from {@link Where#compile} in the index: candidates always include every shape whose filter matches. */
class RoutingIndexCompiledTest {
    private static final List<WhereColumn> COLUMNS = List.of(new WhereColumn("id", "int8", 0, false),
            new WhereColumn("owner", "int4", 0, false), new WhereColumn("title", "text", 0, false));
    private static final List<String> CLAUSES = List.of("id = 5", "id IN (1, 2, 3)", "id > 10", "id >= 3 AND id < 8",
            "id = 1 OR title = 'b'", "title = 'a'", "title > 'm'", "owner = 2 AND id = 4", "id <> 3",
            "title LIKE 'a%'", "id = 5 OR id = 7", "id BETWEEN 2 AND 6", "id IS NULL", "NOT (id = 1)",
            "owner IN (1, 3) OR id <= 0", "id = 2.0", "id = 4 AND (owner = 1 OR title = 'z')");
    private static final List<String> TITLES = List.of("a", "ab", "b", "m", "n", "z");

    @Test
    void shouldIncludeEveryMatchingShapeWhenHintsAreCompiled() {
        long seed = 20_240_601;
        Random random = new Random(seed);
        RoutingIndex<Where> index = new RoutingIndex<>();
        List<Where> shapes = new ArrayList<>();
        for (String clause : CLAUSES) {
            Where where = Where.compile(clause, Map.of(), COLUMNS, Mode.SHAPE, (schema, table) -> List.of());
            shapes.add(where);
            index.add(where, where.indexHint());
        }
        int skipped = 0;
        for (int i = 0; i < 2_000; i++) {
            Map<String, String> row = randomRow(random);
            List<Where> found = Spaces.candidates(index, row::get);
            Set<Where> expected = new HashSet<>();
            for (Where shape : shapes) {
                if (shape.filter().matches(slot -> row.get(shape.columns().get(slot)))) {
                    expected.add(shape);
                }
            }
            String context = "seed " + seed + ", row " + row;
            assertTrue(new HashSet<>(found).containsAll(expected), context);
            assertEquals(new HashSet<>(found).size(), found.size(), "duplicates, " + context);
            skipped += shapes.size() - found.size();
        }
        assertTrue(skipped > 2_000 * shapes.size() / 3, "the index should skip most shapes, skipped " + skipped);
    }

    private static Map<String, String> randomRow(Random random) {
        Map<String, String> row = new HashMap<>();
        row.put("id", random.nextInt(10) == 0 ? null : String.valueOf(random.nextInt(22) - 1));
        row.put("owner", random.nextInt(10) == 0 ? null : String.valueOf(random.nextInt(4)));
        row.put("title", random.nextInt(10) == 0 ? null : TITLES.get(random.nextInt(TITLES.size())));
        return row;
    }
}
