#!/bin/sh
# Builds the rpc module, then measures sequential and pipelined callRemote throughput between two
# Java Tubs (org.flapp.rpc.bench.CallThroughput, default and direct call executor) and between two
# Python Foolscap 21.7.0 Tubs (python_throughput.py), in the same run, and prints the ratios.
#
#   rpc/bench/run.sh [SECONDS] [WINDOW]      (defaults: 5 s per mode, 100 calls in flight)
#
# Numbers depend on the machine and on whatever else runs on it; compare figures from one run.
set -eu
SECONDS_PER_MODE=${1:-5}
WINDOW=${2:-100}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=$(mktemp)
trap 'rm -f "$OUT" "$OUT.cp"' EXIT

cd "$ROOT"
mvn -q -o -pl rpc -am test-compile >&2
mvn -q -o -pl rpc dependency:build-classpath -Dmdep.outputFile="$OUT.cp" >&2
CP="$ROOT/rpc/target/test-classes:$ROOT/rpc/target/classes:$(cat "$OUT.cp")"

java -cp "$CP" org.flapp.rpc.bench.CallThroughput "$SECONDS_PER_MODE" "$WINDOW" | tee -a "$OUT"
java -cp "$CP" org.flapp.rpc.bench.CallThroughput "$SECONDS_PER_MODE" "$WINDOW" --direct | tee -a "$OUT"
"$PYTHON" "$HERE/python_throughput.py" "$SECONDS_PER_MODE" "$WINDOW" | tee -a "$OUT"

awk '
  { rate[$1 " " $2] = $3 }
  END {
    for (mode = 1; mode <= 2; mode++) {
      m = (mode == 1) ? "sequential" : "pipelined"
      py = rate["python " m]
      if (py == 0) continue
      printf "ratio %-10s java/python %.1fx, java-direct/python %.1fx\n", m, rate["java " m] / py, rate["java-direct " m] / py
    }
  }' "$OUT"
