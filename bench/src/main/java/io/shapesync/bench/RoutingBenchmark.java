package io.shapesync.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds to route one row change ({@code id} value) to {@code id = k} shapes: index lookup plus evaluating each
 * candidate's filter. {@code indexed}: equality hints, should stay flat as shapes grow; {@code lookup}: the same
 * without evaluating filters (the index alone); {@code unindexed}: the same shapes with {@code None} hints (every
 * filter evaluated), for contrast.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoutingBenchmark {

    /** Shapes with equality hints. */
    @State(Scope.Thread)
    public static class Indexed extends Routing {
        @Param({"1", "1000", "10000", "100000"})
        public int shapes;

        @Setup(Level.Trial)
        public void setUp() {
            build(shapes, true);
        }
    }

    /** The same shapes without hints. */
    @State(Scope.Thread)
    public static class Unindexed extends Routing {
        @Param({"1", "1000", "10000"})
        public int unindexedShapes;

        @Setup(Level.Trial)
        public void setUp() {
            build(unindexedShapes, false);
        }
    }

    /** 100 000 shapes and 131 072 rows spread over all of them: no part of the index stays in cache. */
    @State(Scope.Thread)
    public static class Spread extends Routing {
        @Param({"100000"})
        public int spreadShapes;

        @Setup(Level.Trial)
        public void setUp() {
            build(spreadShapes, true, 1 << 17);
        }
    }

    @Benchmark
    public int indexed(Indexed state) {
        return state.route();
    }

    /** The index lookup alone (candidates counted, filters not evaluated). */
    @Benchmark
    public int lookup(Indexed state) {
        return state.lookUp();
    }

    @Benchmark
    public int indexedSpread(Spread state) {
        return state.route();
    }

    @Benchmark
    public int lookupSpread(Spread state) {
        return state.lookUp();
    }

    @Benchmark
    public int unindexed(Unindexed state) {
        return state.route();
    }
}
