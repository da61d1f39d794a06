#!/usr/bin/env python3
"""Write->client latency (benchmark 2): one client long-polls one shape among N shapes `id = k`; a writer commits
single-row updates to that shape's row one at a time; per write, the time from sending the statement to the
long-poll response that carries the change, minus the bare commit time.

    bench/run-latency.py [--shapes 1000,8000] [--writes 400] [--interval 0.05] [--bg-rate 1000] [--warmup 50]
                         [--jit-warmup 3000]

Needs the WAR deployed once: `mvn -o -q package liberty:create liberty:deploy -DskipTests` in this work tree.
Starts a private Postgres in /tmp/shapesync-lat-pg (wiped), ShapeSync on 127.0.0.1:3020 (data in
/tmp/shapesync-lat-data, wiped) and stops both at the end. See bench/README.md for the method.

Table lat_items(id int8 primary key, v int8), ROWS rows; shapes `id = k` for k = 1..N (N grows by prefix, shapes
are kept); the measured shape is k = 1. The client follows the official client: offset=-1 until up-to-date, then
live=true with handle, offset and cursor adopted from every response (electric-handle / -offset / -cursor).
The writer is a minimal Postgres wire-protocol client (simple query, Unix socket, trust auth; no driver needed):
    t0       just before `UPDATE lat_items SET v = v + 1 WHERE id = 1 RETURNING v` is sent (autocommit)
    t_commit when ReadyForQuery comes back (committed)
    t_recv   when the long-poll response carrying the change with that v has been read
bare = t_commit - t0, end-to-end = t_recv - t0, added = t_recv - t_commit (the figure against the target:
p50 <= 2 ms, p99 <= 25 ms). One write every INTERVAL s, so each lands on a parked long-poll. With --bg-rate R a
pgbench process meanwhile updates random rows 2..N (other shapes) at R transactions/s (one row each).
All timestamps are time.perf_counter() in this one process.
"""
import argparse, datetime, http.client, json, os, re, shutil, socket, statistics, struct, subprocess, sys, threading, time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from benchlib import log, sh, psql, server_pid, stop_server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGDIR = "/tmp/shapesync-lat-pg"
DATADIR = "/tmp/shapesync-lat-data"
HOST, PORT = "127.0.0.1", 3020
SERVER_DIR = os.path.join(ROOT, "target/liberty/wlp/usr/servers/shapesync")
now = time.perf_counter


# ---------------------------------------------------------------------------------------------------- writer
class Wire:
    """Postgres protocol 3.0, simple query only, over the cluster's Unix socket (trust auth for local)."""

    def __init__(self, sockdir, port, user="postgres", db="postgres"):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(os.path.join(sockdir, ".s.PGSQL.%d" % port))
        params = b"user\0" + user.encode() + b"\0database\0" + db.encode() + b"\0\0"
        self.s.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
        self.buf = b""
        self._until_ready()

    def _msg(self):
        while len(self.buf) < 5 or len(self.buf) < 1 + struct.unpack("!i", self.buf[1:5])[0]:
            chunk = self.s.recv(65536)
            if not chunk:
                raise RuntimeError("postgres closed the connection")
            self.buf += chunk
        n = struct.unpack("!i", self.buf[1:5])[0]
        t, body, self.buf = self.buf[:1], self.buf[5:1 + n], self.buf[1 + n:]
        return t, body

    def _until_ready(self):
        rows, err = [], None
        while True:
            t, body = self._msg()
            if t == b"R" and struct.unpack("!i", body[:4])[0] != 0:
                raise RuntimeError("postgres asks for authentication (expected trust on the Unix socket)")
            if t == b"E":
                err = body
            elif t == b"D":
                cols = struct.unpack("!h", body[:2])[0]
                pos, row = 2, []
                for _ in range(cols):
                    ln = struct.unpack("!i", body[pos:pos + 4])[0]
                    pos += 4
                    row.append(None if ln < 0 else body[pos:pos + ln].decode())
                    pos += max(ln, 0)
                rows.append(row)
            elif t == b"Z":
                if err:
                    raise RuntimeError("postgres: %r" % err)
                return rows

    def query(self, sql):
        q = sql.encode() + b"\0"
        self.s.sendall(b"Q" + struct.pack("!i", 4 + len(q)) + q)
        return self._until_ready()


# ---------------------------------------------------------------------------------------------------- HTTP
def shape_query(k):
    return "table=lat_items&where=" + urllib.parse.quote("id = %d" % k)


def create_shape(client, k):
    status, headers, body = client.get(shape_query(k) + "&offset=-1")
    if status != 200:
        raise RuntimeError("shape id = %d: %s %s" % (k, status, body[:300]))


class Follower:
    """The official client's loop on shape `id = 1`: records the arrival time of every change, keyed by v."""

    def __init__(self):
        self.http = http_client()
        self.q = shape_query(1)
        self.handle, self.offset, self.cursor = None, "-1", None
        self.arrivals = {}            # v -> perf_counter at the end of reading the response
        self.polls = 0
        self.stop = False
        self.error = None
        self.cond = threading.Condition()
        while not self.request(live=False):   # initial sync until up-to-date
            pass

    def request(self, live):
        q = self.q + "&offset=" + self.offset + ("&handle=" + self.handle if self.handle else "")
        if live:
            q += "&live=true&cursor=" + (self.cursor or "")
        status, headers, body = self.http.get(q)
        t = now()
        if status == 409:
            raise RuntimeError("measured shape got 409 (must-refetch)")
        if status != 200:
            raise RuntimeError("long-poll: %s %s" % (status, body[:300]))
        self.handle = headers.get("electric-handle", self.handle)
        self.offset = headers["electric-offset"]
        self.cursor = headers.get("electric-cursor", self.cursor)
        msgs = json.loads(body) if body else []
        with self.cond:
            for m in msgs:
                if "key" in m and "value" in m and m["value"].get("v") is not None:
                    self.arrivals.setdefault(int(m["value"]["v"]), t)
            self.cond.notify_all()
        return any(m["headers"].get("control") == "up-to-date" for m in msgs) or "electric-up-to-date" in headers

    def run(self):
        try:
            while not self.stop:
                self.request(live=True)
                self.polls += 1
        except Exception as e:
            self.error = e
            with self.cond:
                self.cond.notify_all()

    def wait_for(self, v, timeout):
        deadline = time.time() + timeout
        with self.cond:
            while v not in self.arrivals and self.error is None and time.time() < deadline:
                self.cond.wait(0.5)
            return self.arrivals.get(v)


# ---------------------------------------------------------------------------------------------------- server
def start_server(url):
    benchlib.start_server(HOST, PORT, dict(DATABASE_URL=url, SYNC_DATA_DIR=DATADIR, SYNC_LONGPOLL_TIMEOUT="20000"))


def http_client():
    return benchlib.Http(HOST, PORT)


def healthy():
    return benchlib.healthy(HOST, PORT)


# ---------------------------------------------------------------------------------------------------- measuring
def background(pg_port, env, count, rate, seconds):
    """pgbench at RATE tx/s, each updating one random row among the other shapes (2..count)."""
    script = "/tmp/shapesync-lat-bg.sql"
    with open(script, "w") as f:
        f.write("\\set id random(2, %d)\nUPDATE lat_items SET v = v + 1 WHERE id = :id;\n" % count)
    return subprocess.Popen(["pgbench", "-n", "-h", "127.0.0.1", "-p", str(pg_port), "-U", "postgres", "-c", "2",
                             "-j", "2", "-R", str(rate), "-T", str(int(seconds) + 1), "-f", script, "postgres"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def measure(wire, follower, writes, interval, warmup):
    samples, lost = [], 0
    nxt = now()
    for i in range(warmup + writes):
        nxt += interval
        t0 = now()
        rows = wire.query("UPDATE lat_items SET v = v + 1 WHERE id = 1 RETURNING v")
        tc = now()
        v = int(rows[0][0])
        tr = follower.wait_for(v, 30)
        if follower.error:
            raise RuntimeError("follower: %s" % follower.error)
        if tr is None:
            lost += 1
            log("write v=%d: no long-poll response within 30 s" % v)
        elif i >= warmup:
            samples.append((tc - t0, tr - t0, tr - tc))
        delay = nxt - now()
        if delay > 0:
            time.sleep(delay)
        else:
            nxt = now()
    return samples, lost


def http_rtt(follower, n=50):
    """Client + HTTP floor: a non-live request at the shape's head (answered at once, up-to-date), on its own
    connection; median seconds."""
    c, ts = http_client(), []
    q = follower.q + "&handle=" + follower.handle + "&offset=" + follower.offset
    for _ in range(n):
        t = now()
        status, _, _ = c.get(q)
        ts.append(now() - t)
    return statistics.median(ts)


def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


# ---------------------------------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shapes", default="1000,8000", help="shape counts, ascending (default 1000,8000)")
    ap.add_argument("--writes", type=int, default=400, help="measured writes per cell (default 400)")
    ap.add_argument("--warmup", type=int, default=50, help="unmeasured writes before each cell (default 50)")
    ap.add_argument("--jit-warmup", type=int, default=3000,
                    help="unmeasured writes back to back before the first cell, so the first cell does not measure "
                         "the server's JIT compiling the request path (default 3000; 0: none)")
    ap.add_argument("--interval", type=float, default=0.05, help="seconds between writes (default 0.05)")
    ap.add_argument("--bg-rate", type=int, default=1000, help="background updates/s on other shapes; 0: none")
    ap.add_argument("--concurrency", type=int, default=4, help="parallel shape-creating requests (default 4)")
    ap.add_argument("--pg-fsync", action="store_true", help="Postgres with fsync on (default off; synchronous_commit "
                    "is on either way)")
    ap.add_argument("--keep", action="store_true", help="leave Postgres and ShapeSync running at the end")
    a = ap.parse_args()
    counts = sorted(int(x) for x in a.shapes.split(","))
    rows = max(counts)
    if not os.path.exists(os.path.join(SERVER_DIR, "apps")):
        raise SystemExit("deploy first: mvn -o -q package liberty:create liberty:deploy -DskipTests")

    log("Postgres in %s (wiped)" % PGDIR)
    sh("bash %s/liberty/postgres.sh destroy %s" % (ROOT, PGDIR))
    # synchronous_commit stays on: with it off, the commit record waits for the WAL writer (wal_writer_delay, 200 ms)
    # and the walsender only sends flushed WAL, so every change would arrive ~200 ms late (seen in a first run)
    pgenv = dict(os.environ, PG_FSYNC="on" if a.pg_fsync else "off", PG_SYNC_COMMIT="on")
    url = sh("bash %s/liberty/postgres.sh start %s" % (ROOT, PGDIR), env=pgenv).strip().split("=", 1)[1]
    pg_port = urllib.parse.urlparse(url).port
    env = dict(os.environ, PGPASSWORD="postgres")
    psql(url, "ALTER SYSTEM SET autovacuum = off")
    psql(url, "SELECT pg_reload_conf()")
    psql(url, "CREATE TABLE lat_items (id int8 PRIMARY KEY, v int8 NOT NULL);"
              "INSERT INTO lat_items SELECT i, 0 FROM generate_series(1, %d) i" % rows)
    psql(url, "VACUUM ANALYZE lat_items")
    shutil.rmtree(DATADIR, ignore_errors=True)
    os.makedirs(DATADIR)
    results = []
    try:
        start_server(url)
        pid = server_pid()
        create_shape(http_client(), 1)
        follower = Follower()
        threading.Thread(target=follower.run, daemon=True).start()
        wire = Wire(os.path.join(PGDIR, "sock"), pg_port)
        if a.jit_warmup:
            t = now()
            measure(wire, follower, 0, 0.0, a.jit_warmup)
            log("JIT warm-up: %d writes back to back in %.1f s" % (a.jit_warmup, now() - t))
        have = 1
        for count in counts:
            if count > have:
                log("creating shapes %d..%d" % (have + 1, count))
                took = benchlib.create_shapes(HOST, PORT, range(have + 1, count + 1), create_shape, a.concurrency, 32)
                log("%d shapes created in %.1f s (%.0f/s), JVM fds %d" % (
                    count - have, took, (count - have) / took, len(os.listdir("/proc/%d/fd" % pid))))
                have = count
            for bg in ([0, a.bg_rate] if a.bg_rate else [0]):
                proc = None
                if bg:
                    proc = background(pg_port, env, count, bg, (a.warmup + a.writes) * a.interval + 5)
                    time.sleep(2)
                rtt = http_rtt(follower)
                polls0, load = follower.polls, os.getloadavg()[0]
                samples, lost = measure(wire, follower, a.writes, a.interval, a.warmup)
                bg_done = None
                if proc:
                    proc.terminate()
                    out, _ = proc.communicate()
                    m = re.search(r"tps = ([\d.]+)", out or "")
                    bg_done = float(m.group(1)) if m else bg
                r = dict(shapes=count, bg=bg_done or 0, rtt=rtt, n=len(samples), lost=lost, load=load,
                         polls=follower.polls - polls0,
                         bare=[s[0] for s in samples], e2e=[s[1] for s in samples], added=[s[2] for s in samples])
                results.append(r)
                log("shapes=%d bg=%s/s: added p50 %.2f ms p99 %.2f ms (bare p50 %.2f ms), %d polls, lost %d" % (
                    count, r["bg"], pct(r["added"], 50) * 1e3, pct(r["added"], 99) * 1e3, pct(r["bare"], 50) * 1e3,
                    r["polls"], lost))
        follower.stop = True
    finally:
        if not a.keep:
            stop_server()
            sh("bash %s/liberty/postgres.sh stop %s" % (ROOT, PGDIR))
        print_table(a, results)


def print_table(a, results):
    print()
    print("Benchmark 2: write->client latency, one long-polled shape `id = 1` among N, %s, nproc %d, load %.1f" % (
        datetime.date.today().isoformat(), os.cpu_count(), os.getloadavg()[0]))
    print("(ms; bare = commit round trip t_commit-t0; e2e = t_recv-t0; added = t_recv-t_commit per write; "
          "target added p50 <= 2, p99 <= 25)")
    print("(rtt = median non-live GET at the shape's head: the client + HTTP floor included in every added figure)")
    print("(%d writes per row after %d warm-up, one every %.0f ms, after %d JIT warm-up writes before the first row; "
          "bg = background single-row updates/s to other shapes; Postgres fsync %s, synchronous_commit on)" % (
              a.writes, a.warmup, a.interval * 1e3, a.jit_warmup, "on" if a.pg_fsync else "off"))
    print("%6s %6s %4s %5s %5s | %6s %6s | %6s %6s %6s | %6s %6s %6s %7s | %s" % (
        "shapes", "bg/s", "n", "load", "rtt", "bare50", "bare99", "e2e50", "e2e90", "e2e99", "add50", "add90", "add99",
        "addmax", "met"))
    for r in results:
        if not r["n"]:
            continue
        f = lambda k, p: pct(r[k], p) * 1e3
        met = "yes" if f("added", 50) <= 2 and f("added", 99) <= 25 else "NO"
        print("%6d %6.0f %4d %5.1f %5.2f | %6.2f %6.2f | %6.2f %6.2f %6.2f | %6.2f %6.2f %6.2f %7.2f | %s%s" % (
            r["shapes"], r["bg"], r["n"], r["load"], r["rtt"] * 1e3, f("bare", 50), f("bare", 99), f("e2e", 50), f("e2e", 90),
            f("e2e", 99), f("added", 50), f("added", 90), f("added", 99), max(r["added"]) * 1e3, met,
            "" if not r["lost"] else " (%d lost)" % r["lost"]))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
