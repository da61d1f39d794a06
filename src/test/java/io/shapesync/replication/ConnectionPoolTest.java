package io.shapesync.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reuse, reset and disposal of pooled query connections, against fake connections that record their calls. */
class ConnectionPoolTest {

    /** A fake connection: records calls; "prepareStatement" throws the SQLSTATE in {@code failWith} if set. */
    static final class Fake {
        final List<String> calls = new ArrayList<>();
        boolean autoCommit = true;
        boolean closed;
        String failWith;
        final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    calls.add(name);
                    switch (name) {
                        case "getAutoCommit": return autoCommit;
                        case "setAutoCommit": autoCommit = (Boolean) args[0]; return null;
                        case "isClosed": return closed;
                        case "close": closed = true; return null;
                        case "isValid": return !closed;
                        case "prepareStatement":
                            if (failWith != null) throw new SQLException("failed", failWith);
                            return null;
                        default: return null;
                    }
                });
    }

    private final List<Fake> made = new ArrayList<>();
    private final ConnectionPool pool = new ConnectionPool(() -> {
        Fake f = new Fake();
        made.add(f);
        return f.connection;
    }, 2, 60_000);

    @Test
    void shouldReuseAConnectionWhenItIsClosedAndBorrowedAgain() throws SQLException {
        Connection a = pool.borrow();
        a.close();
        a.close();  // a second close is a no-op, not a second return
        Connection b = pool.borrow();
        assertNotSame(a, b, "each borrow gets its own proxy");
        assertEquals(1, pool.opened());
        assertTrue(a.isClosed());
        assertFalse(b.isClosed());
        assertThrows(SQLException.class, () -> a.prepareStatement("SELECT 1"), "a returned proxy is dead");
        b.prepareStatement("SELECT 1");
        assertEquals(1, made.get(0).calls.stream().filter("prepareStatement"::equals).count());
        b.close();
    }

    @Test
    void shouldRollBackAndRestoreSettingsWhenATransactionWasLeftOpen() throws SQLException {
        Connection c = pool.borrow();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.close();
        Fake f = made.get(0);
        assertTrue(f.calls.contains("rollback"));
        assertTrue(f.autoCommit);
        assertEquals("setTransactionIsolation", f.calls.get(f.calls.lastIndexOf("setTransactionIsolation")));
        assertFalse(f.closed);
        assertEquals(1, pool.idleCount());
    }

    @Test
    void shouldCloseAConnectionWhenItBrokeOrWhenTheIdleListIsFull() throws SQLException {
        Connection broken = pool.borrow();
        made.get(0).failWith = "08006";
        assertThrows(SQLException.class, () -> broken.prepareStatement("SELECT 1"));
        broken.close();
        assertTrue(made.get(0).closed, "a connection failure is not pooled");
        Connection dataError = pool.borrow();
        made.get(1).failWith = "22012";
        assertThrows(SQLException.class, () -> dataError.prepareStatement("SELECT 1/0"));
        dataError.close();
        assertFalse(made.get(1).closed, "a data error leaves the connection usable");

        Connection x = pool.borrow();
        Connection y = pool.borrow();
        Connection z = pool.borrow();
        x.close();
        y.close();
        z.close();
        assertEquals(2, pool.idleCount());
        assertEquals(2, made.stream().filter(f -> f.closed).count(), "the broken one and the third idle one");
    }

    @Test
    void shouldCloseIdleConnectionsWhenThePoolCloses() throws SQLException {
        Connection c = pool.borrow();
        c.close();
        pool.close();
        assertTrue(made.get(0).closed);
        Connection d = pool.borrow();
        d.close();
        assertTrue(made.get(1).closed, "nothing is pooled after close");
    }

    @Test
    void shouldTreatConnectionClassAndShutdownStatesAsBroken() {
        assertTrue(ConnectionPool.breaksConnection(new SQLException("x", "08001")));
        assertTrue(ConnectionPool.breaksConnection(new SQLException("x", "57P01")));
        assertFalse(ConnectionPool.breaksConnection(new SQLException("x", "42601")));
        assertFalse(ConnectionPool.breaksConnection(new SQLException("x")));
    }
}
