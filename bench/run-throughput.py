#!/usr/bin/env python3
"""Replication throughput (benchmark 1) and memory per idle shape (benchmark 5): ShapeSync against pg_recvlogical
reading the same pgoutput backlog from WAL, with N shapes `id = k`.

    bench/run-throughput.py [--changes 200000] [--tx-sizes 1,100] [--shapes 0,1000] [--rows 100000] [--repeat 1]

Needs the WAR deployed once: `mvn -o -q package liberty:create liberty:deploy -DskipTests` in this work tree.
Starts a private Postgres in /tmp/shapesync-bench-pg (wiped), ShapeSync on 127.0.0.1:3010 (data in
/tmp/shapesync-bench-data, wiped) and stops both at the end. See bench/README.md for the method.

For each shape count (shapes are created once and kept as the count grows) and each transaction size:
  1. ShapeSync has acknowledged everything; its walsender is frozen with SIGSTOP (ShapeSync keeps its connection,
     shapes, heap and JIT state) and a fresh pgoutput slot `bench_ref` is created on ShapeSync's publication.
  2. The workload is written: CHANGES row updates in transactions of SIZE rows (pgbench), ids spread uniformly
     over the table, then one sentinel transaction. END = WAL insert position after it.
  3. pg_recvlogical drains bench_ref up to END (--endpos, output discarded): wall time from spawn to exit, minus
     its fixed cost on an empty range.
  4. ShapeSync's walsender gets SIGCONT; ShapeSync is timed from then to the moment a live long-poll on the
     sentinel shape returns the sentinel change (everything before it routed and appended to the shape logs);
     `ack` = extra seconds until its slot's confirmed_flush_lsn >= END (fsynced and acknowledged).
Ratio = ShapeSync changes/s / pg_recvlogical changes/s. Benchmark 5: heap used after full GCs (jcmd) per shape.
"""
import argparse, datetime, http.client, json, os, random, re, shutil, signal, statistics, subprocess, sys, threading, time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from benchlib import log, sh, server_pid, stop_server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGDIR = "/tmp/shapesync-bench-pg"
DATADIR = "/tmp/shapesync-bench-data"
HOST, PORT = "127.0.0.1", 3010
SLOT, PUB, REF = "shapesync_slot_default", "shapesync_pub_default", "bench_ref"
SERVER_DIR = os.path.join(ROOT, "target/liberty/wlp/usr/servers/shapesync")


class Pg:
    def __init__(self, url):
        self.url = url
        u = urllib.parse.urlparse(url)
        self.port = u.port
        self.env = dict(os.environ, PGPASSWORD=u.password or "postgres")
        self.conninfo = "host=127.0.0.1 port=%d user=postgres dbname=postgres" % u.port

    def q(self, sql):
        r = subprocess.run(["psql", self.url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], text=True,
                           capture_output=True)
        if r.returncode:
            raise RuntimeError("psql: %s\n%s" % (sql[:200], r.stderr.strip()))
        return r.stdout.strip()

    def lsn(self, sql):
        return lsn_int(self.q(sql))


def lsn_int(text):
    if not text:
        return 0
    hi, lo = text.split("/")
    return (int(hi, 16) << 32) | int(lo, 16)


def lsn_str(v):
    return "%X/%X" % (v >> 32, v & 0xFFFFFFFF)


# ---------------------------------------------------------------------------------------------------- HTTP client
def create_shape(client, k):
    q = "table=bench_items&where=" + urllib.parse.quote("id = %d" % k) + "&offset=-1"
    status, headers, body = client.get(q)
    if status != 200:
        raise RuntimeError("shape id = %d: %s %s" % (k, status, body[:300]))
    return headers.get("electric-handle")


class Sentinel:
    """The shape `table=bench_sentinel`; its live long-poll tells when ShapeSync has routed the last transaction."""

    def __init__(self):
        self.client = http_client()
        self.query = "table=bench_sentinel"
        self.handle, self.offset = None, "-1"
        while True:   # initial sync until up-to-date
            up, changes = self.request(live=False)
            if up:
                break

    def request(self, live):
        q = self.query + "&offset=" + self.offset + ("&handle=" + self.handle if self.handle else "")
        if live:
            q += "&live=true"
        status, headers, body = self.client.get(q)
        if status == 409:
            raise RuntimeError("sentinel shape got 409")
        if status != 200:
            raise RuntimeError("sentinel: %s %s" % (status, body[:300]))
        self.handle, self.offset = headers["electric-handle"], headers["electric-offset"]
        msgs = json.loads(body)
        up = any(m["headers"].get("control") == "up-to-date" for m in msgs)
        return up, sum(1 for m in msgs if "key" in m)

    def wait_change(self, box):
        """Long-polls until a change arrives; stores its arrival time in box['t']."""
        try:
            while True:
                up, changes = self.request(live=True)
                if changes:
                    box["t"] = time.time()
                    # drain to up-to-date so the next cell starts at the head
                    while not up:
                        up, _ = self.request(live=False)
                    return
        except Exception as e:   # reported by the caller
            box["error"] = e


# ---------------------------------------------------------------------------------------------------- server
def start_server(url, heap):
    benchlib.start_server(HOST, PORT, dict(DATABASE_URL=url, SYNC_DATA_DIR=DATADIR,
                                           ELECTRIC_ENABLE_INTEGRATION_TESTING="true"), heap)


def http_client():
    return benchlib.Http(HOST, PORT)


def healthy():
    return benchlib.healthy(HOST, PORT)


heap_used_bytes = benchlib.heap_after_gc


# ---------------------------------------------------------------------------------------------------- pausing
def walsender(pg, slot):
    pid = pg.q("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '%s'" % slot)
    if not pid:
        raise RuntimeError("slot %s has no walsender" % slot)
    return int(pid)


def nudge(pg):
    """A write to an unpublished table: WAL moves, the walsender sends a keepalive, an idle consumer acks."""
    pg.q("INSERT INTO bench_nudge VALUES (now())")


def wait_acked(pg, end, timeout=120):
    t0 = time.time()
    last = 0
    while pg.lsn("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '%s'" % SLOT) < end:
        if time.time() - t0 > timeout:
            raise RuntimeError("ShapeSync did not confirm %s within %d s" % (lsn_str(end), timeout))
        if time.time() - last > 0.5:
            nudge(pg)
            last = time.time()
        time.sleep(0.02)
    return time.time()


# ---------------------------------------------------------------------------------------------------- workload
def write_workload(pg, rows, changes, size, tmp):
    txs = changes // size
    script = os.path.join(tmp, "wl-%d.sql" % size)
    with open(script, "w") as f:
        if size == 1:
            f.write("\\set id random(1, %d)\nUPDATE bench_items SET v = v + 1 WHERE id = :id;\n" % rows)
        else:
            f.write("\\set b random(0, %d)\nUPDATE bench_items SET v = v + 1 WHERE id > :b * %d AND id <= (:b + 1) * %d;\n"
                    % (rows // size - 1, size, size))
    clients = 2 if txs % 2 == 0 and txs >= 2 else 1
    t = time.time()
    out = subprocess.run(["pgbench", "-n", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", "-c", str(clients),
                          "-j", str(clients), "-t", str(txs // clients), "-f", script, "postgres"],
                         env=pg.env, check=True, text=True, capture_output=True).stdout
    done = int(re.search(r"number of transactions actually processed: (\d+)", out).group(1))
    if done != txs:
        raise RuntimeError("pgbench processed %d of %d transactions" % (done, txs))
    pg.q("UPDATE bench_sentinel SET v = v + 1")
    end = pg.lsn("SELECT pg_current_wal_insert_lsn()")
    return txs * size, time.time() - t, end


def recvlogical(pg, end):
    """pg_recvlogical on bench_ref up to END, output discarded; wall seconds from spawn to exit."""
    t = time.time()
    subprocess.run(["pg_recvlogical", "-d", pg.conninfo, "--slot", REF, "--start", "--no-loop",
                    "--endpos", lsn_str(end), "-o", "proto_version=1", "-o", "publication_names=" + PUB,
                    "-f", "-"], env=pg.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.time() - t


def recvlogical_overhead(pg):
    """pg_recvlogical's fixed cost (exec, connect, START_REPLICATION, exit) on an empty range: median of 5."""
    times = []
    for _ in range(5):
        pg.q("SELECT pg_create_logical_replication_slot('%s', 'pgoutput')" % REF)
        nudge(pg)
        times.append(recvlogical(pg, pg.lsn("SELECT pg_current_wal_insert_lsn()")))
        pg.q("SELECT pg_drop_replication_slot('%s')" % REF)
    return statistics.median(times)


def run_cell(pg, sentinel, rows, changes, size, tmp, overhead, jfr=None):
    # ShapeSync has acknowledged everything before (wait_acked): freeze its walsender, connection and JVM stay up
    ss_wal = walsender(pg, SLOT)
    os.kill(ss_wal, signal.SIGSTOP)
    try:
        pg.q("SELECT pg_drop_replication_slot('%s') FROM pg_replication_slots WHERE slot_name = '%s'" % (REF, REF))
        pg.q("SELECT pg_create_logical_replication_slot('%s', 'pgoutput')" % REF)
        start = pg.lsn("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '%s'" % REF)
        pg.q("CHECKPOINT")
        n, write_s, end = write_workload(pg, rows, changes, size, tmp)
        wal_mb = (end - start) / 1e6
        # reference: pg_recvlogical alone, minus its fixed start/exit cost
        ref_s = recvlogical(pg, end) - overhead
        pg.q("SELECT pg_drop_replication_slot('%s')" % REF)
        # ShapeSync alone: same backlog, warm JVM, from the thaw to the sentinel's arrival over a live long-poll
        box = {}
        waiter = threading.Thread(target=sentinel.wait_change, args=(box,), daemon=True)
        waiter.start()
        time.sleep(0.3)   # the long-poll is parked
        if jfr:
            sh("jcmd %d JFR.start name=cell settings=profile filename=%s" % (server_pid(), jfr))
    finally:
        t0 = time.time()
        os.kill(ss_wal, signal.SIGCONT)
    waiter.join(600)
    if jfr:
        sh("jcmd %d JFR.stop name=cell" % server_pid())
        log("JFR of the catch-up: %s" % jfr)
    if "error" in box or "t" not in box:
        raise RuntimeError("sentinel: %s" % box.get("error", "timed out"))
    if walsender(pg, SLOT) != ss_wal:
        raise RuntimeError("ShapeSync reconnected during the cell: the timing is void")
    acked = wait_acked(pg, end)
    return dict(changes=n, write_s=write_s, wal_mb=wal_mb, ref_s=ref_s, ss_s=box["t"] - t0, ack_s=acked - box["t"])


# ---------------------------------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--changes", type=int, default=200_000, help="row changes per cell (default 200000)")
    ap.add_argument("--tx-sizes", default="1,100", help="rows per transaction, comma-separated (default 1,100)")
    ap.add_argument("--shapes", default="0,1000", help="shape counts, ascending (default 0,1000)")
    ap.add_argument("--rows", type=int, default=100_000, help="rows in bench_items (default 100000)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per cell; medians reported (default 1)")
    ap.add_argument("--concurrency", type=int, default=4, help="parallel shape-creating requests (default 4)")
    ap.add_argument("--warmup", type=int, default=100_000, help="untimed changes before the first cell")
    ap.add_argument("--heap", default="", help="ShapeSync -Xmx override via JVM_ARGS (default: jvm.options, 512m)")
    ap.add_argument("--keep", action="store_true", help="leave Postgres and ShapeSync running at the end")
    ap.add_argument("--jfr", default="", help="directory: a JFR profile of each measured catch-up is written there")
    a = ap.parse_args()
    sizes = [int(x) for x in a.tx_sizes.split(",")]
    counts = sorted(int(x) for x in a.shapes.split(","))
    if max(counts) > a.rows:
        raise SystemExit("--shapes above --rows")
    for s in sizes:
        if a.changes % s or a.rows % s:
            raise SystemExit("--changes and --rows must be multiples of every transaction size")
    if not os.path.exists(os.path.join(SERVER_DIR, "apps")):
        raise SystemExit("deploy first: mvn -o -q package liberty:create liberty:deploy -DskipTests")
    tmp = "/tmp/shapesync-bench-work"
    os.makedirs(tmp, exist_ok=True)

    log("Postgres in %s (wiped)" % PGDIR)
    sh("bash %s/liberty/postgres.sh destroy %s" % (ROOT, PGDIR))
    url = sh("bash %s/liberty/postgres.sh start %s" % (ROOT, PGDIR),
             env=dict(os.environ, PG_FSYNC="off", PG_SYNC_COMMIT="off")).strip().split("=", 1)[1]
    pg = Pg(url)
    pg.q("ALTER SYSTEM SET autovacuum = off")
    pg.q("ALTER SYSTEM SET max_wal_size = '8GB'")
    pg.q("ALTER SYSTEM SET checkpoint_timeout = '30min'")
    pg.q("ALTER SYSTEM SET wal_sender_timeout = 0")   # ShapeSync's walsender is frozen while the backlog is written
    pg.q("SELECT pg_reload_conf()")
    pg.q("CREATE TABLE bench_items (id int8 PRIMARY KEY, v int8 NOT NULL, note text NOT NULL);"
         "INSERT INTO bench_items SELECT i, 0, 'row ' || i || ' of the benchmark' FROM generate_series(1, %d) i;"
         "CREATE TABLE bench_sentinel (id int8 PRIMARY KEY, v int8 NOT NULL); INSERT INTO bench_sentinel VALUES (1, 0);"
         "CREATE TABLE bench_nudge (t timestamptz)" % a.rows)
    pg.q("VACUUM ANALYZE bench_items")
    shutil.rmtree(DATADIR, ignore_errors=True)
    os.makedirs(DATADIR)
    results, mem = [], []
    try:
        start_server(url, a.heap)
        pid = server_pid()
        sentinel = Sentinel()   # publishes bench_sentinel
        # bench_items is in the stream even with 0 shapes (what a shape's creation does: publication + FULL)
        pg.q("ALTER TABLE bench_items REPLICA IDENTITY FULL")
        pg.q("DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_publication_tables WHERE pubname = '%s' AND tablename = "
             "'bench_items') THEN ALTER PUBLICATION %s ADD TABLE bench_items; END IF; END$$" % (PUB, PUB))
        wait_acked(pg, pg.lsn("SELECT pg_current_wal_insert_lsn()"))
        overhead = recvlogical_overhead(pg)
        log("pg_recvlogical fixed cost (empty range): %.3f s, subtracted from its times" % overhead)
        if a.warmup:
            log("warm-up: %d changes" % a.warmup)
            for s in sizes:
                run_cell(pg, sentinel, a.rows, max(s, a.warmup // len(sizes) // s * s), s, tmp, overhead)
        base = heap_used_bytes(pid)
        mem.append(dict(shapes=0, heap=base, per=None, create_s=0.0, fds=len(os.listdir("/proc/%d/fd" % pid))))
        log("heap used with 0 shapes (+ sentinel): %.1f MB" % (base / 1e6))
        order = list(range(1, a.rows + 1))
        random.Random(42).shuffle(order)   # shapes spread over the table; counts grow by prefix
        have = 0
        for count in counts:
            if count > have:
                log("creating shapes %d..%d" % (have + 1, count))
                took = benchlib.create_shapes(HOST, PORT, order[have:count], create_shape, a.concurrency)
                have = count
                used = heap_used_bytes(pid)
                mem.append(dict(shapes=count, heap=used, per=(used - base) / count, create_s=took,
                                fds=len(os.listdir("/proc/%d/fd" % pid))))
                log("%d shapes: created in %.1f s (%.0f/s), heap used %.1f MB, %.0f B/shape, fds %d" % (
                    count, took, (count - (mem[-2]["shapes"])) / took, used / 1e6, (used - base) / count,
                    len(os.listdir("/proc/%d/fd" % pid))))
            for s in sizes:
                runs = []
                for r in range(a.repeat):
                    jfr = os.path.join(a.jfr, "shapes%d-tx%d-run%d.jfr" % (count, s, r)) if a.jfr else None
                    res = run_cell(pg, sentinel, a.rows, a.changes, s, tmp, overhead, jfr)
                    runs.append(res)
                    log("shapes=%d rows/tx=%d: write %.1f s, WAL %.0f MB, pg_recvlogical %.2f s, ShapeSync %.2f s "
                        "(+%.2f s to ack), ratio %.2f" % (count, s, res["write_s"], res["wal_mb"], res["ref_s"],
                                                          res["ss_s"], res["ack_s"], res["ref_s"] / res["ss_s"]))
                med = lambda k: statistics.median(x[k] for x in runs)
                results.append(dict(shapes=count, size=s, changes=runs[0]["changes"], ref_s=med("ref_s"),
                                    ss_s=med("ss_s"), ack_s=med("ack_s"),
                                    ratio=statistics.median(x["ref_s"] / x["ss_s"] for x in runs), runs=len(runs)))
    finally:
        if not a.keep:
            stop_server()
            sh("bash %s/liberty/postgres.sh stop %s" % (ROOT, PGDIR))
        print_tables(a, results, mem)


def print_tables(a, results, mem):
    print()
    print("Benchmark 1: replication throughput, same backlog from WAL, %s, %s" % (
        datetime.date.today().isoformat(), "load average %.1f" % os.getloadavg()[0]))
    print("(changes/s = row changes / catch-up seconds; ratio = ShapeSync / pg_recvlogical; target >= 0.8; "
          "ack = extra s until fsynced and confirmed)")
    print("(durable/s = changes / (catch-up + ack); ack includes up to ~1 s of acknowledgement latency)")
    print("%7s %8s %9s %5s %17s %12s %7s %6s %10s" % ("shapes", "rows/tx", "changes", "runs", "pg_recvlogical/s",
                                                     "ShapeSync/s", "ratio", "ack s", "durable/s"))
    for r in results:
        print("%7d %8d %9d %5d %17.0f %12.0f %7.2f %6.2f %10.0f" % (
            r["shapes"], r["size"], r["changes"], r["runs"], r["changes"] / r["ref_s"], r["changes"] / r["ss_s"],
            r["ratio"], r["ack_s"], r["changes"] / (r["ss_s"] + r["ack_s"])))
    print()
    print("Benchmark 5: memory per idle shape (heap used after full GC, minus 0 shapes, / shapes; target <= 10 kB)")
    print("(marginal = heap growth since the previous row / shapes added; create s = time to create those shapes)")
    print("%7s %14s %12s %10s %10s %10s %8s" % ("shapes", "heap used MB", "bytes/shape", "marginal", "create s",
                                               "shapes/s", "JVM fds"))
    prev = None
    for m in mem:
        marginal = "-" if prev is None or m["shapes"] == prev["shapes"] else \
            "%.0f" % ((m["heap"] - prev["heap"]) / (m["shapes"] - prev["shapes"]))
        print("%7d %14.1f %12s %10s %10.1f %10s %8d" % (m["shapes"], m["heap"] / 1e6, "-" if m["per"] is None else
                                                        "%.0f" % m["per"], marginal, m["create_s"],
                                                        "-" if not m["create_s"] else
                                                        "%.0f" % ((m["shapes"] - prev["shapes"]) / m["create_s"]),
                                                        m["fds"]))
        prev = m
    sys.stdout.flush()


if __name__ == "__main__":
    main()
