package io.shapesync.replication;

import jakarta.enterprise.context.ApplicationScoped;

/** What the replication thread is doing, for health, readiness and the lag metric. Written by that thread only. */
@ApplicationScoped
public class ReplicationStatus {
    public enum State { STARTING, WAITING, STREAMING, DISCONNECTED, FAILED, STOPPED }

    private volatile State state = State.STARTING;
    private volatile String detail = "starting";
    private volatile boolean started;
    // lag (metrics): whether everything received is handed to the shapes, since when it is not, and the commit
    // time (µs since 2000) of the newest transaction processed since then (0: none)
    private volatile boolean caughtUp;
    private volatile long caughtUpAtMillis = System.currentTimeMillis();
    private volatile long busyCommitMicros;

    void set(State state, String detail) {
        this.state = state;
        this.detail = detail;
        if (state == State.STREAMING || state == State.WAITING) started = true;
        if (state != State.STREAMING) caughtUp(false);
    }

    /** The replication thread has (true) or has not (false) handed every change received to the shapes. */
    void caughtUp(boolean now) {
        if (caughtUp == now) return;
        if (!now) {
            caughtUpAtMillis = System.currentTimeMillis();
            busyCommitMicros = 0;
        }
        caughtUp = now;
    }

    /** A transaction committed at this time (µs since 2000-01-01 UTC) was handed to the shapes. */
    void processed(long commitTimeMicros) {
        busyCommitMicros = commitTimeMicros;
    }

    public boolean caughtUp() { return caughtUp; }

    /** When the thread was last caught up (epoch ms); the deployment time before it ever was. */
    public long caughtUpAtMillis() { return caughtUpAtMillis; }

    /** Commit time (µs since 2000-01-01 UTC) of the newest transaction processed since last caught up; 0: none. */
    public long busyCommitMicros() { return busyCommitMicros; }

    /** Whether this instance ever streamed or stood by: start-up is over (a later outage is not a start-up). */
    public boolean started() { return started; }

    public State state() { return state; }

    public String detail() { return detail; }

    public boolean ready() { return state == State.STREAMING; }

    /** Another instance holds the replication lock: this one stands by (spec §14 "waiting"). */
    public boolean waiting() { return state == State.WAITING; }
}
