package io.shapesync.metrics;

import io.shapesync.config.SyncConfig;
import io.shapesync.decoding.Change;
import io.shapesync.decoding.RowDeleted;
import io.shapesync.decoding.RowInserted;
import io.shapesync.decoding.RowUpdated;
import io.shapesync.http.LongPolls;
import io.shapesync.replication.Database;
import io.shapesync.replication.ReplicationStatus;
import io.shapesync.replication.TransactionCommitted;
import io.shapesync.replication.TransactionPartReceived;
import io.shapesync.shapes.Shape;
import io.shapesync.shapes.ShapeRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@link SyncMetrics} on MicroProfile Metrics (application scope, {@code /metrics?scope=application}): the only
 * class that touches that API, so the WAR deploys where it is absent (this alternative then fails to load and
 * {@link NoopSyncMetrics} is used). Gauges read existing state when scraped; the slot's WAL positions and the
 * storage size are sampled every {@value #SAMPLE_SECONDS} s by one periodic task; the replication counters take one
 * add per transaction (or part) on the replication thread.
 */
@ApplicationScoped
@Alternative
@Priority(100)
public class MpSyncMetrics implements SyncMetrics {
    private static final Logger LOG = Logger.getLogger(MpSyncMetrics.class.getName());
    static final long SAMPLE_SECONDS = 5;

    private final MetricRegistry registry;
    private final ShapeRegistry shapes;
    private final LongPolls longPolls;
    private final ReplicationStatus status;
    private final SlotSampler sampler;
    private final Set<SnapshotProgress> running = ConcurrentHashMap.newKeySet();
    private final AtomicReferenceArray<Counter> responses = new AtomicReferenceArray<>(600);
    private Counter transactions;
    private Counter rowChanges;
    private Counter snapshotFailures;
    private Timer snapshotDuration;
    private volatile long retainedWal = -1;
    private volatile long lagBytes = -1;
    private volatile long storageBytes = -1;
    private ScheduledFuture<?> sampling;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    public MpSyncMetrics(MetricRegistry registry, ShapeRegistry shapes, LongPolls longPolls, ReplicationStatus status,
                         Database database, SyncConfig config) {
        this.registry = registry;
        this.shapes = shapes;
        this.longPolls = longPolls;
        this.status = status;
        this.sampler = database == null ? null : new SlotSampler(database, config.slotName());
    }

    protected MpSyncMetrics() {
        this(null, null, null, null, null, null);
    }

    /** Created with the application, so the metrics exist before the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.fine("MicroProfile Metrics enabled");
    }

    @PostConstruct
    void register() {
        gauge(REPLICATION_LAG_BYTES, MetricUnits.BYTES, "WAL written by Postgres but not yet confirmed by ShapeSync's "
                + "slot (pg_current_wal_lsn - confirmed_flush_lsn), sampled; -1 when unknown", () -> lagBytes);
        gauge(REPLICATION_LAG_TIME, MetricUnits.MILLISECONDS, "How far the shapes are behind the database: 0 when the "
                + "replication stream is caught up, else the age of the newest processed commit (see docs/operations.md)",
                () -> ReplicationLag.millis(status.caughtUp(), status.waiting(), System.currentTimeMillis(),
                        status.caughtUpAtMillis(), status.busyCommitMicros()));
        gauge(REPLICATION_RETAINED_WAL, MetricUnits.BYTES, "WAL Postgres keeps for ShapeSync's slot "
                + "(pg_current_wal_lsn - restart_lsn), sampled; -1 when unknown", () -> retainedWal);
        transactions = registry.counter(Metadata.builder().withName(REPLICATION_TRANSACTIONS)
                .withDescription("Transactions received from the replication stream").build());
        rowChanges = registry.counter(Metadata.builder().withName(REPLICATION_ROW_CHANGES)
                .withDescription("Row changes (insert, update, delete) received from the replication stream").build());
        gauge(SHAPES, MetricUnits.NONE, "Shapes (live or snapshotting)", () -> shapes.shapes().size());
        gauge(WAITERS, MetricUnits.NONE, "Requests parked waiting for changes (long-polls, idle SSE streams)", () -> longPolls.waiting());
        snapshotDuration = registry.timer(Metadata.builder().withName(SNAPSHOT_DURATION)
                .withDescription("Duration of completed initial snapshots").withUnit(MetricUnits.SECONDS).build());
        snapshotFailures = registry.counter(Metadata.builder().withName(SNAPSHOT_FAILURES)
                .withDescription("Initial snapshots that failed").build());
        gauge(SNAPSHOT_RUNNING, MetricUnits.NONE, "Initial snapshots running", () -> totals().running());
        gauge(SNAPSHOT_ROWS, MetricUnits.NONE, "Rows written so far by running snapshots", () -> totals().rows());
        gauge(SNAPSHOT_ROWS_ESTIMATED, MetricUnits.NONE, "Estimated total rows of running snapshots that have an "
                + "estimate (pg_class.reltuples)", () -> totals().estimatedRows());
        gauge(SNAPSHOT_RATE, MetricUnits.PER_SECOND, "Rows per second of running snapshots", () -> totals().rowsPerSecond());
        gauge(SNAPSHOT_ETA, MetricUnits.SECONDS, "Longest estimated time left of running snapshots; -1 unknown, 0 none "
                + "running", () -> totals().etaSeconds());
        gauge(STORAGE_BYTES, MetricUnits.BYTES, "Bytes of the shapes' logs, sampled; -1 before the first sample",
                () -> storageBytes);
        if (scheduler != null) sampling = scheduler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
    }

    private <T extends Number> void gauge(String name, String unit, String description, Supplier<T> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(), value);
    }

    @PreDestroy
    void stop() {
        if (sampling != null) sampling.cancel(false);
        if (sampler != null) sampler.close();
        registry.removeMatching((id, metric) -> id.getName().startsWith("sync."));
    }

    /** The periodic sample: slot positions, then the log sizes (a sum of in-memory lengths, no file system walk). */
    void sample() {
        try {
            var s = sampler.sample();
            retainedWal = s.map(SlotSampler.Sample::retainedBytes).orElse(-1L);
            lagBytes = s.map(SlotSampler.Sample::lagBytes).orElse(-1L);
            long bytes = 0;
            for (Shape shape : shapes.shapes()) bytes += shape.logBytes();
            storageBytes = bytes;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Metrics sample failed", e);
        }
    }

    private SnapshotProgress.Totals totals() {
        return SnapshotProgress.totals(running, System.nanoTime());
    }

    @Override
    public void responded(int code) {
        int i = code >= 100 && code < 600 ? code : 0;
        Counter c = responses.get(i);
        if (c == null) {
            c = registry.counter(Metadata.builder().withName(RESPONSES).withDescription("Responses of /v1/shape by status code")
                    .build(), new Tag("code", i == 0 ? "other" : Integer.toString(i)));
            responses.set(i, c);
        }
        c.inc();
    }

    @Override
    public SnapshotProgress snapshotStarted(String table, String handle) {
        SnapshotProgress p = new SnapshotProgress(table, handle, System::nanoTime, this::snapshotFinished);
        running.add(p);
        return p;
    }

    private void snapshotFinished(SnapshotProgress p, boolean completed, long nanos) {
        running.remove(p);
        if (completed) {
            snapshotDuration.update(Duration.ofNanos(nanos));
        } else {
            snapshotFailures.inc();
        }
    }

    // ---- replication thread: one add per transaction or part ----

    void onTransaction(@Observes TransactionCommitted event) {
        transactions.inc();
        long n = rowChanges(event.transaction().changes());
        if (n > 0) rowChanges.inc(n);
    }

    void onPart(@Observes TransactionPartReceived event) {
        long n = rowChanges(event.part().changes());
        if (n > 0) rowChanges.inc(n);
    }

    /** Inserts, updates and deletes among the changes (not relation or truncate messages). */
    static long rowChanges(List<Change> changes) {
        long n = 0;
        for (int i = 0, size = changes.size(); i < size; i++) {
            Change c = changes.get(i);
            if (c instanceof RowInserted || c instanceof RowUpdated || c instanceof RowDeleted) n++;
        }
        return n;
    }
}
