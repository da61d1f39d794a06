package io.shapesync.shapes;

import io.shapesync.config.SyncConfig;
import io.shapesync.decoding.Change;
import io.shapesync.decoding.Relation;
import io.shapesync.decoding.RelationChanged;
import io.shapesync.decoding.RowDeleted;
import io.shapesync.decoding.RowInserted;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.RowUpdated;
import io.shapesync.decoding.TablesTruncated;
import io.shapesync.decoding.Transaction;
import io.shapesync.replication.BatchDelivered;
import io.shapesync.replication.Database;
import io.shapesync.replication.FlushTracker;
import io.shapesync.replication.TransactionCommitted;
import io.shapesync.replication.TransactionPartReceived;
import io.shapesync.decoding.TransactionPart;
import io.shapesync.shapes.where.IndexHint;
import io.shapesync.replication.SlotReset;
import io.shapesync.storage.AtomicFiles;
import io.shapesync.storage.Checkpoint;
import io.shapesync.storage.FileHandles;
import io.shapesync.storage.FileSystemSync;
import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.Journal;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * All shapes: creation (deduplicated per definition), lookup by handle, and routing of committed transactions
 * through a per-table index (relation OID → shapes) on the replication thread.
 */
@ApplicationScoped
public class ShapeRegistry {
    private static final Logger LOG = Logger.getLogger(ShapeRegistry.class.getName());

    private final Map<String, Shape> byId = new ConcurrentHashMap<>();
    private final Map<String, Shape> byHandle = new ConcurrentHashMap<>();  // current and retired handles
    private final Map<String, Shape> byIdentity = new ConcurrentHashMap<>();
    private final Map<String, Shape> byRequest = new ConcurrentHashMap<>();
    private final Map<String, ShapeMetadata> metadata = new ConcurrentHashMap<>();
    private final Map<Integer, TableRoutes> byRelation = new ConcurrentHashMap<>();
    private final EncoderLayout.Shared layouts = new EncoderLayout.Shared();  // encoders of shapes that encode alike share one
    private final Set<Shape> touched = new HashSet<>();  // logs that grew in this batch and need their own force
    private final Set<Shape> unannounced = new LinkedHashSet<>();  // logs that grew since the last write-out
    private long writtenOutNanos;
    private long warmed;  // what Shape.warm() returned last (kept so that its reads are not optimized away)
    // the transaction being received in parts (replication thread only)
    private final Set<Shape> partShapes = new LinkedHashSet<>();
    private long partN;
    private long partLsn = -1;
    private final Map<String, Failure> failedDefinitions = new ConcurrentHashMap<>();
    private final java.util.Queue<Retired> retired = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<RetiredLog> retiredLogs = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private ShapeCompactor compactor;
    private static final long RETIRE_GRACE_NANOS = 60_000_000_000L;
    private static final long JOURNAL_SEGMENT_BYTES = 64L << 20;  // at most; a quarter of sync.storage.journal-bytes
    private static final long CHECKPOINT_INTERVAL_MS = 1000;
    /**
     * During a burst of transactions the journal is written out at most this often (besides at each batch's end): a
     * batch only ends once a read finds the stream empty, and waking requests only then added 1.3–2 ms to the
     * write→client latency (bench/run-latency.py).
     */
    private static final long WRITE_OUT_NANOS = 200_000;
    private final AtomicLong lastHandleMicros = new AtomicLong();
    private final Object createLock = new Object();
    private volatile long lastProcessedLsn;
    private long processedLsn;  // replication thread: the last transaction routed, not yet written out

    @Inject
    SyncConfig config;
    @Inject
    Database database;
    @Inject
    FlushTracker flushTracker;
    @Inject
    io.shapesync.replication.ReplicationStatus replicationStatus;
    @Inject
    io.shapesync.metrics.SyncMetrics metrics;
    @Inject
    Event<ShapeLogAdvanced> advanced;
    @Inject
    Event<ShapeInvalidated> invalidated;
    @Resource
    ManagedExecutorService executor;
    @Resource
    jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;
    @Resource
    jakarta.enterprise.concurrent.ManagedThreadFactory threadFactory;
    private LogFlusher flusher;
    private Journal journal;
    private volatile Checkpoint checkpointing;  // the checkpoint thread's pass in progress (it may span ticks), or null
    private FileSystemSync fileSystemSync;

    private Path shapesDir;

    @PostConstruct
    void init() {
        shapesDir = config.dataDir().resolve("shapes");
        FileHandles.configureShared(config.openFiles());
        try {
            Files.createDirectories(shapesDir);
            try (var dirs = Files.list(shapesDir)) {
                dirs.filter(Files::isDirectory).forEach(this::restore);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + shapesDir, e);
        }
        LOG.info(() -> "Shapes restored from " + shapesDir + ": " + byId.size());
        openJournal();
        fileSystemSync = new FileSystemSync(shapesDir);
        flusher = new LogFlusher(flushTracker::markDurable, (shape, e) -> invalidate(shape, "its log cannot be forced: " + e),
                fileSystemSync::syncAll, journal::force);
        Thread t = threadFactory.newThread(flusher);
        t.setName("shapesync-log-flusher");
        t.start();
        scheduler.scheduleWithFixedDelay(this::checkCatalog, config.catalogCheckMs(), config.catalogCheckMs(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        compactor = new ShapeCompactor(config.compactionMinBytes(), config.compactionKeepRecentMs(), s -> newHandle(s.definition()),
                this::persistHandles, log -> retiredLogs.add(new RetiredLog(log, System.nanoTime())));
        scheduler.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL_MS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        if (config.compactionEnabled()) {
            scheduler.scheduleWithFixedDelay(this::compactShapes, config.compactionIntervalMs(), config.compactionIntervalMs(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Opens the journal: the records it holds for restored shapes are replayed into their logs (a shape whose records
     * do not fit its log is dropped: its clients refetch), then every live log writes through it.
     */
    private void openJournal() {
        List<String> damaged = new ArrayList<>();
        long segmentBytes = Math.min(JOURNAL_SEGMENT_BYTES, Math.max(1L << 20, config.journalBytes() / 4));
        journal = Journal.open(config.dataDir().resolve("journal"), segmentBytes, id -> {
            Shape s = byId.get(id);
            return s == null ? null : s.generation().log();
        }, damaged::add);
        for (String id : damaged) byId(id).ifPresent(s -> invalidate(s, "its records in the journal cannot be replayed"));
        for (Shape s : byId.values()) s.useJournal(journal);
    }

    /**
     * Once the journal holds more than {@link #checkpointBytes}: copies every log's records from the journal into its
     * file (one write per log), syncs those files, and deletes the segments no log reads any more. Rare and in bulk,
     * so that each shape file gets many transactions per write. Background work: while the replication stream works
     * through a backlog ({@link ReplicationStatus#behind()}) a checkpoint does not start, and a running one stops
     * between two logs and goes on at a later tick, unless the journal holds twice that size.
     */
    void checkpoint() {
        try {
            long threshold = checkpointBytes(config.journalBytes(), journal.logs().size());
            BooleanSupplier giveWay = () -> replicationStatus.behind() && journal.bytes() < 2 * threshold;
            Checkpoint pass = checkpointing;
            if (pass == null) {
                if (journal.bytes() < threshold || giveWay.getAsBoolean()) return;
                pass = new Checkpoint(journal);
                checkpointing = pass;
            }
            try {
                if (!pass.copy(giveWay)) return;
            } catch (RuntimeException e) {
                checkpointing = null;
                LOG.log(Level.WARNING, "Checkpoint: cannot copy the journal's records into a shape log; they stay in the journal", e);
                return;
            }
            checkpointing = null;
            long syncStarted = System.nanoTime();
            List<FileShapeLog> drained = pass.drained();
            if (drained.size() < LogFlusher.SYNC_ALL_FROM || !fileSystemSync.syncAll()) {
                for (FileShapeLog log : drained) {
                    try {
                        log.forceFile();
                    } catch (IllegalStateException closed) {
                        // an invalidated shape's log: nothing to keep
                    }
                }
            }
            int deleted = journal.reclaimBelow(journal.lowestNeeded());
            long copyMs = pass.copyNanos() / 1_000_000;
            long syncMs = (System.nanoTime() - syncStarted) / 1_000_000;
            Checkpoint done = pass;
            LOG.info(() -> "Checkpoint: " + done.bytes() + " bytes of " + drained.size() + " shape logs copied from the journal in "
                    + copyMs + " ms" + (done.pauses() == 0 ? "" : " (paused " + done.pauses() + " times for a replication backlog)")
                    + ", synced in " + syncMs + " ms; " + deleted + " segments deleted, journal " + done.journalBytesBefore()
                    + " -> " + journal.bytes() + " bytes");
        } catch (RuntimeException e) {
            checkpointing = null;
            LOG.log(Level.WARNING, "Checkpoint failed; the journal keeps the records", e);
        }
    }

    /** Journal bytes per log at which a checkpoint amortizes its per-file cost (an open, a write and a close). */
    static final long CHECKPOINT_BYTES_PER_LOG = 8 << 10;

    /**
     * When a checkpoint starts: at {@code sync.storage.journal-bytes}, or later with many logs, so that each file
     * write carries about {@link #CHECKPOINT_BYTES_PER_LOG} (with changes spread over 100 000 shapes, 512 MiB would be
     * ~5 kB per file, and each checkpoint writes every file); at most four times the configured size.
     */
    static long checkpointBytes(long journalBytes, int logs) {
        return Math.min(4 * journalBytes, Math.max(journalBytes, logs * CHECKPOINT_BYTES_PER_LOG));
    }

    /** One compaction round (see {@link ShapeCompactor}); old generations go after the grace period. */
    void compactShapes() {
        try {
            compactor.tick(List.copyOf(byId.values()), System.nanoTime());
            removeRetired(false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Compaction round failed", e);
        }
    }

    /** Records a compacted shape's new handles in its shape.json, then makes the new handle findable. */
    private void persistHandles(Shape shape, Shape.Generation next) {
        Shape.Generation before = shape.generation();  // still the current one: the swap follows this call
        ShapeMetadata updated = updateMetadata(shape, m -> (m.snapshot() == null ? m.withSnapshot(shape.snapshotXids()) : m)
                .withHandles(next.handle(), next.retiredHandles(), next.compactedTo()));
        if (updated == null) throw new IllegalStateException("shape " + shape.id() + " has no metadata");
        byHandle.put(next.handle(), shape);
        for (String h : before.retiredHandles()) if (!next.retiredHandles().contains(h)) byHandle.remove(h, shape);
    }

    /** Changes a shape's shape.json on disk and in memory (one writer at a time); null if the shape has none. */
    private ShapeMetadata updateMetadata(Shape shape, java.util.function.UnaryOperator<ShapeMetadata> change) {
        synchronized (metadata) {
            ShapeMetadata m = metadata.get(shape.id());
            if (m == null) return null;
            ShapeMetadata updated = change.apply(m);
            AtomicFiles.write(shapesDir.resolve(shape.id()).resolve(ShapeMetadata.FILE), updated.toJson());
            metadata.put(shape.id(), updated);
            return updated;
        }
    }

    /** Invalidates shapes whose table was dropped or whose primary key changed (see {@link CatalogCheck}). */
    void checkCatalog() {
        if (byId.isEmpty()) return;
        try (Connection c = database.borrowQueryConnection()) {
            CatalogCheck.stale(c, List.copyOf(byId.values())).forEach(this::invalidate);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "catalog check skipped", e);
        }
    }

    /** Reopens a shape left by an earlier run; one whose snapshot never completed, or that cannot be read, goes. */
    private void restore(Path dir) {
        try {
            Path file = dir.resolve(ShapeMetadata.FILE);
            ShapeMetadata m = Files.exists(file) ? ShapeMetadata.fromJson(Files.readAllBytes(file)) : null;
            if (m == null || m.snapshot() == null || !m.id().equals(dir.getFileName().toString())) {
                LOG.info(() -> "Removing incomplete shape " + dir.getFileName());
                FileShapeLog.delete(dir);
                return;
            }
            ShapeParams p = m.params();
            ShapeDefinition def = ShapeDefinition.resolve(m.table(), p.columns(), p.replica(), p.log(), p.where(), p.params(),
                    name -> m.subqueryTables().stream().filter(t -> t.name().equals(name)).findFirst()
                            .orElseThrow(() -> new InvalidShapeException("where", "unknown table " + name)));
            Shape shape = new Shape(m.id(), def, FileShapeLog.open(dir, config.chunkBytes()), config.chunkBytes(),
                    layouts.of(def));
            shape.restore(m.snapshot(), m.handle(), m.retiredHandles(), m.compactedTo());
            synchronized (createLock) {
                register(shape, m);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot restore shape " + dir.getFileName() + ", removing it (clients will refetch)", e);
            FileShapeLog.delete(dir);
        }
    }

    /** Every shape goes when the stream does not continue from them: changes since their last offsets are lost. */
    void onSlotReset(@Observes SlotReset event) {
        List<Shape> all = List.copyOf(byId.values());
        if (!all.isEmpty()) LOG.warning(() -> "Replication slot " + event.slot() + ": " + event.why() + "; " + all.size() + " shapes invalidated");
        for (Shape s : all) invalidate(s, "replication slot " + event.slot() + ": " + event.why());
    }

    /** The shape for a request's definition, created (with its snapshot started) when missing. */
    public Shape getOrCreate(ShapeParams params) {
        String requestKey = params.requestKey();
        Shape known = byRequest.get(requestKey);
        if (known != null && known.status() != Shape.Status.INVALIDATED) return known;
        QualifiedName name = QualifiedName.parse(params.table());
        try (Connection c = database.borrowQueryConnection()) {
            ShapeDefinition def = resolve(c, name, params);
            Shape shape;
            synchronized (createLock) {
                shape = byIdentity.get(def.identity());
                if (shape == null || shape.status() == Shape.Status.INVALIDATED) {
                    rejectKnownFailure(def);
                    if (def.where() != null) validateInPostgres(c, def);
                    boolean manual = config.manualPublishing();
                    TablePublisher.ensurePublished(c, config.publicationName(), def.table(), manual);
                    for (TableInfo inner : def.subqueryTables()) {
                        TablePublisher.ensurePublished(c, config.publicationName(), inner, manual);
                    }
                    shape = create(def, params);
                }
            }
            byRequest.put(requestKey, shape);
            return shape;
        } catch (SQLException e) {
            throw new ShapeUnavailableException("Database is unreachable: " + e.getMessage(), e);
        }
    }

    private static ShapeDefinition resolve(Connection c, QualifiedName name, ShapeParams p) throws SQLException {
        TableInfo table = TableCatalog.load(c, name);
        return ShapeDefinition.resolve(table, p.columns(), p.replica(), p.log(), p.where(), p.params(), q -> {
            try {
                return TableCatalog.load(c, q);
            } catch (SQLException e) {
                throw new ShapeUnavailableException("Database is unreachable: " + e.getMessage(), e);
            }
        });
    }

    private Shape create(ShapeDefinition def, ShapeParams params) {
        String handle = newHandle(def);
        Path dir = shapesDir.resolve(handle);
        FileShapeLog log = FileShapeLog.open(dir, config.chunkBytes());
        Shape shape = new Shape(handle, def, log, config.chunkBytes(), layouts.of(def));
        shape.useJournal(journal);
        shape.onSnapshotChunk(() -> advanced.fire(new ShapeLogAdvanced(shape.id())));
        ShapeMetadata m = new ShapeMetadata(handle, params, def.table(), def.subqueryTables(), null);
        AtomicFiles.write(dir.resolve(ShapeMetadata.FILE), m.toJson());
        register(shape, m);
        LOG.info(() -> "Shape " + handle + " created for " + def.table().name() + " columns " + def.columns());
        evictBeyondLimit(shape);
        executor.submit(() -> snapshot(shape));
        return shape;
    }

    /**
     * With more shapes than {@code sync.shapes.max}, the least recently requested ones go (their clients get 409
     * and refetch). A scan over the shapes per creation beyond the limit: creations are rare next to requests.
     */
    private void evictBeyondLimit(Shape created) {
        long max = config.maxShapes();
        if (max <= 0 || byId.size() <= max) return;
        for (Shape s : lruVictims(byId.values(), created, max)) {
            invalidate(s, "evicted: more than " + max + " shapes, this one least recently used");
        }
    }

    /** The least recently used shapes beyond {@code max}, never {@code keep}. */
    static List<Shape> lruVictims(Collection<Shape> shapes, Shape keep, long max) {
        List<Shape> candidates = new ArrayList<>(shapes);
        candidates.remove(keep);
        candidates.sort((a, b) -> Long.signum(a.lastUsedNanos() - b.lastUsedNanos()));
        long excess = shapes.size() - max;
        return excess <= 0 ? List.of() : List.copyOf(candidates.subList(0, (int) Math.min(excess, candidates.size())));
    }

    /** Makes a shape findable and routable (under the creation lock). */
    private void register(Shape shape, ShapeMetadata m) {
        ShapeDefinition def = shape.definition();
        metadata.put(shape.id(), m);
        byId.put(shape.id(), shape);
        byHandle.put(shape.handle(), shape);
        for (String h : m.retiredHandles()) byHandle.put(h, shape);
        byIdentity.put(def.identity(), shape);
        byRelation.computeIfAbsent(def.table().oid(), k -> new TableRoutes()).add(shape, routingHint(def));
        for (TableInfo inner : def.subqueryTables()) {
            if (inner.oid() != def.table().oid()) byRelation.computeIfAbsent(inner.oid(), k -> new TableRoutes()).add(shape, IndexHint.NONE);
        }
    }

    /** The where clause's hint; none when a subquery reads the shape's own table (every change may matter). */
    private static IndexHint routingHint(ShapeDefinition def) {
        if (def.where() == null) return IndexHint.NONE;
        for (TableInfo inner : def.subqueryTables()) if (inner.oid() == def.table().oid()) return IndexHint.NONE;
        return def.where().indexHint();
    }

    private String newHandle(ShapeDefinition def) {
        long micros = lastHandleMicros.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis() * 1000));
        return Integer.toUnsignedString(def.identity().hashCode() & 0x7FFFFFFF) + "-" + micros;
    }

    private void snapshot(Shape shape) {
        try (Connection c = database.borrowQueryConnection()) {
            Snapshotter.run(shape, c, metrics);
            updateMetadata(shape, m -> m.withSnapshot(shape.snapshotXids()));
            advanced.fire(new ShapeLogAdvanced(shape.id()));
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Snapshot of shape " + shape.handle() + " failed", e);
            if (e instanceof SQLException sql && sqlState(sql).startsWith("22")) {
                // the clause raises on the table's data (division by zero, overflow, ...): retrying cannot help
                failedDefinitions.put(shape.definition().identity(),
                        new Failure("the snapshot query failed in Postgres: " + sql.getMessage(), System.nanoTime()));
            }
            invalidate(shape, "snapshot failed: " + e.getMessage());
        }
    }

    private static String sqlState(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    /** Postgres refused the clause itself: a data exception (22xxx) or a syntax/access rule (42xxx). */
    private static boolean rejectedClause(SQLException e) {
        String state = sqlState(e);
        return state.startsWith("22") || state.startsWith("42");
    }

    private record Failure(String message, long atNanos) {
    }

    /** A definition whose snapshot failed on its data in the last minute is a 400, not an endless 409 loop. */
    private void rejectKnownFailure(ShapeDefinition def) {
        Failure f = failedDefinitions.get(def.identity());
        if (f == null) return;
        if (System.nanoTime() - f.atNanos() > 60_000_000_000L) {
            failedDefinitions.remove(def.identity(), f);
            return;
        }
        throw new InvalidShapeException("where", f.message());
    }

    /**
     * Lets Postgres parse the canonical clause once: constants it coerces itself (an enum label the type does not
     * have) fail here as a 400 instead of in the snapshot.
     */
    private static void validateInPostgres(Connection c, ShapeDefinition def) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("EXPLAIN SELECT 1 FROM " + def.table().name().sql() + " WHERE " + def.where().canonicalSql());
        } catch (SQLException e) {
            if (rejectedClause(e)) {
                throw new InvalidShapeException("where", "Postgres rejected the clause: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Runs a subset snapshot on a fresh connection; Postgres' data errors become a 400 on the subset's where. */
    public byte[] runSubset(SubsetQuery query) {
        try (Connection c = database.borrowQueryConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            if (rejectedClause(e)) throw new InvalidShapeException("subset.where", e.getMessage());
            throw new ShapeUnavailableException("Database is unreachable: " + e.getMessage(), e);
        }
    }

    public Optional<Shape> byHandle(String handle) {
        return Optional.ofNullable(byHandle.get(handle));
    }

    /** A live shape by its id (its first handle, which compactions do not change). */
    public Optional<Shape> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Shape> shapes() {
        return byId.values();
    }

    /** The parameters a live shape was first requested with (where clause and params as given); empty once it went. */
    public Optional<ShapeParams> params(Shape shape) {
        ShapeMetadata m = metadata.get(shape.id());
        return m == null ? Optional.empty() : Optional.of(m.params());
    }

    /** Commit LSN of the last transaction processed: every change up to it is in the shape logs, visible to readers. */
    public long lastProcessedLsn() {
        return lastProcessedLsn;
    }

    public void invalidate(Shape shape, String reason) {
        if (!shape.invalidate()) return;
        Shape.Generation g = shape.generation();  // final: compactions need a live shape
        byHandle.remove(g.handle(), shape);
        for (String h : g.retiredHandles()) byHandle.remove(h, shape);
        byId.remove(shape.id(), shape);
        byIdentity.remove(shape.definition().identity(), shape);
        byRequest.values().removeIf(s -> s == shape);
        synchronized (createLock) {
            TableRoutes routes = byRelation.get(shape.definition().table().oid());
            if (routes != null) routes.remove(shape);
            for (TableInfo inner : shape.definition().subqueryTables()) {
                TableRoutes r = byRelation.get(inner.oid());
                if (r != null) r.remove(shape);
            }
        }
        LOG.info(() -> "Shape " + shape.handle() + " invalidated: " + reason);
        invalidated.fire(new ShapeInvalidated(shape.id(), reason));
        // without shape.json a restart removes the directory; the log itself goes after a grace period, so that
        // responses already streaming from it complete instead of ending mid-body
        synchronized (metadata) {  // no snapshot or compaction writes it back afterwards
            metadata.remove(shape.id());
            try {
                Files.deleteIfExists(shapesDir.resolve(shape.id()).resolve(ShapeMetadata.FILE));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot remove the metadata of invalidated shape " + shape.handle(), e);
            }
        }
        retired.add(new Retired(shape, System.nanoTime()));
        removeRetired(false);
    }

    private record Retired(Shape shape, long atNanos) {
    }

    private record RetiredLog(FileShapeLog log, long atNanos) {
    }

    /** Closes and deletes the logs of shapes invalidated more than the grace period ago (all of them when asked). */
    private void removeRetired(boolean all) {
        for (Retired r = retired.peek(); r != null && (all || System.nanoTime() - r.atNanos() > RETIRE_GRACE_NANOS); r = retired.peek()) {
            if (!retired.remove(r)) continue;
            r.shape().closeLog();
            FileShapeLog.delete(shapesDir.resolve(r.shape().id()));
        }
        for (RetiredLog r = retiredLogs.peek(); r != null && (all || System.nanoTime() - r.atNanos() > RETIRE_GRACE_NANOS);
                r = retiredLogs.peek()) {
            if (!retiredLogs.remove(r)) continue;
            try {
                r.log().close();
                if (!all) r.log().deleteFile();  // at shutdown the next start removes it
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot remove a replaced log generation", e);
            }
        }
    }

    // ---- replication thread ----

    void onTransaction(@Observes TransactionCommitted event) {
        Transaction tx = event.transaction();
        long lsn = tx.commitLsn().value();
        if (lsn != partLsn) startTransaction(lsn);
        Map<Shape, List<IndexedChange>> routed = new LinkedHashMap<>(routedCapacity(tx.changes().size()));
        routeAll(tx.changes(), partN, routed);
        for (Shape s : partShapes) routed.computeIfAbsent(s, k -> new ArrayList<>());  // commit what parts began
        if (routed.size() > 1) {
            long w = 0;
            for (Shape s : routed.keySet()) w ^= s.warm();  // their cache misses overlap here, not one by one below
            warmed = w;
        }
        for (Map.Entry<Shape, List<IndexedChange>> e : routed.entrySet()) {
            Shape shape = e.getKey();
            try {
                if (shape.offer(tx, e.getValue())) {
                    // the rest is in the journal, which the flusher forces anyway; asked now, while the shape is in cache
                    if (shape.needsForce()) touched.add(shape);
                    unannounced.add(shape);  // readers see it once the journal writes it out
                }
            } catch (ChangeEncoder.ColumnMissingException | ChangeEncoder.FilterFailedException
                     | SubqueryTracker.ResultChangedException ex) {
                invalidate(shape, ex.getMessage());
            }
        }
        partShapes.clear();
        partN = 0;
        partLsn = -1;
        processedLsn = lsn;
        // at once for a lone transaction; during a burst at most every WRITE_OUT_NANOS, and at the batch's end
        if (System.nanoTime() - writtenOutNanos >= WRITE_OUT_NANOS) writeOut();
    }

    /** Writes the journal out, so readers see what was appended, and wakes the requests waiting on those shapes. */
    private void writeOut() {
        journal.writeOut();
        writtenOutNanos = System.nanoTime();
        lastProcessedLsn = processedLsn;
        for (Shape s : unannounced) advanced.fire(new ShapeLogAdvanced(s.id()));
        unannounced.clear();
    }

    /** A map size that holds one shape per change without rehashing (at most 1 024 up front). */
    private static int routedCapacity(int changes) {
        return Math.min(changes, 1024) * 4 / 3 + 1;
    }

    /** A full part of a long transaction: routed and appended now, committed with the transaction. */
    void onPart(@Observes TransactionPartReceived event) {
        TransactionPart part = event.part();
        long lsn = part.commitLsn().value();
        if (part.first() || lsn != partLsn) startTransaction(lsn);
        Map<Shape, List<IndexedChange>> routed = new LinkedHashMap<>();
        partN = routeAll(part.changes(), partN, routed);
        for (Map.Entry<Shape, List<IndexedChange>> e : routed.entrySet()) {
            Shape shape = e.getKey();
            partShapes.add(shape);
            try {
                shape.offerPart(part.xid(), lsn, e.getValue());
            } catch (ChangeEncoder.ColumnMissingException | ChangeEncoder.FilterFailedException
                     | SubqueryTracker.ResultChangedException ex) {
                invalidate(shape, ex.getMessage());
            }
        }
    }

    /** A transaction begins: what an interrupted one (cut by a reconnect, sent again) left uncommitted goes. */
    private void startTransaction(long lsn) {
        for (Shape s : partShapes) s.discardOpenTransaction();
        partShapes.clear();
        partN = 0;
        partLsn = lsn;
    }

    /** Routes row changes numbered from {@code n} (op offset 2n); handles truncation and schema changes. */
    private long routeAll(List<Change> changes, long n, Map<Shape, List<IndexedChange>> routed) {
        for (Change change : changes) {
            if (change instanceof RowInserted r) {
                route(routed, r.relation(), r.row(), n++, change);
            } else if (change instanceof RowUpdated u) {
                Row now = u.oldRow() == null ? u.newRow() : u.newRow().withUnchangedFrom(u.oldRow());
                if (u.oldRow() != null) route(routed, u.relation(), u.oldRow(), n, change);
                route(routed, u.relation(), now, n++, change);
            } else if (change instanceof RowDeleted d) {
                route(routed, d.relation(), d.oldRow(), n++, change);
            } else if (change instanceof TablesTruncated t) {
                for (Relation r : t.relations()) invalidateAll(r.relationId(), "table " + r.namespace() + "." + r.name() + " truncated");
            } else if (change instanceof RelationChanged rc) {
                checkRelation(rc.previous(), rc.current());
            }
        }
        return n;
    }

    private void route(Map<Shape, List<IndexedChange>> routed, Relation relation, Row row, long n, Change change) {
        TableRoutes routes = byRelation.get(relation.relationId());
        if (routes == null) return;
        routes.candidates(relation, row, s -> {
            List<IndexedChange> list = routed.computeIfAbsent(s, k -> new ArrayList<>());
            if (list.isEmpty() || list.get(list.size() - 1).n() != n) list.add(new IndexedChange(n, change));
        });
    }

    private void invalidateAll(int relationId, String reason) {
        TableRoutes routes = byRelation.get(relationId);
        if (routes != null) for (Shape s : List.copyOf(routes.shapes())) invalidate(s, reason);
    }

    /** A relation message with a different column set: shapes that lose a selected column, or select all, go. */
    /**
     * Whether a column the shape selects or filters on has another type or modifier than when the shape was made
     * (ALTER COLUMN ... TYPE): compared with the catalog's {@code atttypid}/{@code atttypmod} kept in the definition.
     */
    private static boolean retyped(Relation relation, ShapeDefinition def) {
        java.util.Set<String> used = new java.util.HashSet<>(def.columns());
        if (def.where() != null) used.addAll(def.where().columns());
        for (String name : used) {
            ColumnInfo known = def.table().column(name);
            int i = relation.columnIndex(name);
            if (known == null || i < 0 || known.typeOid() == 0) continue;
            Relation.Column now = relation.column(i);
            if (known.typeOid() != now.typeOid() || known.typeModifier() != now.typeModifier()) return true;
        }
        return false;
    }

    private void checkRelation(Relation previous, Relation relation) {
        TableRoutes routes = byRelation.get(relation.relationId());
        if (routes == null) return;
        List<String> names = relation.columns().stream().map(Relation.Column::name).toList();
        for (Shape s : List.copyOf(routes.shapes())) {
            ShapeDefinition def = s.definition();
            if (def.table().oid() != relation.relationId()) {
                if (previous != null && !previous.columns().equals(relation.columns())) {
                    invalidate(s, "the schema of " + relation.qualifiedName() + ", read by a subquery, changed");
                }
                continue;
            }
            boolean allColumns = def.columns().size() == def.table().columns().size();
            boolean missing = !names.containsAll(def.columns())
                    || (def.where() != null && !names.containsAll(def.where().columns()));
            boolean renamed = !def.table().name().equals(new QualifiedName(relation.namespace(), relation.name()));
            if (missing || renamed || (allColumns && names.size() != def.columns().size()) || retyped(relation, def)) {
                invalidate(s, "the schema of " + def.table().name() + " changed" + (renamed ? " (renamed to "
                        + relation.qualifiedName() + ")" : ""));
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void close() {
        if (flusher != null) flusher.stop();  // what the journal has not written out is sent again by Postgres
        removeRetired(true);
        if (journal != null) journal.close();
    }

    /** A batch is written: its logs are forced by the flusher thread, which then acknowledges its end (group commit). */
    void onBatch(@Observes BatchDelivered event) {
        removeRetired(false);
        writeOut();
        flusher.submit(new ArrayList<>(touched), event.endLsn());
        touched.clear();
    }
}
