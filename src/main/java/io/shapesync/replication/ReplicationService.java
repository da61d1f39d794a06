package io.shapesync.replication;

import io.shapesync.config.SyncConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the replication slot. Starts the replication thread at deployment and returns at once: deployment never
 * waits for Postgres. Stops it on undeploy.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplicationService {
    private static final Logger LOG = Logger.getLogger(ReplicationService.class.getName());

    @Resource
    private ManagedThreadFactory threadFactory;
    @Inject
    private SyncConfig config;
    @Inject
    private Database database;
    @Inject
    private Event<TransactionCommitted> committed;
    @Inject
    private Event<BatchDelivered> delivered;
    @Inject
    private Event<SlotReset> slotReset;
    @Inject
    private Event<TransactionPartReceived> parts;
    @Inject
    private FlushTracker flushTracker;
    @Inject
    private ReplicationStatus status;

    private ReplicationLoop loop;
    private Thread thread;

    @PostConstruct
    void start() {
        LOG.info(() -> "ShapeSync starting: " + config);
        loop = new ReplicationLoop(database, config.publicationName(), config.slotName(), committed, parts, delivered,
                slotReset, flushTracker, status, new AckRecord(config.dataDir()));
        thread = threadFactory.newThread(loop);
        thread.setName("shapesync-replication");
        thread.start();
    }

    @PreDestroy
    void stop() {
        loop.stop();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) LOG.log(Level.WARNING, "The replication thread did not stop within 10 s");
    }
}
