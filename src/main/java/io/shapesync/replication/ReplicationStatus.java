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
    // backlog (background work): the commit time of the newest transaction handed to the shapes, and when (epoch ms)
    private volatile long lastCommitMillis;
    private volatile long lastProcessedMillis;
    /** Milliseconds from the Unix epoch to the Postgres epoch (2000-01-01 00:00 UTC). */
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;
    /** A transaction handed to the shapes later than this after its commit means the stream has a backlog. */
    static final long BEHIND_MILLIS = 1_000;
    /** The stream has no backlog any more once no transaction came for this long. */
    static final long QUIET_MILLIS = 200;

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
        lastCommitMillis = POSTGRES_EPOCH_MILLIS + Math.floorDiv(commitTimeMicros, 1_000L);
        lastProcessedMillis = System.currentTimeMillis();
    }

    /**
     * Whether the replication thread is working through a backlog: within the last {@link #QUIET_MILLIS} it handed
     * the shapes a transaction that had committed more than {@link #BEHIND_MILLIS} before. Unlike {@link #caughtUp()},
     * which turns true whenever a read finds nothing waiting (as it often does while the walsender is the slower
     * side), this holds for a whole catch-up. Commit times are Postgres's clock: on a host whose clock is more than a
     * second ahead of Postgres's the stream looks behind all the time, which only defers background work to its limit.
     */
    public boolean behind() {
        return behind(System.currentTimeMillis(), lastProcessedMillis, lastCommitMillis);
    }

    static boolean behind(long nowMillis, long processedAtMillis, long commitMillis) {
        return processedAtMillis != 0 && nowMillis - processedAtMillis < QUIET_MILLIS
                && processedAtMillis - commitMillis > BEHIND_MILLIS;
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
