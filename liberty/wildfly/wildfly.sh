#!/usr/bin/env bash
# ShapeSync on WildFly, for the `wildfly` Maven profile (which runs `start` before and `stop` after WildFlyE2EIT) or by
# hand after `mvn -Pwildfly package` (which builds the WAR and unpacks the WildFly dist into target/).
#
#   liberty/wildfly/wildfly.sh start   a private Postgres, a fresh server folder configured by configure.cli, WildFly
#                                      with the WAR deployed; returns once /v1/health answers 200. On failure it
#                                      prints the logs, stops what it started and exits 1.
#   liberty/wildfly/wildfly.sh stop    stops WildFly and deletes that Postgres (also what a killed run left behind)
#
# Env (all optional): DATABASE_URL (an existing Postgres with wal_level=logical; else a private one is started),
# WILDFLY_HOME (default target/wildfly-39.0.1.Final), WILDFLY_HTTP_PORT (3060), WILDFLY_MANAGEMENT_PORT (3061),
# WILDFLY_HTTPS_PORT (3062), WILDFLY_STARTUP_TIMEOUT (300 s). Every SYNC_* variable set here reaches the app.
# Files: target/wildfly-run/ (server folder standalone/, shape data data/, console.log, e2e.properties for the test).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=$root/target
home=${WILDFLY_HOME:-$target/wildfly-39.0.1.Final}
run=$target/wildfly-run
http_port=${WILDFLY_HTTP_PORT:-3060}
mgmt_port=${WILDFLY_MANAGEMENT_PORT:-3061}
https_port=${WILDFLY_HTTPS_PORT:-3062}
timeout=${WILDFLY_STARTUP_TIMEOUT:-300}
war=$target/shapesync.war
base=$run/standalone
pidfile=$run/wildfly.pid
# unix socket paths are limited to ~107 bytes: the cluster lives in a short private folder, linked from here
pglink=$run/pg-cluster

log() { echo "wildfly.sh: $*" >&2; }
die() { log "$*"; exit 1; }

stop_server() {
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping WildFly (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true # WildFly shuts down gracefully on SIGTERM
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then log "WildFly still running after 60 s: killing it"; kill -KILL "$pid" || true; fi
  fi
  rm -f "$pidfile"
}

stop_postgres() {
  if [[ -L "$pglink" ]]; then "$root/liberty/postgres.sh" destroy "$(readlink "$pglink")" || true; rm -f "$pglink"; fi
}

stop_all() { stop_server; stop_postgres; }

# The deployment's outcome: the deployment scanner's marker files, or WildFly gone.
wait_deployed() {
  local deadline=$((SECONDS + timeout)) name
  name=$(basename "$war")
  while ((SECONDS < deadline)); do
    [[ -f "$base/deployments/$name.deployed" ]] && return 0
    if [[ -f "$base/deployments/$name.failed" ]]; then
      log "deployment failed: $(cat "$base/deployments/$name.failed")"
      return 1
    fi
    kill -0 "$(cat "$pidfile" 2>/dev/null || echo 0)" 2>/dev/null || { log "WildFly exited during startup"; return 1; }
    sleep 1
  done
  log "no deployment outcome after $timeout s"
  return 1
}

wait_healthy() {
  local deadline=$((SECONDS + timeout)) url=$1 code
  while ((SECONDS < deadline)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/v1/health" || true)
    [[ "$code" == 200 ]] && return 0
    sleep 1
  done
  log "$url/v1/health did not answer 200 within $timeout s (last: $code)"
  return 1
}

start() {
  stop_all # what an interrupted run left behind
  [[ -x "$home/bin/standalone.sh" ]] || die "no WildFly in $home: run mvn -Pwildfly package (it unpacks org.wildfly:wildfly-dist)"
  [[ -f "$war" ]] || die "no $war: run mvn -Pwildfly package"
  command -v curl >/dev/null || die "curl is needed"
  local port
  for port in "$http_port" "$mgmt_port" "$https_port"; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || die "port $port is taken (another server?)"
  done
  rm -rf "$run"
  mkdir -p "$run"
  trap 'status=$?; if ((status != 0)); then
          log "start failed; server log tail:"; tail -60 "$base/log/server.log" >&2 2>/dev/null || tail -60 "$run/console.log" >&2 || true
          stop_all; fi' EXIT

  local url=${DATABASE_URL:-} cluster started=$SECONDS
  if [[ -z "$url" ]]; then
    cluster=$(mktemp -d /tmp/shapesync-wf.XXXXXX)
    rmdir "$cluster"
    ln -s "$cluster" "$pglink"
    url=$(PG_FSYNC=off PG_SYNC_COMMIT=off "$root/liberty/postgres.sh" start "$cluster" | sed -n 's/^DATABASE_URL=//p')
    [[ -n "$url" ]] || die "Postgres did not start"
    log "Postgres at $url"
  fi

  # A fresh server folder from the dist's (the unpacked dist stays untouched), configured offline
  cp -r "$home/standalone" "$base"
  rm -rf "$base/data" "$base/log" "$base/tmp" "$base/deployments/"*
  JAVA_OPTS="-Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" --file="$root/liberty/wildfly/configure.cli" >"$run/configure.log" 2>&1 ||
    { cat "$run/configure.log" >&2; die "configure.cli failed"; }
  cp "$war" "$base/deployments/"

  # The same settings the Liberty IT server gets (src/test/it-env.sh), with its own stream id and data folder
  export DATABASE_URL=$url
  export SYNC_DATA_DIR=${SYNC_DATA_DIR:-$run/data}
  export REPLICATION_STREAM_ID=${REPLICATION_STREAM_ID:-wildfly}
  export SYNC_DELETE_ENABLED=${SYNC_DELETE_ENABLED:-true}
  export SYNC_LONGPOLL_TIMEOUT=${SYNC_LONGPOLL_TIMEOUT:-3000}
  export SYNC_CATALOG_CHECK_INTERVAL=${SYNC_CATALOG_CHECK_INTERVAL:-1000}
  export SYNC_COMPACTION_INTERVAL=${SYNC_COMPACTION_INTERVAL:-1000}
  export SYNC_COMPACTION_MIN_BYTES=${SYNC_COMPACTION_MIN_BYTES:-8388608}
  export SYNC_COMPACTION_KEEP_RECENT=${SYNC_COMPACTION_KEEP_RECENT:-2000}
  # standalone.conf's defaults (heap 64m-512m as Liberty's jvm.options) plus Liberty's jvm.options
  local opts=(-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman
    -Djava.awt.headless=true -Duser.timezone=UTC -Dfile.encoding=UTF-8)
  export JAVA_OPTS="${opts[*]}"
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$pidfile nohup "$home/bin/standalone.sh" -c standalone.xml \
    -Djboss.server.base.dir="$base" -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.http.port="$http_port" -Djboss.https.port="$https_port" -Djboss.management.http.port="$mgmt_port" \
    >"$run/console.log" 2>&1 </dev/null &
  for _ in $(seq 30); do [[ -s "$pidfile" ]] && break; sleep 0.2; done
  [[ -s "$pidfile" ]] || die "standalone.sh did not start WildFly (see $run/console.log)"
  log "WildFly pid $(cat "$pidfile"), HTTP $http_port, management $mgmt_port"

  wait_deployed
  local app=http://127.0.0.1:$http_port/${war##*/}
  app=${app%.war}
  wait_healthy "$app"
  log "ShapeSync on WildFly at $app ready after $((SECONDS - started)) s"
  printf 'shapesync.it.database-url=%s\nshapesync.wildfly.url=%s\n' "$url" "$app" >"$run/e2e.properties"

  local e2e=$root/src/test/e2e
  if [[ -f "$e2e/package.json" && ! "$e2e/node_modules/.package-lock.json" -nt "$e2e/package-lock.json" ]]; then
    command -v npm >/dev/null || die "npm not found (Node 20 is needed for the official-client test)"
    (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
  trap - EXIT
}

case ${1:-} in
  start) start ;;
  stop) stop_all ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
