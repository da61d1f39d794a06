package io.shapesync.shapes;

import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.shapes.routing.RoutingIndex;
import io.shapesync.shapes.where.IndexHint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shapes of one table and the routing index that finds, for a row, the shapes whose where clause may match it.
 * Mutated under the registry's creation lock; {@link #candidates} runs on the replication thread.
 */
final class TableRoutes {
    private static final Logger LOG = Logger.getLogger(TableRoutes.class.getName());
    private final RoutingIndex<Shape> index = new RoutingIndex<>();
    private final List<Shape> shapes = new CopyOnWriteArrayList<>();
    private Relation bound;               // replication thread only
    private Map<String, Integer> positions;

    void add(Shape shape, IndexHint hint) {
        index.add(shape, hint);
        shapes.add(shape);
    }

    void remove(Shape shape) {
        if (shapes.remove(shape)) index.remove(shape);
    }

    /** Every shape of the table (for truncation and schema changes, not for routing rows). */
    List<Shape> shapes() {
        return shapes;
    }

    /** Calls {@code out} for every shape that may contain {@code row} (a superset; shapes filter exactly). */
    void candidates(Relation relation, Row row, Consumer<Shape> out) {
        if (relation != bound) {
            Map<String, Integer> p = new HashMap<>();
            for (int i = 0; i < relation.columnCount(); i++) p.put(relation.column(i).name(), i);
            positions = p;
            bound = relation;
        }
        Map<String, Integer> p = positions;
        try {
            index.candidates(name -> {
                Integer i = p.get(name);
                return i == null || i >= row.size() ? null : row.get(i);
            }, out);
        } catch (RuntimeException e) {
            // a key that cannot be computed must not lose a change: offer it to every shape of the table
            LOG.log(Level.WARNING, "routing index lookup failed on " + relation.qualifiedName() + ", evaluating every shape", e);
            for (Shape s : shapes) out.accept(s);
        }
    }
}
