package io.shapesync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Change;
import io.shapesync.decoding.Lsn;
import io.shapesync.decoding.Relation;
import io.shapesync.decoding.RelationChanged;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.RowDeleted;
import io.shapesync.decoding.RowInserted;
import io.shapesync.decoding.RowUpdated;
import io.shapesync.decoding.TablesTruncated;
import io.shapesync.decoding.Transaction;
import io.shapesync.decoding.TransactionPart;
import io.shapesync.decoding.TupleData;
import io.shapesync.replication.ReplicationStatus;
import io.shapesync.replication.TransactionCommitted;
import io.shapesync.replication.TransactionPartReceived;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counting logic of the MicroProfile implementation, against an in-memory registry of counters. */
class MpSyncMetricsTest {
    /** Counter values by name and tags, e.g. {@code sync.http.responses{code=200}}. */
    private final Map<String, AtomicLong> counters = new TreeMap<>();
    private MpSyncMetrics metrics;

    private MetricRegistry registry() {
        return (MetricRegistry) Proxy.newProxyInstance(MetricRegistry.class.getClassLoader(), new Class<?>[] {MetricRegistry.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("counter") && args[0] instanceof Metadata md) {
                        StringBuilder key = new StringBuilder(md.getName());
                        if (args.length > 1) for (Tag t : (Tag[]) args[1]) key.append('{').append(t.getTagName()).append('=').append(t.getTagValue()).append('}');
                        AtomicLong value = counters.computeIfAbsent(key.toString(), k -> new AtomicLong());
                        return counter(value);
                    }
                    if (m.getName().equals("gauge") || m.getName().equals("timer")) return null;
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static Counter counter(AtomicLong value) {
        return (Counter) Proxy.newProxyInstance(Counter.class.getClassLoader(), new Class<?>[] {Counter.class}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "inc" -> value.addAndGet(args == null ? 1 : (Long) args[0]);
                case "getCount" -> { return value.get(); }
                default -> throw new UnsupportedOperationException(m.getName());
            }
            return null;
        });
    }

    @BeforeEach
    void create() {
        metrics = new MpSyncMetrics(registry(), null, null, new ReplicationStatus(), null, null);
        metrics.register();
    }

    private static final Relation REL = new Relation(16384, "public", "items", 'd', List.of(new Relation.Column(true, "id", 23, -1)));

    private static Row row(String id) {
        return Row.of(TupleData.of(new char[] {'t'}, id));
    }

    @Test
    void shouldCountResponsesByStatusCodeWhenResponded() {
        metrics.responded(200);
        metrics.responded(200);
        metrics.responded(409);
        metrics.responded(42);  // not an HTTP status
        assertEquals(2, counters.get("sync.http.responses{code=200}").get());
        assertEquals(1, counters.get("sync.http.responses{code=409}").get());
        assertEquals(1, counters.get("sync.http.responses{code=other}").get());
    }

    @Test
    void shouldCountRowChangesNotRelationMessagesWhenTransactionsArrive() {
        List<Change> changes = List.of(new RelationChanged(null, REL), new RowInserted(REL, row("1")),
                new RowUpdated(REL, null, false, row("1")), new RowDeleted(REL, row("1"), false),
                new TablesTruncated(List.of(REL), 0));
        assertEquals(3, MpSyncMetrics.rowChanges(changes));

        metrics.onPart(new TransactionPartReceived(new TransactionPart(7, new Lsn(0x100), true,
                List.of(new RowInserted(REL, row("2")), new RowInserted(REL, row("3"))))));
        metrics.onTransaction(new TransactionCommitted(new Transaction(7, new Lsn(0x100), new Lsn(0x130), 0, changes)));
        metrics.onTransaction(new TransactionCommitted(new Transaction(8, new Lsn(0x200), new Lsn(0x230), 0, List.of())));
        assertEquals(2, counters.get("sync.replication.transactions").get());
        assertEquals(5, counters.get("sync.replication.row.changes").get());
    }

    @Test
    void shouldCountSnapshotFailureWhenClosedIncomplete() {
        SnapshotProgress p = metrics.snapshotStarted("public.items", "h-1");
        p.close();
        assertEquals(1, counters.get("sync.snapshot.failures").get());
        assertTrue(SnapshotProgress.totals(List.of(), 0).running() == 0);
    }
}
