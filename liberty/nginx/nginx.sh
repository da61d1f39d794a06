#!/usr/bin/env bash
# nginx in front of ShapeSync, caching and collapsing requests, run from a private folder (docs/nginx.md).
# No system service: the Debian package's binary only.
#
#   liberty/nginx/nginx.sh start  [DIR]   write the configuration into DIR and start nginx (prints NGINX_URL=...)
#   liberty/nginx/nginx.sh stop   [DIR]   graceful stop (SIGQUIT: requests in flight are finished first)
#   liberty/nginx/nginx.sh status [DIR]   says whether it runs (exit 3 when not)
#   liberty/nginx/nginx.sh render [DIR]   only write DIR/nginx.conf and DIR/shapesync.conf
#
# Environment: NGINX_LISTEN   [address:]port to listen on (default 127.0.0.1:8080)
#              NGINX_UPSTREAM ShapeSync's host:port (default 127.0.0.1:3000)
#              NGINX_BIN      the nginx binary (default: nginx on PATH, else /usr/sbin/nginx)
# DIR defaults to /var/lib/shapesync/nginx (root) or $XDG_DATA_HOME/shapesync/nginx; it holds the rendered
# configuration, nginx.pid, access.log (with cache statuses), error.log and the cache. When nginx is missing,
# Debian's `nginx` package is installed with apt (as root).
set -euo pipefail
umask 022  # nginx's workers (nobody, when started as root) must traverse DIR

here=$(cd "$(dirname "$0")" && pwd)
die() { echo "nginx.sh: $*" >&2; exit 1; }

default_dir() {
  if [[ $(id -u) -eq 0 ]]; then echo /var/lib/shapesync/nginx
  else echo "${XDG_DATA_HOME:-$HOME/.local/share}/shapesync/nginx"; fi
}

find_bin() {
  if [[ -n "${NGINX_BIN:-}" ]]; then [[ -x "$NGINX_BIN" ]] && echo "$NGINX_BIN"; return; fi
  command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; }
}

install_nginx() {
  [[ $(id -u) -eq 0 ]] || die "nginx not found; install Debian's nginx package (sudo apt-get install nginx) or run as root"
  echo "nginx.sh: installing Debian's nginx package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends nginx >&2
}

render() {
  local dir=$1 listen=${NGINX_LISTEN:-127.0.0.1:8080} upstream=${NGINX_UPSTREAM:-127.0.0.1:3000}
  [[ "$dir" != *'|'* && "$dir" != *' '* ]] || die "DIR must not contain spaces or '|': $dir"
  mkdir -p "$dir/tmp" "$dir/cache"
  sed -e "s|@DIR@|$dir|g" "$here/nginx.conf" > "$dir/nginx.conf"
  sed -e "s|@LISTEN@|$listen|g" -e "s|@UPSTREAM@|$upstream|g" -e "s|@CACHE_DIR@|$dir/cache|g" \
    "$here/shapesync.conf" > "$dir/shapesync.conf"
}

pid_of() { [[ -f "$1/nginx.pid" ]] && cat "$1/nginx.pid"; }
running() { local pid; pid=$(pid_of "$1") && [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

start() {
  local dir=$1 bin
  bin=$(find_bin) || { install_nginx; bin=$(find_bin) || die "nginx installed but not found"; }
  running "$dir" && die "already running (pid $(pid_of "$dir")); stop it first"
  render "$dir"
  "$bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -t -q || die "configuration test failed, see above"
  "$bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || { tail -20 "$dir/error.log" >&2 || true; die "nginx did not start"; }
  local listen=${NGINX_LISTEN:-127.0.0.1:8080}
  [[ "$listen" == *:* ]] || listen="127.0.0.1:$listen"
  echo "NGINX_URL=http://$listen/"
}

stop() {
  local dir=$1 pid
  running "$dir" || return 0
  pid=$(pid_of "$dir")
  kill -QUIT "$pid"
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  die "nginx (pid $pid) still running 30 s after SIGQUIT"
}

cmd=${1:-}
dir=${2:-$(default_dir)}
[[ "$dir" == /* ]] || dir="$(pwd)/$dir"
case "$cmd" in
  start) start "$dir" ;;
  stop) stop "$dir" ;;
  render) render "$dir"; echo "$dir/nginx.conf" ;;
  status) if running "$dir"; then echo "running in $dir (pid $(pid_of "$dir"))"; else echo "not running"; exit 3; fi ;;
  *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
