#!/usr/bin/env python3
"""Long randomized fault run (issue 4): ShapeSync on Liberty against a real Postgres, random where-shapes over three
tables, a random workload that moves rows across shapes, the server killed with SIGKILL at random points, Postgres
restarted once, a TRUNCATE and an ALTER TABLE in the middle. Clients sync between rounds with their handle and offset
and refetch on 409; at the end every client's rows must equal the matching SELECT.

    bench/fault-run.py [--transactions 10000] [--kills 10] [--seed N] [--compaction]

--compaction makes compaction as aggressive as it gets (every 0.5 s, no size minimum, no keep-recent window, 2 kB
chunks), so that logs are rewritten all through the run, kills included; the summary then counts the compactions.

Needs: the WAR built (mvn -o package -DskipTests), liberty/postgres.sh (a private Postgres in /tmp/shapesync-fault-pg).
Prints a summary line with transactions, kills, Postgres restarts, refetches and mismatches.
"""
import argparse, json, os, random, signal, subprocess, sys, time, urllib.error, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGDIR = "/tmp/shapesync-fault-pg"
BASE = "http://localhost:3000"
CLAUSES = ["grp = %d", "grp IN (%d, 3)", "score > %d0", "score BETWEEN %d AND 60 AND grp <> 1", "label LIKE 'l%d%%'",
           "grp = %d OR score < 15", "NOT (grp = %d) AND label IS NOT NULL"]


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, text=True, capture_output=True, **kw).stdout


def psql(url, sql):
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], check=True, text=True,
                          capture_output=True).stdout


def http(query):
    try:
        with urllib.request.urlopen(BASE + "/v1/shape?" + query, timeout=60) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def healthy():
    try:
        with urllib.request.urlopen(BASE + "/v1/health", timeout=5) as r:
            return r.status == 200
    except Exception:
        return False


class Client:
    def __init__(self, table, where):
        self.table, self.where = table, where
        self.query = "table=%s&where=%s" % (table, urllib.parse.quote(where))
        self.reset()
        self.refetches = 0

    def reset(self):
        self.handle, self.offset, self.rows, self.conflicts = None, "-1", {}, 0

    def catch_up(self):
        for _ in range(2000):
            q = self.query + "&offset=" + self.offset + ("&handle=" + self.handle if self.handle else "")
            status, headers, body = http(q)
            if status == 409:
                self.refetches += 1
                self.reset()
                continue
            if status != 200:
                raise RuntimeError("%s: %s %s" % (q, status, body[:300]))
            up = False
            try:
                messages = json.loads(body)
            except ValueError as e:
                with open("/tmp/fault-run-bad-body.json", "w") as f:
                    f.write(q + "\n" + json.dumps(headers) + "\n" + body)
                raise RuntimeError("invalid JSON from %s (saved in /tmp/fault-run-bad-body.json): %s" % (q, e))
            for m in messages:
                h = m["headers"]
                if "control" in h:
                    up = up or h["control"] == "up-to-date"
                    continue
                k, v, op = m["key"], m["value"], h["operation"]
                if op == "insert":
                    self.conflicts += k in self.rows
                    self.rows[k] = dict(v)
                elif op == "update":
                    if k not in self.rows:
                        self.conflicts += 1
                    else:
                        self.rows[k].update(v)
                else:
                    self.conflicts += self.rows.pop(k, None) is None
            headers = {k.lower(): v for k, v in headers.items()}
            self.handle, self.offset = headers["electric-handle"], headers["electric-offset"]
            if up:
                return
        raise RuntimeError("never up-to-date: " + self.query)


def select(url, c):
    out = psql(url, "SELECT coalesce(json_agg(row_to_json(t)::text), '[]') FROM (SELECT * FROM %s WHERE %s) t" % (c.table, c.where))
    rows = {}
    for text in json.loads(out.strip() or "[]"):
        r = json.loads(text)
        rows['"public"."%s"/"%s"' % (c.table, r["id"])] = {k: (None if v is None else str(v)) for k, v in r.items()}
    return rows


def workload(rnd, tables, next_id, count):
    lines = []
    for _ in range(count):
        lines.append("BEGIN;")
        for _ in range(1 + rnd.randrange(4)):
            t = rnd.choice(tables)
            i = 1 + rnd.randrange(next_id)
            kind = rnd.randrange(6)
            if kind == 0:
                label = "NULL" if rnd.randrange(5) == 0 else "'l%d'" % rnd.randrange(9)
                lines.append("INSERT INTO %s VALUES (%d, %d, %d, %s) ON CONFLICT DO NOTHING;"
                             % (t, next_id, rnd.randrange(5), rnd.randrange(100), label))
                next_id += 1
            elif kind == 1:
                lines.append("DELETE FROM %s WHERE id = %d;" % (t, i))
            elif kind == 2:
                lines.append("UPDATE %s SET id = %d WHERE id = %d;" % (t, next_id, i))
                next_id += 1
            elif kind == 3:
                lines.append("UPDATE %s SET grp = %d WHERE id = %d;" % (t, rnd.randrange(5), i))
            elif kind == 4:
                lines.append("UPDATE %s SET score = %d, label = 'l%d' WHERE id = %d;" % (t, rnd.randrange(100), rnd.randrange(9), i))
            else:
                lines.append("UPDATE %s SET score = score + 1 WHERE grp = %d AND id %% 7 = %d;" % (t, rnd.randrange(5), rnd.randrange(7)))
        lines.append("ROLLBACK;" if rnd.randrange(10) == 0 else "COMMIT;")
    return "\n".join(lines), next_id


def server_pid():
    # the server JVM itself, not a transient `--status` launcher
    out = subprocess.run("pgrep -f '[w]s-server.jar shapesync$'", shell=True, text=True, capture_output=True).stdout.split()
    return int(out[0]) if out else None


def start_server(env):
    subprocess.run("mvn -o -q liberty:start", shell=True, cwd=ROOT, env=env, check=True, capture_output=True)
    deadline = time.time() + 120
    while not healthy():
        if time.time() > deadline:
            raise RuntimeError("server not healthy after start")
        time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--transactions", type=int, default=10000)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--compaction", action="store_true")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    print("fault-run seed=%d" % a.seed, flush=True)
    sh("bash %s/liberty/postgres.sh start %s" % (ROOT, PGDIR))
    url = sh("bash %s/liberty/postgres.sh url %s" % (ROOT, PGDIR)).strip().split("=", 1)[1]
    env = dict(os.environ, DATABASE_URL=url)
    if a.compaction:
        env.update(SYNC_COMPACTION_INTERVAL="500", SYNC_COMPACTION_MIN_BYTES="0", SYNC_COMPACTION_KEEP_RECENT="0",
                   SYNC_CHUNK_BYTES="2048")
    logs = os.path.join(ROOT, "target/liberty/wlp/usr/servers/shapesync/logs")
    if server_pid():
        raise SystemExit("a ShapeSync server is already running")
    subprocess.run("rm -rf %s/target/liberty/wlp/usr/servers/shapesync/persistent" % ROOT, shell=True)
    suffix = "%x" % (a.seed % 0xFFFFFF)
    tables = ["fr_%s_%d" % (suffix, t) for t in range(3)]
    for t in tables:
        psql(url, "DROP TABLE IF EXISTS %s; CREATE TABLE %s (id int4 PRIMARY KEY, grp int4, score int4, label text);"
                  "INSERT INTO %s SELECT i, i %% 5, (i * 7) %% 100, 'l' || (i %% 9) FROM generate_series(1, 500) i" % (t, t, t))
    clients = [Client(rnd.choice(tables), rnd.choice(CLAUSES) % rnd.randrange(5)) for _ in range(24)]
    start_server(env)
    for c in clients:
        c.catch_up()
    rounds = 50
    per_round = max(1, a.transactions // rounds)
    kill_rounds = set(rnd.sample(range(2, rounds - 2), a.kills))
    pg_restart_round, truncate_round, alter_round = rounds // 3, rounds // 2, 2 * rounds // 3
    next_id, done, kills, pg_restarts = 1000, 0, 0, 0
    started = time.time()
    for r in range(rounds):
        sql, next_id = workload(rnd, tables, next_id, per_round)
        subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=0"], input=sql, text=True, capture_output=True)
        done += per_round
        if r in kill_rounds:
            os.kill(server_pid(), signal.SIGKILL)
            kills += 1
            time.sleep(rnd.random())
            sql, next_id = workload(rnd, tables, next_id, per_round // 2)  # writes while ShapeSync is dead
            subprocess.run(["psql", url, "-q"], input=sql, text=True, capture_output=True)
            done += per_round // 2
            start_server(env)
        if r == pg_restart_round:
            sh("bash %s/liberty/postgres.sh stop %s" % (ROOT, PGDIR))
            sh("bash %s/liberty/postgres.sh start %s" % (ROOT, PGDIR))
            pg_restarts += 1
            deadline = time.time() + 120
            while not healthy() and time.time() < deadline:
                time.sleep(0.5)
        if r == truncate_round:
            psql(url, "TRUNCATE %s; INSERT INTO %s SELECT i, i %% 5, i %% 100, 'l' || (i %% 9) FROM generate_series(1, 100) i"
                 % (tables[0], tables[0]))
        if r == alter_round:
            psql(url, "ALTER TABLE %s ADD COLUMN note text" % tables[1])
        for c in clients:
            if rnd.random() < 0.5:
                c.catch_up()
    mismatches = 0
    for c in clients:
        deadline = time.time() + 120
        want = select(url, c)
        c.catch_up()
        while c.rows != want and time.time() < deadline:
            time.sleep(0.5)
            c.catch_up()
            want = select(url, c)
        if c.rows != want or c.conflicts:
            mismatches += 1
            print("MISMATCH %s WHERE %s: want %d rows, have %d, conflicts %d" % (c.table, c.where, len(want), len(c.rows), c.conflicts))
    compactions = 0
    for name in os.listdir(logs) if os.path.isdir(logs) else []:
        path = os.path.join(logs, name)
        if name.startswith("messages") and os.path.getmtime(path) >= started:
            with open(path, errors="replace") as f:
                compactions += sum(1 for line in f if "compacted up to" in line)
    print("fault-run summary: seed=%d shapes=%d transactions=%d sigkills=%d postgres_restarts=%d truncates=1 alters=1 "
          "refetches=%d compactions=%d mismatches=%d seconds=%d" % (a.seed, len(clients), done, kills, pg_restarts,
                                                      sum(c.refetches for c in clients), compactions, mismatches,
                                                      time.time() - started))
    pid = server_pid()
    os.kill(pid, signal.SIGTERM)
    for _ in range(120):
        if server_pid() is None:
            break
        time.sleep(0.5)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
