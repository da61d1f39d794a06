package io.shapesync.replication;

/** Replication cannot go on as configured (missing prerequisites, bad credentials, database not found). */
public final class ReplicationException extends RuntimeException {
    private final boolean fatal;

    public ReplicationException(String message, boolean fatal, Throwable cause) {
        super(message, cause);
        this.fatal = fatal;
    }

    public boolean fatal() { return fatal; }
}
