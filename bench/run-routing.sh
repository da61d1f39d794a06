#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar (offline when the local repository has everything) and runs the routing
# micro-benchmark, then prints ns per routed change per shape count. Extra arguments go to JMH (e.g. -f 2).
set -euo pipefail
cd "$(dirname "$0")"
mvn -o -q package -DskipTests 2>/dev/null || mvn -q package -DskipTests
java -cp target/benchmarks.jar io.shapesync.bench.Shapes
java -jar target/benchmarks.jar 'io.shapesync.bench.RoutingBenchmark' -rf csv -rff target/routing.csv "$@"
echo
echo "Routing one change to 'id = k' shapes (ns/change = index lookup + candidate filters)"
awk -F, '
    NR == 1 { next }
    {
        gsub(/"/, "")
        bench = $1; sub(/.*\./, "", bench)
        shapes = ($8 != "") ? $8 : $9
        printf "%-10s %8s shapes %12.1f ns/change  (± %.1f)\n", bench, shapes, $5, $6
        ns[bench "," shapes] = $5
    }
    END {
        if (("indexed,1000" in ns) && ("indexed,100000" in ns)) {
            printf "indexed ratio 100000/1000: %.2f (target <= 2)\n", ns["indexed,100000"] / ns["indexed,1000"]
        }
        if (("unindexed,10000" in ns) && ("indexed,10000" in ns)) {
            printf "unindexed/indexed at 10000 shapes: %.0fx\n", ns["unindexed,10000"] / ns["indexed,10000"]
        }
    }' target/routing.csv
