#!/usr/bin/env python3
"""Initial sync (benchmark 3): a shape over a whole N-row table through the HTTP API, against
`COPY (SELECT * FROM t) TO STDOUT` through pgjdbc's CopyManager, with ShapeSync's heap sampled during the sync.

    bench/run-initial-sync.py [--rows 1000000,250000] [--copy-runs 3]

Needs the WAR deployed once: `mvn -o -q package liberty:create liberty:deploy -DskipTests` in this work tree.
Starts a private Postgres in /tmp/shapesync-init-pg (wiped), ShapeSync on 127.0.0.1:3030 (data in
/tmp/shapesync-init-data, wiped) and stops both at the end. Clients: bench/initsync/InitSync.java, compiled with
javac against pgjdbc from ~/.m2 into /tmp/shapesync-init-work/classes.

For each table size N (table `init_N`: int8 id, text name ~40 B, int4 qty, timestamptz, text tag; ~100 B per row
in COPY text):
  1. COPY: one untimed run (page cache), then --copy-runs timed runs in fresh JVMs; the best is the reference.
  2. cold: GET table=init_N&offset=-1 (creates the shape: snapshot query), then offset/handle chunk by chunk until
     up-to-date; every body read fully, rows counted (must equal N). Wall time from the first request.
  3. warm: the same from offset=-1 again, same shape: served from the shape log.
Ratio = ShapeSync rows/s / COPY rows/s. `snap s`: the cold run's snapshot time as ShapeSync logged it (Snapshotter). Heap: `jstat -gc PID 200` during each sync; `base` = heap used after a
full GC before the sync, `peak` = max heap used (young + old, garbage included), `old peak` = max old-generation
use (G1 puts the 10 MB chunk buffers there as humongous objects), `after GC` = heap used after a full GC at the end.
"""
import argparse, datetime, http.client, json, os, re, shutil, statistics, subprocess, sys, threading, time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from benchlib import log, sh, psql, server_pid, stop_server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGDIR = "/tmp/shapesync-init-pg"
DATADIR = "/tmp/shapesync-init-data"
WORK = "/tmp/shapesync-init-work"
HOST, PORT = "127.0.0.1", 3030
SERVER_DIR = os.path.join(ROOT, "target/liberty/wlp/usr/servers/shapesync")


def pgjdbc_jar():
    d = os.path.expanduser("~/.m2/repository/org/postgresql/postgresql")
    vs = sorted((v for v in os.listdir(d) if v.startswith("42.7.")), key=lambda v: [int(x) for x in v.split(".")])
    return os.path.join(d, vs[-1], "postgresql-%s.jar" % vs[-1])


def compile_client():
    classes = os.path.join(WORK, "classes")
    os.makedirs(classes, exist_ok=True)
    sh("javac -d %s -cp %s %s/bench/initsync/InitSync.java" % (classes, pgjdbc_jar(), ROOT))
    return classes + ":" + pgjdbc_jar()


def client(cp, *args):
    r = subprocess.run(["java", "-Xmx1g", "-cp", cp, "InitSync"] + list(args), text=True, capture_output=True)
    if r.returncode:
        raise RuntimeError("InitSync %s: %s" % (args[0], r.stderr.strip()[-2000:]))
    return json.loads(r.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------------- server
def start_server(url, heap):
    # DELETE /v1/shape is opt-in: the script deletes the shape between repeats
    benchlib.start_server(HOST, PORT, dict(DATABASE_URL=url, SYNC_DATA_DIR=DATADIR, SYNC_LONGPOLL_TIMEOUT="40000",
                                           SYNC_DELETE_ENABLED="true"), heap)


def healthy():
    return benchlib.healthy(HOST, PORT)


heap_after_gc = benchlib.heap_after_gc


def snapshot_seconds(table):
    """The last snapshot time of `table` that ShapeSync logged (Snapshotter: "… N rows in M ms …"), or None."""
    path = os.path.join(SERVER_DIR, "logs", "messages.log")
    found = None
    try:
        with open(path, errors="replace") as f:
            for line in f:
                m = re.search(r'"%s"\): \d+ rows in (\d+) ms' % re.escape(table), line)
                if m:
                    found = int(m.group(1)) / 1000
    except OSError:
        return None
    return found


class HeapSampler:
    """`jstat -gc PID 200`: one long-lived sampler (a jcmd per sample would cost a JVM start on 2 cores)."""

    def __init__(self, pid):
        self.p = subprocess.Popen(["jstat", "-gc", str(pid), "200"], stdout=subprocess.PIPE, text=True)
        self.used, self.old, self.samples = 0, 0, 0
        self.cols = None
        self.t = threading.Thread(target=self.read, daemon=True)
        self.t.start()

    def read(self):
        for line in self.p.stdout:
            f = line.split()
            if not f:
                continue
            if f[0] == "S0C":
                self.cols = f
                continue
            if not self.cols:
                continue
            v = dict(zip(self.cols, (float(x) if re.match(r"^[-\d.]+$", x) else 0.0 for x in f)))
            used = (v.get("S0U", 0) + v.get("S1U", 0) + v.get("EU", 0) + v.get("OU", 0)) * 1024
            self.used = max(self.used, used)
            self.old = max(self.old, v.get("OU", 0) * 1024)
            self.samples += 1

    def stop(self):
        time.sleep(0.3)   # one more sample
        self.p.terminate()
        self.p.wait()
        self.t.join(2)
        return self.used, self.old, self.samples


# ---------------------------------------------------------------------------------------------------- main
def make_table(url, table, n):
    t = time.time()
    psql(url, "DROP TABLE IF EXISTS %s; CREATE TABLE %s (id int8 PRIMARY KEY, name text NOT NULL, qty int4 NOT NULL, "
              "created_at timestamptz NOT NULL, tag text);"
              "INSERT INTO %s SELECT i, 'customer ' || i || ' ' || md5(i::text), ((i::int8 * 7919) %% 100000)::int4, "
              "timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', "
              "(ARRAY['red','green','blue','amber'])[1 + i %% 4] FROM generate_series(1, %d) i"
         % (table, table, table, n))
    psql(url, "VACUUM ANALYZE %s" % table)
    size = int(psql(url, "SELECT pg_table_size('%s')" % table))
    log("%s: %d rows, %.0f MB on disk, created in %.1f s" % (table, n, size / 1e6, time.time() - t))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", default="1000000,250000", help="table sizes, comma-separated (default 1000000,250000)")
    ap.add_argument("--copy-runs", type=int, default=2, help="timed COPY runs per repeat; best kept (default 2)")
    ap.add_argument("--repeat", type=int, default=2, help="repeats per size (shape deleted between; default 2)")
    ap.add_argument("--heap", default="", help="ShapeSync -Xmx override via JVM_ARGS (default: jvm.options, 512m)")
    ap.add_argument("--keep", action="store_true", help="leave Postgres and ShapeSync running at the end")
    a = ap.parse_args()
    sizes = [int(x) for x in a.rows.split(",")]
    if not os.path.exists(os.path.join(SERVER_DIR, "apps")):
        raise SystemExit("deploy first: mvn -o -q package liberty:create liberty:deploy -DskipTests")
    cp = compile_client()

    log("Postgres in %s (wiped)" % PGDIR)
    sh("bash %s/liberty/postgres.sh destroy %s" % (ROOT, PGDIR))
    url = sh("bash %s/liberty/postgres.sh start %s" % (ROOT, PGDIR),
             env=dict(os.environ, PG_FSYNC="off", PG_SYNC_COMMIT="off")).strip().split("=", 1)[1]
    u = urllib.parse.urlparse(url)
    jdbc = "jdbc:postgresql://127.0.0.1:%d/postgres" % u.port
    psql(url, "ALTER SYSTEM SET autovacuum = off")
    psql(url, "SELECT pg_reload_conf()")
    shutil.rmtree(DATADIR, ignore_errors=True)
    os.makedirs(DATADIR)
    rows_out = []
    try:
        for n in sizes:
            make_table(url, "init_%d" % n, n)
        start_server(url, a.heap)
        pid = server_pid()
        # JIT warm-up of the HTTP/snapshot path on a small table (untimed)
        make_table(url, "init_warmup", 50_000)
        for _ in range(2):
            client(cp, "http", "http://%s:%d" % (HOST, PORT), "init_warmup")
        base_url = "http://%s:%d" % (HOST, PORT)
        creds = (u.username or "postgres", u.password or "postgres")
        for n in sizes:
            table = "init_%d" % n
            client(cp, "copy", jdbc, creds[0], creds[1], table)   # untimed: page cache, shared buffers
            for rep in range(a.repeat):
                copies = [client(cp, "copy", jdbc, creds[0], creds[1], table) for _ in range(a.copy_runs)]
                for c in copies:
                    if c["rows"] != n:
                        raise RuntimeError("COPY returned %d rows, expected %d" % (c["rows"], n))
                ref = min(copies, key=lambda c: c["seconds"])
                log("%s COPY: %s (best of %s)" % (table, ref, [c["seconds"] for c in copies]))
                handle = None
                for phase in ("cold", "warm"):
                    base = heap_after_gc(pid)
                    s = HeapSampler(pid)
                    time.sleep(0.5)
                    load = os.getloadavg()[0]
                    urls = os.path.join(WORK, "urls.txt")
                    r = client(cp, "http", base_url, table, urls)
                    peak, old, samples = s.stop()
                    after = heap_after_gc(pid)
                    handle = r["handle"]
                    if r["rows"] != n:
                        raise RuntimeError("%s %s: received %d rows, expected %d" % (table, phase, r["rows"], n))
                    res = dict(rows=n, phase=phase, rep=rep, copy_s=ref["seconds"], copy_mb=ref["bytes"] / 1e6,
                               ss_s=r["seconds"], ss_mb=r["bytes"] / 1e6, requests=r["requests"],
                               first_ms=r["first_ms"], client_cpu=r["cpu"], base=base, peak=peak, old=old,
                               after=after, samples=samples, load=load, curl_s=None,
                               snap_s=snapshot_seconds(table) if phase == "cold" else None)
                    res["ratio"] = ref["seconds"] / r["seconds"]
                    if phase == "warm":
                        # the same URLs with curl (one connection, bodies to /dev/null): is the Java client the limit?
                        args = ["curl", "-s", "--fail"]
                        for line in open(urls).read().split():
                            args += ["-o", "/dev/null", line]
                        t = time.time()
                        subprocess.run(args, check=True)
                        res["curl_s"] = time.time() - t
                    rows_out.append(res)
                    log("%s %s: %.2f s (%d requests, first response %d ms, client CPU %.2f s%s), %.0f MB JSON, "
                        "ratio %.2f, heap base %.0f MB, peak %.0f MB (old %.0f MB, %d samples), after %.0f MB" % (
                            table, phase, r["seconds"], r["requests"], r["first_ms"], r["cpu"],
                            "" if res["curl_s"] is None else ", curl replay %.2f s" % res["curl_s"], r["bytes"] / 1e6,
                            res["ratio"], base / 1e6, peak / 1e6, old / 1e6, samples, after / 1e6))
                if rep + 1 < a.repeat:   # next repeat's cold run creates the shape again
                    c = http.client.HTTPConnection(HOST, PORT, timeout=60)
                    c.request("DELETE", "/v1/shape?table=%s&handle=%s" % (table, handle))
                    resp = c.getresponse()
                    resp.read()
                    if resp.status not in (200, 202, 204):
                        raise RuntimeError("DELETE shape: %d" % resp.status)
                    time.sleep(1)
    finally:
        if not a.keep:
            stop_server()
            sh("bash %s/liberty/postgres.sh stop %s" % (ROOT, PGDIR))
        print_table(rows_out)


def print_table(rs):
    print()
    print("Benchmark 3: initial sync of a whole-table shape over HTTP vs COPY TO STDOUT (pgjdbc), %s, load average %.1f"
          % (datetime.date.today().isoformat(), os.getloadavg()[0]))
    print("(ratio = ShapeSync rows/s / COPY rows/s of the same repeat, target >= 0.5; 1st ms = first response; "
          "cli cpu = client CPU s;")
    print(" curl s = the warm run's URLs replayed by curl, bodies discarded, c.ratio = COPY s / curl s;")
    print(" snap s = the cold run's snapshot time in ShapeSync's log; load = 1-min load average at the start of the run;")
    print(" heap MB = ShapeSync heap used: base after full GC before, peak sampled every 200 ms, old-gen peak, "
          "after full GC)")
    hdr = ("rows", "run", "rep", "COPY r/s", "COPY MB/s", "SS rows/s", "SS MB/s", "ratio", "reqs", "SS s", "1st ms",
           "cli cpu", "curl s", "c.ratio", "snap s", "base", "peak", "old", "after", "load")
    print("%8s %5s %3s %9s %9s %9s %8s %6s %4s %6s %6s %7s %6s %7s %6s %5s %5s %5s %5s %5s" % hdr)
    for r in rs:
        print("%8d %5s %3d %9.0f %9.1f %9.0f %8.1f %6.2f %4d %6.2f %6d %7.2f %6s %7s %6s %5.0f %5.0f %5.0f %5.0f %5.1f" % (
            r["rows"], r["phase"], r["rep"] + 1, r["rows"] / r["copy_s"], r["copy_mb"] / r["copy_s"],
            r["rows"] / r["ss_s"], r["ss_mb"] / r["ss_s"], r["ratio"], r["requests"], r["ss_s"], r["first_ms"],
            r["client_cpu"], "-" if r["curl_s"] is None else "%.2f" % r["curl_s"],
            "-" if r["curl_s"] is None else "%.2f" % (r["copy_s"] / r["curl_s"]),
            "-" if r.get("snap_s") is None else "%.2f" % r["snap_s"], r["base"] / 1e6, r["peak"] / 1e6,
            r["old"] / 1e6, r["after"] / 1e6, r["load"]))
    groups = {}
    for r in rs:
        groups.setdefault((r["rows"], r["phase"]), []).append(r)
    print()
    print("medians over repeats (peak and old: max over repeats)")
    for (n, phase), g in groups.items():
        curl = [x["copy_s"] / x["curl_s"] for x in g if x["curl_s"]]
        print("%8d %5s ratio %.2f%s  %9.0f rows/s  peak %.0f MB  old %.0f MB  after GC %.0f MB  (%d repeats)" % (
            n, phase, statistics.median(x["ratio"] for x in g),
            "  curl ratio %.2f" % statistics.median(curl) if curl else "",
            statistics.median(x["rows"] / x["ss_s"] for x in g), max(x["peak"] for x in g) / 1e6,
            max(x["old"] for x in g) / 1e6, max(x["after"] for x in g) / 1e6, len(g)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
