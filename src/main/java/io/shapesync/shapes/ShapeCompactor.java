package io.shapesync.shapes;

import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import io.shapesync.storage.LogRewrite;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compaction of shape logs (one scheduled thread). A {@code log=full} shape whose log has grown to at least
 * {@code minBytes} and to twice its size after the last compaction (or its snapshot; after a restart that size is not
 * known, so a large restored log is compacted once) is rewritten: everything up to a
 * cut becomes the latest state per key ({@link LogFold}), written as a fresh initial snapshot, and the records above
 * the cut are copied unchanged. The shape gets a new handle; its old handle stays valid from the cut on, so clients
 * at the head carry on (and move to the new handle with the next response), while clients behind the cut get 409 and
 * refetch a log that is now about as long as the table is large.
 *
 * <p>The cut is never newer than {@code keepRecentMs}: the offsets clients received in that window stay valid under
 * every handle. Shapes with {@code log=changes_only} are not compacted (they have no snapshot to fold into).
 */
final class ShapeCompactor {
    private static final Logger LOG = Logger.getLogger(ShapeCompactor.class.getName());

    /** What one compaction did. */
    record Result(LogOffset cut, String handle, long bytesBefore, long bytesAfter, long records, long rows, long millis) {
    }

    private record Sample(long nanos, LogOffset latest) {
    }

    private final long minBytes;
    private final long keepRecentNanos;
    private final Function<Shape, String> newHandle;
    private final BiConsumer<Shape, Shape.Generation> persist;
    private final Consumer<FileShapeLog> retire;
    private final Map<Shape, ArrayDeque<Sample>> samples = new WeakHashMap<>();

    /**
     * @param newHandle a fresh handle for a shape
     * @param persist records a shape's next generation's handles (its {@code shape.json}) before the swap
     * @param retire takes a replaced log, to be closed and deleted once the responses reading it are done
     */
    ShapeCompactor(long minBytes, long keepRecentMs, Function<Shape, String> newHandle,
                   BiConsumer<Shape, Shape.Generation> persist, Consumer<FileShapeLog> retire) {
        this.minBytes = minBytes;
        this.keepRecentNanos = keepRecentMs * 1_000_000L;
        this.newHandle = newHandle;
        this.persist = persist;
        this.retire = retire;
    }

    /** One round: samples every live shape's head and compacts those that grew enough. */
    void tick(Collection<Shape> shapes, long nowNanos) {
        for (Shape s : shapes) {
            if (s.status() != Shape.Status.LIVE || s.definition().log() != LogMode.FULL) continue;
            LogOffset limit = limit(s, nowNanos);
            long bytes = s.logBytes();
            if (limit == null || bytes < minBytes || bytes < 2 * s.compactedBytes()) continue;
            try {
                compact(s, limit);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Compaction of shape " + s.handle() + " failed; the log is unchanged", e);
            }
        }
    }

    /** The newest head offset sampled at least {@code keepRecentMs} ago (older samples are dropped). */
    private LogOffset limit(Shape s, long nowNanos) {
        ArrayDeque<Sample> q = samples.computeIfAbsent(s, k -> new ArrayDeque<>());
        q.addLast(new Sample(nowNanos, s.lastEntry()));
        while (q.size() > 1 && oldEnough(secondOf(q), nowNanos)) q.pollFirst();
        return oldEnough(q.peekFirst(), nowNanos) ? q.peekFirst().latest() : null;
    }

    private boolean oldEnough(Sample sample, long nowNanos) {
        return nowNanos - sample.nanos() >= keepRecentNanos;
    }

    private static Sample secondOf(ArrayDeque<Sample> q) {
        java.util.Iterator<Sample> it = q.iterator();
        it.next();
        return it.next();
    }

    /**
     * Compacts the shape's log up to the highest cut not above {@code limit}; null when there is no such cut or the
     * shape was busy (mid-transaction, invalidated) at the swap.
     */
    Result compact(Shape shape, LogOffset limit) {
        long started = System.nanoTime();
        Shape.Generation g = shape.generation();
        FileShapeLog log = g.log();
        LogOffset cut = log.compactionPoint(limit);
        if (cut == null) return null;
        long before = log.sizeBytes();
        ShapeDefinition def = shape.definition();
        try (LogRewrite rewrite = log.beginRewrite(cut)) {
            LogFold.Result folded = LogFold.fold(sink -> log.read(LogOffset.BEFORE_ALL, cut, sink), def.columns(),
                    shape.encoder().relationJson(), rewrite::prefixRow);
            rewrite.endPrefix(shape.snapshotXids().snapshotEndJson());
            rewrite.copyTail();
            String handle = newHandle.apply(shape);
            FileShapeLog replaced = shape.install(rewrite, handle, cut, next -> persist.accept(shape, next));
            if (replaced == null) return null;
            retire.accept(replaced);
            Result r = new Result(cut, handle, before, shape.logBytes(), folded.records(), folded.rows(),
                    (System.nanoTime() - started) / 1_000_000);
            LOG.info(() -> "Shape " + shape.id() + " compacted up to " + r.cut() + ": " + r.bytesBefore() + " -> "
                    + r.bytesAfter() + " bytes, " + r.records() + " messages folded into " + r.rows() + " rows in "
                    + r.millis() + " ms; new handle " + r.handle());
            return r;
        }
    }
}
