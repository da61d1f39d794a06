#!/usr/bin/env bash
# Environment for `mvn verify`'s integration tests, run by the build (exec-maven-plugin):
#   start: a fresh private Postgres (liberty/postgres.sh) in target/it-postgres, the Arquillian server's
#          server.env and test-only config overrides, and the Node dependencies of the official-client test.
#   stop:  stops and deletes that Postgres.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=$root/target
pgdir=$target/it-postgres
server=$target/liberty/wlp/usr/servers/arquillian
# unix socket paths are limited to ~107 bytes: keep the cluster itself in a short private folder
link=$pgdir/cluster

case ${1:?start|stop} in
start)
  if [[ -L "$link" ]]; then "$root/liberty/postgres.sh" destroy "$(readlink "$link")" || true; fi
  rm -rf "$pgdir"; mkdir -p "$pgdir"
  cluster=$(mktemp -d /tmp/shapesync-it.XXXXXX)
  rmdir "$cluster"
  ln -s "$cluster" "$link"
  url=$(PG_FSYNC=off PG_SYNC_COMMIT=off "$root/liberty/postgres.sh" start "$cluster" | sed -n 's/^DATABASE_URL=//p')
  [[ -n "$url" ]] || { echo "it-env.sh: Postgres did not start" >&2; exit 1; }
  echo "it-env.sh: test Postgres at $url" >&2
  printf 'shapesync.it.database-url=%s\nshapesync.it.base-dir=%s\n' "$url" "$root" > "$pgdir/it.properties"
  wlp=$target/liberty/wlp
  [[ -x "$wlp/bin/server" ]] || { echo "it-env.sh: no Liberty runtime in $wlp (liberty:install-server runs first)" >&2; exit 1; }
  [[ -d "$server" ]] || "$wlp/bin/server" create arquillian >/dev/null
  # the one Liberty configuration, plus test-only overrides (Arquillian's needs, port 3001)
  cp "$root/server-config/"* "$server/"
  mkdir -p "$server/configDropins/overrides"
  cp "$root/src/test/liberty/configDropins/overrides/"*.xml "$server/configDropins/overrides/"
  rm -rf "$target/it-data"
  {
    echo "DATABASE_URL=$url"
    echo "SYNC_DATA_DIR=$target/it-data"
    echo "SYNC_DELETE_ENABLED=true"
    echo "SYNC_LONGPOLL_TIMEOUT=3000"
    echo "SYNC_CATALOG_CHECK_INTERVAL=1000"
    echo "SYNC_COMPACTION_INTERVAL=1000"
    echo "SYNC_COMPACTION_MIN_BYTES=8388608"
    echo "SYNC_COMPACTION_KEEP_RECENT=2000"
  } > "$server/server.env"
  if [[ -f "$root/src/test/e2e/package.json" ]]; then
    command -v npm >/dev/null || { echo "it-env.sh: npm not found (Node 20 is needed for the official-client test)" >&2; exit 1; }
    (cd "$root/src/test/e2e" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
  ;;
stop)
  if [[ -L "$link" ]]; then "$root/liberty/postgres.sh" destroy "$(readlink "$link")"; rm -f "$link"; fi
  ;;
esac
