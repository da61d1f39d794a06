package io.shapesync.replication;

import jakarta.enterprise.context.ApplicationScoped;

/** What the replication thread is doing, for health and readiness. Written by that thread only. */
@ApplicationScoped
public class ReplicationStatus {
    public enum State { STARTING, WAITING, STREAMING, DISCONNECTED, FAILED, STOPPED }

    private volatile State state = State.STARTING;
    private volatile String detail = "starting";
    private volatile boolean started;

    void set(State state, String detail) {
        this.state = state;
        this.detail = detail;
        if (state == State.STREAMING || state == State.WAITING) started = true;
    }

    /** Whether this instance ever streamed or stood by: start-up is over (a later outage is not a start-up). */
    public boolean started() { return started; }

    public State state() { return state; }

    public String detail() { return detail; }

    public boolean ready() { return state == State.STREAMING; }

    /** Another instance holds the replication lock: this one stands by (spec §14 "waiting"). */
    public boolean waiting() { return state == State.WAITING; }
}
