/**
 * Owns the logical replication slot: {@link io.shapesync.replication.ReplicationService} (a startup singleton EJB)
 * runs {@link io.shapesync.replication.ReplicationLoop} on one managed thread, which provisions the publication
 * and slot, streams pgoutput, assembles transactions and fires one {@link io.shapesync.replication.TransactionCommitted}
 * CDI event per committed transaction, then {@link io.shapesync.replication.BatchDelivered} per batch. It acknowledges
 * to Postgres only what {@link io.shapesync.replication.FlushTracker} reports durable. This package never imports
 * {@code shapes} or {@code http}.
 */
package io.shapesync.replication;
