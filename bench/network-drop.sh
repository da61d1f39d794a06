#!/usr/bin/env bash
# A silently dropped network between ShapeSync and Postgres (no RST, no error: packets just stop), made with a TCP
# proxy that is frozen with SIGSTOP. Prints how long health took to leave 200 and to come back after SIGCONT.
#   bench/network-drop.sh        (needs: mvn -o -q package liberty:create liberty:deploy -DskipTests once; port 3000 free)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pg=/tmp/shapesync-drop-pg
url=$(bash "$root/liberty/postgres.sh" start "$pg" | sed -n 's/^DATABASE_URL=//p')
pgport=${url##*:}; pgport=${pgport%%/*}
proxyport=48200
python3 "$root/bench/freezable-proxy.py" $proxyport "$pgport" & proxy=$!
trap 'kill -CONT $proxy 2>/dev/null; kill $proxy 2>/dev/null; (cd "$root" && mvn -o -q liberty:stop >/dev/null 2>&1); bash "$root/liberty/postgres.sh" stop "$pg" >/dev/null' EXIT
sleep 1
health() { curl -s -m 2 -o /dev/null -w '%{http_code}' localhost:3000/v1/health || true; }
wait_for() { local want=$1 not=$2 start=$(date +%s%N); for _ in $(seq 1 120); do s=$(health);
  if { [[ -n $want && $s == "$want" ]] || [[ -n $not && $s != "$not" ]]; }; then echo $(( ($(date +%s%N) - start) / 1000000 )); return; fi; sleep 0.5; done; echo timeout; }
(cd "$root" && DATABASE_URL="postgresql://postgres:postgres@127.0.0.1:$proxyport/postgres" mvn -o -q liberty:start)
echo "started: health 200 after $(wait_for 200 '') ms"
kill -STOP $proxy
echo "network frozen: health left 200 after $(wait_for '' 200) ms ($(curl -s -m 2 localhost:3000/v1/health))"
kill -CONT $proxy
echo "network back: health 200 after $(wait_for 200 '') ms"
