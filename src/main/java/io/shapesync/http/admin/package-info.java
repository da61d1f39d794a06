/**
 * The admin API under {@code /v1/admin}: the shapes (definition, log size and offset, parked clients) with paging,
 * deleting a shape as {@code DELETE /v1/shape} does, and the replication slot's status read from
 * {@code pg_replication_slots} on a short-lived query connection. Requests run on the container's request threads;
 * nothing here runs on, or waits for, the replication thread. Access control ({@code shapesync-admin}) is the web
 * module's security constraint, not code here.
 */
package io.shapesync.http.admin;
