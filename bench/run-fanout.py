#!/usr/bin/env python3
"""Fan-out (benchmark 4): N concurrent long-polling clients on one shape, one write per second; delivery latency
(receive - commit) p50/p99/max, completeness, ShapeSync heap and threads, the generator's CPU; optionally through
the shipped nginx (liberty/nginx/) with request collapsing.

    bench/run-fanout.py [--clients 1000,10000] [--nginx-clients 10000] [--writes 40] [--jfr /tmp/fan-%d.jfr]

Needs the WAR deployed once: `mvn -o -q package liberty:create liberty:deploy -DskipTests` in this work tree.
Starts a private Postgres in /tmp/shapesync-fan-pg (wiped), ShapeSync on 127.0.0.1:3040 (data in
/tmp/shapesync-fan-data, wiped), nginx on 127.0.0.1:3041 (folder /tmp/shapesync-fan-nginx, wiped) when
--nginx-clients is given, and stops all of them at the end.

Shape: `table=fan_items` (5 rows). The load generator is bench/fanout/FanoutClients.java (compiled with javac into
/tmp/shapesync-fan-gen): one NIO selector thread, N keep-alive HTTP/1.1 connections, each in the official client's
live loop (adopts electric-offset / -cursor / -handle, re-polls at once). All clients start at the shape's head.
The writer (this process, Postgres wire protocol on the Unix socket, autocommit, synchronous_commit on) runs
`UPDATE fan_items SET v = v + 1 WHERE id = 1 RETURNING v` once a second and takes t_commit = time.time() when
ReadyForQuery arrives; the generator stamps each change's v with the wall clock when the response carrying it has
been read. latency = t_recv - t_commit over every (client, change) pair; "delivered" checks that every client got
every change. Heap: jstat -gc every second (S0U+S1U+EU+OU, peak) and after two full GCs (jcmd GC.run) with the N
clients still parked. Threads: /proc/<pid>/status (peak). CPU: utime+stime over the measured window.
"""
import argparse, datetime, http.client, importlib.util, json, os, re, resource, shutil, subprocess, sys, threading, time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGDIR = "/tmp/shapesync-fan-pg"
DATADIR = "/tmp/shapesync-fan-data"
NGINXDIR = "/tmp/shapesync-fan-nginx"
GENDIR = "/tmp/shapesync-fan-gen"
HOST, PORT, NGINX_PORT = "127.0.0.1", 3040, 3041
SERVER_DIR = os.path.join(ROOT, "target/liberty/wlp/usr/servers/shapesync")
QUERY = "table=fan_items"

# the writer (Wire), server start/stop and helpers are the latency benchmark's, pointed at this port and data dir
_spec = importlib.util.spec_from_file_location("run_latency", os.path.join(ROOT, "bench/run-latency.py"))
lat = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lat)
lat.PORT, lat.DATADIR, lat.PGDIR = PORT, DATADIR, PGDIR
log, sh, psql = lat.log, lat.sh, lat.psql


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def get(port, query):
    c = http.client.HTTPConnection(HOST, port, timeout=60)
    c.request("GET", "/v1/shape?" + query)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def head(port):
    """Initial sync (offset=-1, then following until up-to-date): the shape's handle and head offset."""
    handle, offset = None, "-1"
    deadline = time.time() + 90
    while True:
        status, h, body = get(port, QUERY + "&offset=" + offset + ("&handle=" + handle if handle else ""))
        if status == 503 and time.time() < deadline:
            # the previous cell's parked long-polls still count until their timeout (20 s)
            log("initial sync: 503 %s; retrying in 2 s" % body[:120])
            time.sleep(2)
            continue
        if status != 200:
            raise RuntimeError("initial sync: %s %s" % (status, body[:300]))
        handle, offset = h.get("electric-handle", handle), h["electric-offset"]
        if "electric-up-to-date" in h:
            return handle, offset, h.get("electric-cursor", "")


def compile_gen():
    os.makedirs(GENDIR, exist_ok=True)
    subprocess.run(["javac", "-d", GENDIR, os.path.join(ROOT, "bench/fanout/FanoutClients.java")], check=True)


def proc_cpu(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def proc_threads(pid):
    for l in open("/proc/%d/status" % pid):
        if l.startswith("Threads:"):
            return int(l.split()[1])


class Sampler(threading.Thread):
    """jstat -gc every second: heap used peak; /proc threads peak."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.threads, self.stop = pid, 0, 0, False
        self.gct0 = self.gct = None
        self.p = subprocess.Popen(["jstat", "-gc", str(pid), "1000"], stdout=subprocess.PIPE, text=True)

    def run(self):
        cols = None
        for line in self.p.stdout:
            f = line.split()
            if f and f[0] == "S0C":
                cols = f
                continue
            if cols and len(f) == len(cols):
                d = dict(zip(cols, f))
                used = sum(float(d[k]) for k in ("S0U", "S1U", "EU", "OU")) * 1024
                self.peak = max(self.peak, used)
                self.gct = float(d["GCT"])
                if self.gct0 is None:
                    self.gct0 = self.gct
                try:
                    self.threads = max(self.threads, proc_threads(self.pid))
                except OSError:
                    pass
            if self.stop:
                break

    def close(self):
        self.stop = True
        self.p.terminate()


def nginx_upstream_lines(since_bytes):
    """Access-log lines after byte SINCE_BYTES: (total, went to ShapeSync)."""
    path = os.path.join(NGINXDIR, "access.log")
    with open(path, "rb") as f:
        f.seek(since_bytes)
        lines = f.read().decode(errors="replace").splitlines()
    up = sum(1 for l in lines if "upstream=-" not in l)
    return len(lines), up


def run_cell(wire, spid, n, writes, via_nginx, jfr=None):
    port = NGINX_PORT if via_nginx else PORT
    handle, offset, cursor = head(port)
    log("N=%d%s: head handle=%s offset=%s cursor=%r" % (n, " via nginx" if via_nginx else "", handle, offset, cursor))
    gen = subprocess.Popen(["java", "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-cp", GENDIR, "FanoutClients", HOST,
                            str(port), "/v1/shape?" + QUERY, handle, offset, cursor or "", str(n)],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=raise_nofile)
    state = {"requests": 0, "opened": 0, "tail": []}

    def read_err():
        for l in gen.stderr:
            state["tail"] = (state["tail"] + [l.rstrip()])[-20:]
            m = re.search(r"opened (\d+) connected \d+ requests (\d+)", l)
            if m:
                state["opened"], state["requests"] = int(m.group(1)), int(m.group(2))
            log(l.rstrip())
    threading.Thread(target=read_err, daemon=True).start()
    deadline = time.time() + 180
    while state["requests"] < n:
        if gen.poll() is not None or time.time() > deadline:
            raise RuntimeError("generator did not park %d clients: %s" % (n, "\n".join(state["tail"])))
        time.sleep(1)
    time.sleep(3)
    sampler = Sampler(spid)
    sampler.start()
    if jfr:
        # a CPU and allocation profile of the first 15 s of writes (the burst), for `jfr print` / `jfr summary`
        sh("jcmd %d JFR.start settings=profile duration=15s filename=%s" % (spid, jfr % n))
    log_pos = os.path.getsize(os.path.join(NGINXDIR, "access.log")) if via_nginx else 0
    fds = len(os.listdir("/proc/%d/fd" % spid))
    gcpu0, scpu0, t0 = proc_cpu(gen.pid), proc_cpu(spid), time.time()
    commits = []
    nxt = time.time()
    for i in range(writes):
        rows = wire.query("UPDATE fan_items SET v = v + 1 WHERE id = 1 RETURNING v")
        commits.append((int(rows[0][0]), int(time.time() * 1e6)))
        nxt += 1.0
        time.sleep(max(0, nxt - time.time()))
    time.sleep(5)   # let the last change reach everyone
    gcpu, scpu, wall = proc_cpu(gen.pid) - gcpu0, proc_cpu(spid) - scpu0, time.time() - t0
    lines, upstream = nginx_upstream_lines(log_pos) if via_nginx else (0, 0)
    sampler.close()
    for _ in range(2):
        sh("jcmd %d GC.run" % spid)
    m = re.search(r"total \d+K, used (\d+)K", sh("jcmd %d GC.heap_info" % spid))
    after_gc = int(m.group(1)) * 1024
    threads_now = proc_threads(spid)
    cfile = "/tmp/shapesync-fan-commits.txt"
    with open(cfile, "w") as f:
        f.writelines("%d %d\n" % c for c in commits)
    gen.stdin.write("stop %s\n" % cfile)
    gen.stdin.flush()
    out = gen.stdout.readline()
    gen.wait(60)
    r = json.loads(out)
    r.update(n=n, nginx=via_nginx, heap_peak=sampler.peak, heap_gc=after_gc, threads=max(sampler.threads, threads_now),
             gen_cpu=gcpu / wall, gc_frac=((sampler.gct or 0) - (sampler.gct0 or 0)) / wall, srv_cpu=scpu / wall, fds=fds, nginx_lines=lines, upstream=upstream, writes=writes)
    log("result: %s" % json.dumps(r))
    time.sleep(25)  # parked long-polls of the closed connections end at their timeout (20 s)
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", default="1000,10000", help="client counts, direct to ShapeSync (default 1000,10000)")
    ap.add_argument("--nginx-clients", default="", help="client counts through nginx (default: none)")
    ap.add_argument("--writes", type=int, default=40, help="writes per cell, one a second (default 40)")
    ap.add_argument("--max-existing", type=int, default=None, help="SYNC_REQUESTS_MAX_EXISTING for ShapeSync "
                    "(default: the server's own, 10000; 0: no limit)")
    ap.add_argument("--jfr", default=None, help="record a JFR profile of each cell's first 15 s of writes into this "
                    "file (%%d: the client count), e.g. /tmp/fan-%%d.jfr")
    ap.add_argument("--keep", action="store_true", help="leave everything running at the end")
    a = ap.parse_args()
    raise_nofile()
    if not os.path.exists(os.path.join(SERVER_DIR, "apps")):
        raise SystemExit("deploy first: mvn -o -q package liberty:create liberty:deploy -DskipTests")
    compile_gen()
    log("Postgres in %s (wiped)" % PGDIR)
    sh("bash %s/liberty/postgres.sh destroy %s" % (ROOT, PGDIR))
    # synchronous_commit stays on (with it off every change waits ~200 ms for the WAL writer)
    pgenv = dict(os.environ, PG_FSYNC="off", PG_SYNC_COMMIT="on")
    url = sh("bash %s/liberty/postgres.sh start %s" % (ROOT, PGDIR), env=pgenv).strip().split("=", 1)[1]
    pg_port = urllib.parse.urlparse(url).port
    psql(url, "CREATE TABLE fan_items (id int8 PRIMARY KEY, v int8 NOT NULL);"
              "INSERT INTO fan_items SELECT i, 0 FROM generate_series(1, 5) i")
    shutil.rmtree(DATADIR, ignore_errors=True)
    os.makedirs(DATADIR)
    results = []
    nginx_on = False
    try:
        if a.max_existing is not None:
            os.environ["SYNC_REQUESTS_MAX_EXISTING"] = str(a.max_existing)
        log("SYNC_REQUESTS_MAX_EXISTING=%s" % os.environ.get("SYNC_REQUESTS_MAX_EXISTING", "(default 10000)"))
        lat.start_server(url)
        spid = lat.server_pid()
        log("ShapeSync fd limit: %s" % [l.strip() for l in open("/proc/%d/limits" % spid) if "open files" in l])
        wire = lat.Wire(os.path.join(PGDIR, "sock"), pg_port)
        for n in [int(x) for x in a.clients.split(",") if x]:
            try:
                results.append(run_cell(wire, spid, n, a.writes, False, a.jfr))
            except Exception as e:
                log("N=%d failed: %s" % (n, e))
                results.append(dict(n=n, nginx=False, error=str(e)))
        if a.nginx_clients:
            shutil.rmtree(NGINXDIR, ignore_errors=True)
            env = dict(os.environ, NGINX_LISTEN="%s:%d" % (HOST, NGINX_PORT), NGINX_UPSTREAM="%s:%d" % (HOST, PORT))
            log(sh("bash %s/liberty/nginx/nginx.sh start %s" % (ROOT, NGINXDIR), env=env).strip())
            nginx_on = True
            for n in [int(x) for x in a.nginx_clients.split(",") if x]:
                try:
                    results.append(run_cell(wire, spid, n, a.writes, True))
                except Exception as e:
                    log("N=%d via nginx failed: %s" % (n, e))
                    results.append(dict(n=n, nginx=True, error=str(e)))
    finally:
        if not a.keep:
            if nginx_on:
                subprocess.run(["bash", "%s/liberty/nginx/nginx.sh" % ROOT, "stop", NGINXDIR], capture_output=True)
            lat.stop_server()
            sh("bash %s/liberty/postgres.sh stop %s" % (ROOT, PGDIR))
        print_table(results)


def print_table(results):
    print()
    print("Benchmark 4: fan-out, N long-polling clients on one shape, 1 write/s, %s, nproc %d" % (
        datetime.date.today().isoformat(), os.cpu_count()))
    print("(latency = client receive - commit, ms, over every client x change; delivered = (client, change) pairs "
          "received / expected; heap MB: peak jstat used, and after 2 full GCs with N parked; target p99 <= 1000 ms, "
          "heap <= 512 MB)")
    print("(%s; heapPk is bounded by -Xmx512m in server-config/jvm.options; gc = share of wall time in GC)" %
          ("SYNC_REQUESTS_MAX_EXISTING=" + os.environ.get("SYNC_REQUESTS_MAX_EXISTING", "default 10000")))
    print("%-6s %6s %5s %15s %7s %7s %7s %7s | %6s %6s %4s %5s %5s | %6s %6s | %9s | %s" % (
        "path", "N", "chg", "delivered", "p50", "p90", "p99", "max", "heapPk", "heapGC", "gc", "thr", "fds", "genCPU",
        "srvCPU", "upstr/chg", "met"))
    for r in results:
        path = "nginx" if r.get("nginx") else "direct"
        if "error" in r:
            print("%-6s %6d  FAILED: %s" % (path, r["n"], r["error"][:200]))
            continue
        p99 = r.get("p99_ms", float("inf"))
        ok = r["missing"] == 0 and p99 <= 1000 and r["heap_peak"] <= 512 * 2**20
        up = "%9.1f" % (r["upstream"] / r["changes"]) if r["nginx"] else "%9s" % "-"
        print("%-6s %6d %5d %15s %7.1f %7.1f %7.1f %7.1f | %6.0f %6.0f %3.0f%% %5d %5d | %5.0f%% %5.0f%% | %s | %s" % (
            path, r["n"], r["changes"], "%d/%d" % (r["delivered"], r["expected"]), r.get("p50_ms", -1),
            r.get("p90_ms", -1), p99, r.get("max_ms", -1), r["heap_peak"] / 2**20, r["heap_gc"] / 2**20,
            r.get("gc_frac", 0) * 100, r["threads"], r["fds"], r["gen_cpu"] * 100, r["srv_cpu"] * 100, up,
            "yes" if ok else "NO") + ("" if not r["non200"] else "  (non-200: %s)" % r["statuses"]))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
