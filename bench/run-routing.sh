#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar (offline when the local repository has everything) and runs the routing
# micro-benchmark, then prints ns per routed change per shape count. Extra arguments go to JMH (e.g. -f 2).
set -euo pipefail
cd "$(dirname "$0")"
# offline first; online only if something is missing from the local repository
if ! build=$(mvn -B -o -q package -DskipTests 2>&1); then
    build=$(mvn -B -q package -DskipTests 2>&1) || { echo "$build"; exit 1; }
fi
rm -f target/routing.json
java -jar target/benchmarks.jar 'io.shapesync.bench.RoutingBenchmark' -rf json -rff target/routing.json "$@"
echo
python3 - target/routing.json <<'PY'
import json, statistics, sys

runs = json.load(open(sys.argv[1]))
print("Routing one change to Where.compile('id = k') shapes: ns/change = index lookup + each candidate's compiled filter")
print("(mean +- 99.9% error over the measurement iterations; best and median iteration, robust to a noisy machine)")
print("indexed = lookup + filters; lookup = the index alone; unindexed = None hints, every filter evaluated")
print(f"{'benchmark':<10} {'shapes':>7} {'mean':>10} {'error':>9} {'best':>10} {'median':>10}")
best = {}
for run in runs:
    name = run["benchmark"].rsplit(".", 1)[1]
    shapes = int(next(iter(run["params"].values())))
    metric = run["primaryMetric"]
    iterations = [x for fork in metric["rawData"] for x in fork]
    best[name, shapes] = (min(iterations), statistics.median(iterations), metric["score"])
    print(f"{name:<10} {shapes:>7} {float(metric['score']):>10.1f} {float(metric['scoreError']):>9.1f} "
          f"{min(iterations):>10.1f} {statistics.median(iterations):>10.1f}")
for name in ("indexed", "lookup"):
    if (name, 1000) in best and (name, 100000) in best:
        ratios = [best[name, 100000][i] / best[name, 1000][i] for i in range(3)]
        print(f"{name} 100000/1000: best {ratios[0]:.2f}, median {ratios[1]:.2f}, mean {ratios[2]:.2f}  (target <= 2)")
if ("indexed", 10000) in best and ("unindexed", 10000) in best:
    print(f"unindexed/indexed at 10000 shapes (median): "
          f"{best['unindexed', 10000][1] / best['indexed', 10000][1]:.0f}x")
PY
