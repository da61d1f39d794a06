#!/usr/bin/env bash
# A private Postgres with wal_level=logical, for development and tests. No Docker, no system service.
#
#   liberty/postgres.sh start  [DIR]   initialise (first time) and start the cluster in DIR; prints DATABASE_URL=...
#   liberty/postgres.sh stop   [DIR]   stop it (data kept)
#   liberty/postgres.sh status [DIR]   says whether it runs; prints DATABASE_URL=... when it does (exit 3 when not)
#   liberty/postgres.sh url    [DIR]   prints the DATABASE_URL (exit 3 when not running)
#   liberty/postgres.sh destroy DIR    stop it and delete DIR
#
# DIR defaults to a per-user folder: $XDG_DATA_HOME/shapesync/postgres (non-root) or
# /var/lib/shapesync/postgres (root). When the server binaries are missing, Debian's `postgresql`
# package is installed with apt. As root, Postgres runs as the `postgres` user, which owns DIR.
# Port: PGPORT if set, else 54329 for the default DIR, else a random free port; it is remembered in DIR.
set -euo pipefail
umask 022  # the postgres user must be able to traverse the parent folders we create

die() { echo "postgres.sh: $*" >&2; exit 1; }

default_dir() {
  if [[ $(id -u) -eq 0 ]]; then echo /var/lib/shapesync/postgres
  else echo "${XDG_DATA_HOME:-$HOME/.local/share}/shapesync/postgres"; fi
}

find_bin() {
  local b
  b=$(pg_config --bindir 2>/dev/null || true)
  [[ -n "$b" && -x "$b/initdb" ]] || b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [[ -n "$b" && -x "$b/initdb" ]] && echo "$b"
}

install_postgres() {
  [[ $(id -u) -eq 0 ]] || die "Postgres server binaries not found; install Debian's postgresql package (sudo apt-get install postgresql) or run as root"
  echo "postgres.sh: installing Debian's postgresql package" >&2
  mkdir -p /etc/postgresql-common
  # Do not create and start the packaged 'main' cluster: we only need the binaries.
  grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf ||
    echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

owner() {
  if [[ $(id -u) -ne 0 ]]; then id -un
  elif id postgres &>/dev/null; then echo postgres
  else die "running as root but there is no 'postgres' user to run Postgres as"; fi
}

as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u "$(owner)" -- "$@"; else "$@"; fi; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

url_of() { echo "postgresql://postgres:postgres@127.0.0.1:$(cat "$1/port")/postgres"; }

running() { [[ -f "$1/data/postmaster.pid" ]] && as_owner "$PGBIN/pg_ctl" -D "$1/data" status &>/dev/null; }

init_cluster() {
  local dir=$1
  mkdir -p "$dir/sock"
  echo postgres > "$dir/pw"
  chmod 700 "$dir"
  [[ $(id -u) -eq 0 ]] && chown -R "$(owner)" "$dir"
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C > "$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  cat >> "$dir/data/postgresql.conf" <<EOF
# ShapeSync development/test settings
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/sock'
wal_level = logical
max_replication_slots = 20
max_wal_senders = 20
max_connections = 100
logging_collector = off
fsync = ${PG_FSYNC:-on}
synchronous_commit = ${PG_SYNC_COMMIT:-on}
full_page_writes = ${PG_FSYNC:-on}
EOF
}

start() {
  local dir=$1 port
  [[ -n "$PGBIN" ]] || { install_postgres; PGBIN=$(find_bin) || die "postgresql installed but initdb not found"; }
  [[ ${#dir} -lt 90 ]] || die "DIR is too long for a unix socket path: $dir"
  [[ -f "$dir/data/PG_VERSION" ]] || init_cluster "$dir"
  if running "$dir"; then url_of "$dir" | sed 's/^/DATABASE_URL=/'; return; fi
  for attempt in $(seq 20); do
    if [[ -n "${PGPORT:-}" ]]; then port=$PGPORT
    elif [[ -f "$dir/port" && $attempt -eq 1 ]]; then port=$(cat "$dir/port")
    elif [[ "$dir" == "$(default_dir)" && $attempt -eq 1 ]]; then port=54329
    else port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 )); fi
    port_free "$port" || { [[ -n "${PGPORT:-}" ]] && die "port $PGPORT is taken"; continue; }
    if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null; then
      echo "$port" > "$dir/port"
      echo "DATABASE_URL=$(url_of "$dir")"
      return
    fi
    [[ -n "${PGPORT:-}" ]] && break
  done
  tail -20 "$dir/server.log" >&2 || true
  die "Postgres did not start, see $dir/server.log"
}

stop() {
  local dir=$1
  [[ -d "$dir/data" && -n "$PGBIN" ]] || return 0
  running "$dir" && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
  return 0
}

PGBIN=$(find_bin || true)
cmd=${1:-}
dir=${2:-$(default_dir)}
case "$cmd" in
  start) start "$dir" ;;
  stop) stop "$dir" ;;
  status|url)
    if [[ -n "$PGBIN" ]] && running "$dir"; then
      [[ $cmd == status ]] && echo "running in $dir"
      echo "DATABASE_URL=$(url_of "$dir")"
    else
      [[ $cmd == status ]] && echo "not running ($dir)"
      exit 3
    fi ;;
  destroy) [[ -n "${2:-}" ]] || die "destroy needs an explicit DIR"; stop "$dir"; rm -rf "$dir" ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
