"""Helpers shared by the benchmark scripts: logging, shell, psql, the ShapeSync server of this work tree (start, stop,
health, pid, heap) and a small HTTP client for /v1/shape. Each script keeps its own port, data folder and settings."""
import http.client, os, re, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER_DIR = os.path.join(ROOT, "target/liberty/wlp/usr/servers/shapesync")


def log(*a):
    print("[%s]" % time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def sh(cmd, env=None, **kw):
    return subprocess.run(cmd, shell=True, check=True, text=True, capture_output=True, env=env, **kw).stdout


def psql(url, sql):
    r = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], text=True, capture_output=True)
    if r.returncode:
        raise RuntimeError("psql: %s\n%s" % (sql[:200], r.stderr.strip()))
    return r.stdout.strip()


class Http:
    """One keep-alive connection; GET /v1/shape?QUERY returns (status, lower-cased headers, body), retried twice."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.c = http.client.HTTPConnection(host, port, timeout=90)

    def get(self, query):
        for attempt in range(3):
            try:
                self.c.request("GET", "/v1/shape?" + query)
                r = self.c.getresponse()
                body = r.read()
                return r.status, {k.lower(): v for k, v in r.getheaders()}, body
            except (http.client.HTTPException, OSError):
                self.c.close()
                self.c = http.client.HTTPConnection(self.host, self.port, timeout=90)
                if attempt == 2:
                    raise


def create_shapes(host, port, keys, create, concurrency, chunksize=64):
    """Calls create(client, key) for every key on CONCURRENCY threads, each with its own Http; returns seconds taken."""
    local = threading.local()

    def make(k):
        if not hasattr(local, "c"):
            local.c = Http(host, port)
        create(local.c, k)

    t = time.time()
    with ThreadPoolExecutor(concurrency) as ex:
        list(ex.map(make, keys, chunksize=chunksize))
    return time.time() - t


def healthy(host, port):
    try:
        c = http.client.HTTPConnection(host, port, timeout=5)
        c.request("GET", "/v1/health")
        r = c.getresponse()
        r.read()
        return r.status == 200
    except OSError:
        return False


def server_pid():
    """The JVM of THIS work tree's Liberty server (other engineers run servers from other folders)."""
    jar = os.path.join(ROOT, "target/liberty/wlp/bin/tools/ws-server.jar")
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                cmd = open("/proc/%s/cmdline" % p, "rb").read().split(b"\0")
            except OSError:
                continue
            if jar.encode() in cmd and b"shapesync" in cmd:
                return int(p)
    return None


def start_server(host, port, env_extra, heap=""):
    """`mvn liberty:start` of this tree on HOST:PORT with ENV_EXTRA (and -Xmx HEAP); waits until /v1/health is 200."""
    if server_pid():
        raise SystemExit("a ShapeSync server from %s is already running (mvn -o -q liberty:stop)" % ROOT)
    env = dict(os.environ, **env_extra)
    if heap:
        env["JVM_ARGS"] = "-Xmx" + heap
    t = time.time()
    subprocess.run(["mvn", "-o", "-q", "liberty:start", "-Dliberty.var.http.port=%d" % port,
                    "-Dliberty.var.http.host=%s" % host], cwd=ROOT, env=env, check=True, capture_output=True)
    deadline = time.time() + 180
    while not healthy(host, port):
        if time.time() > deadline:
            raise RuntimeError("ShapeSync not healthy on %s:%d; see %s/logs" % (host, port, SERVER_DIR))
        time.sleep(0.3)
    log("ShapeSync up on %s:%d in %.1f s (pid %s)" % (host, port, time.time() - t, server_pid()))


def stop_server():
    subprocess.run(["mvn", "-o", "-q", "liberty:stop"], cwd=ROOT, capture_output=True)


def heap_after_gc(pid):
    """Heap used after two full GCs (jcmd GC.run), from GC.heap_info."""
    for _ in range(2):
        sh("jcmd %d GC.run" % pid)
    out = sh("jcmd %d GC.heap_info" % pid)
    return int(re.search(r"total \d+K, used (\d+)K", out).group(1)) * 1024
