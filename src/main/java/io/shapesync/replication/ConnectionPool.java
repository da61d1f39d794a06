package io.shapesync.replication;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reuses query connections: opening a Postgres connection (a backend process, authentication, session settings)
 * costs milliseconds, several times the queries a shape creation runs. Unbounded in use, bounded when idle.
 *
 * <p>A borrowed connection is a proxy whose {@code close()} returns the real connection: rolled back if a
 * transaction is open, with autocommit restored, and isolation and read-only if they were set. A connection that threw an
 * {@link SQLException} whose state says the connection broke (class 08, 57P01..03) is closed instead. One idle longer
 * than 50 ms is checked ({@code isValid}) before it is handed out, so a Postgres restart costs no failed request.
 */
final class ConnectionPool {

    private static final Logger LOG = Logger.getLogger(ConnectionPool.class.getName());
    private static final long CHECK_AFTER_IDLE_MILLIS = 50;

    interface Opener {
        Connection open() throws SQLException;
    }

    private record Idle(Connection connection, long sinceMillis) {
    }

    private final Opener opener;
    private final int maxIdle;
    private final long maxIdleMillis;
    // Guarded by this
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;
    private long opened;

    ConnectionPool(Opener opener, int maxIdle, long maxIdleMillis) {
        this.opener = opener;
        this.maxIdle = maxIdle;
        this.maxIdleMillis = maxIdleMillis;
    }

    Connection borrow() throws SQLException {
        for (Idle candidate; (candidate = takeIdle()) != null; ) {
            Connection c = candidate.connection();
            long idleFor = System.currentTimeMillis() - candidate.sinceMillis();
            if (idleFor < CHECK_AFTER_IDLE_MILLIS || isValid(c)) return wrap(c);
            closeQuietly(c);
        }
        Connection c = opener.open();
        synchronized (this) {
            opened++;
        }
        return wrap(c);
    }

    /** Connections opened so far (not reused ones). */
    synchronized long opened() {
        return opened;
    }

    synchronized int idleCount() {
        return idle.size();
    }

    synchronized void close() {
        closed = true;
        idle.forEach(i -> closeQuietly(i.connection()));
        idle.clear();
    }

    private synchronized Idle takeIdle() {
        long now = System.currentTimeMillis();
        // most recently returned first; the stale ones at the other end go
        while (!idle.isEmpty() && now - idle.peekLast().sinceMillis() > maxIdleMillis) {
            closeQuietly(idle.pollLast().connection());
        }
        return idle.pollFirst();
    }

    private void giveBack(Connection c, boolean broken, boolean sessionChanged) {
        if (!broken && reset(c, sessionChanged)) {
            synchronized (this) {
                if (!closed && idle.size() < maxIdle) {
                    idle.addFirst(new Idle(c, System.currentTimeMillis()));
                    return;
                }
            }
        }
        closeQuietly(c);
    }

    private static boolean reset(Connection c, boolean sessionChanged) {
        try {
            if (c.isClosed()) return false;
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (sessionChanged) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setReadOnly(false);
            }
            return true;
        } catch (SQLException e) {
            LOG.log(Level.FINE, "A pooled connection could not be reset; closing it", e);
            return false;
        }
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Closing a pooled connection failed", e);
        }
    }

    /** Whether an error means the connection itself is unusable (Postgres SQLSTATE class 08, admin shutdown). */
    static boolean breaksConnection(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) return true;
            }
        }
        return false;
    }

    private Connection wrap(Connection real) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean returned;
            private boolean broken;
            private boolean sessionChanged;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        if (!returned) {
                            returned = true;
                            giveBack(real, broken, sessionChanged);
                        }
                        return null;
                    case "isClosed":
                        return returned || real.isClosed();
                    case "unwrap":
                        if (args[0] == Connection.class) return proxy;
                        break;
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "setTransactionIsolation", "setReadOnly":
                        sessionChanged = true;
                        break;
                    default:
                        break;
                }
                if (returned) throw new SQLException("This pooled connection was closed", "08003");
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException s && breaksConnection(s)) broken = true;
                    throw cause;
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }
}
