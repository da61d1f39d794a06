package io.shapesync.bench;

import io.shapesync.shapes.routing.RoutingIndex;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Routing state: an index of {@code id = k} shapes (k = 0..n-1) and rows whose ids are spread over the shapes, so
 * each change matches exactly one shape. {@link #route} routes the next row: index lookup plus each candidate's
 * filter.
 */
abstract class Routing {
    private static final int ROWS = 1 << 12;

    private final RoutingIndex<BenchShape> index = new RoutingIndex<>();
    private Row[] rows = new Row[ROWS];
    private final Consumer<BenchShape> evaluate = this::evaluate;
    private final Consumer<BenchShape> count = shape -> this.matched++;
    private Row current;
    private int next;
    private int matched;

    void build(int shapes, boolean indexed) {
        build(shapes, indexed, ROWS);
    }

    /**
     * {@code rowCount} (a power of two) rows: 4 096 keep the touched part of the index in cache; 131 072 spread over
     * 100 000 shapes touch all of it, as a replication stream over every shape does.
     */
    void build(int shapes, boolean indexed, int rowCount) {
        rows = new Row[rowCount];
        for (int k = 0; k < shapes; k++) {
            BenchShape shape = Shapes.idEquals(k, indexed);
            index.add(shape, shape.hint());
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < rowCount; i++) {
            rows[i] = new Row(String.valueOf(random.nextInt(shapes)));
        }
        for (int i = 0; i < rowCount; i++) {
            if (route() != 1) {
                throw new IllegalStateException("Row " + i + " should match exactly one shape");
            }
        }
    }

    /** Routes one change; returns the number of shapes it matched (1). */
    int route() {
        current = rows[next++ & (rows.length - 1)];
        matched = 0;
        index.candidates(current, evaluate);
        return matched;
    }

    /** Looks up one change's candidates without evaluating their filters; returns their number (1). */
    int lookUp() {
        current = rows[next++ & (rows.length - 1)];
        matched = 0;
        index.candidates(current, count);
        return matched;
    }

    private void evaluate(BenchShape shape) {
        if (shape.filter().matches(current)) {
            matched++;
        }
    }
}
