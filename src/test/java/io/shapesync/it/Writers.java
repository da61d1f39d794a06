package io.shapesync.it;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Background writers doing random 1-3 statement transactions (some rolled back, some slow) on a table. */
final class Writers {
    private final String table;
    private final int idRange;
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger nextId;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;
    private volatile Exception failure;

    Writers(String table, int idRange) {
        this.table = table;
        this.idRange = idRange;
        this.nextId = new AtomicInteger(idRange + 1);
    }

    void start(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::run, "writer-" + i);
            threads.add(t);
            t.start();
        }
    }

    int committed() {
        if (failure != null) throw new IllegalStateException("writer failed", failure);
        return committed.get();
    }

    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) t.join(30_000);
        if (failure != null) throw new IllegalStateException("writer failed", failure);
    }

    private void run() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try (Connection c = PgFixture.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            while (!stopped) {
                int ops = 1 + r.nextInt(3);
                for (int i = 0; i < ops; i++) {
                    int id = 1 + r.nextInt(idRange);
                    switch (r.nextInt(4)) {
                        case 0 -> st.execute("INSERT INTO " + table + " VALUES (" + nextId.getAndIncrement() + ", 'w', 1)");
                        case 1 -> st.execute("DELETE FROM " + table + " WHERE id = " + id);
                        default -> st.execute("UPDATE " + table + " SET title = 'u" + r.nextInt(1000) + "', n = n + 1 WHERE id = " + id);
                    }
                }
                if (r.nextInt(4) == 0) st.execute("SELECT pg_sleep(0.02)");
                if (r.nextInt(10) == 0) {
                    c.rollback();
                } else {
                    c.commit();
                    committed.incrementAndGet();
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }
}
