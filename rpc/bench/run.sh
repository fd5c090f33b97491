#!/bin/sh
# Measures sequential and pipelined callRemote throughput between two Java Tubs
# (org.flapp.rpc.bench.CallThroughput: handler on the default call executor, the same handler
# declared non-blocking, and a direct call executor) and between two Python Foolscap 21.7.0 Tubs
# (python_throughput.py), in the same run, prints the ratios, and the raw loopback round-trip
# limits through Netty (org.flapp.rpc.bench.PingPong: the event loop sending the next byte, or a
# caller thread blocked on each echo as a sequential callRemote is; plain TCP and TLS). Each Java
# line also gives, per call, the process's CPU time and each thread group's sleeps (the wake-ups
# a call costs). Needs the build (./mvnw -B -DskipTests package); bench/run-all.sh runs this as
# part of the whole table.
#
#   rpc/bench/run.sh [SECONDS] [WINDOW]      (defaults: 5 s per mode, 100 calls in flight)
#
# Numbers depend on the machine and on whatever else runs on it; compare figures from one run.
# On a loaded machine single runs are noise; the three sequential ways in one JVM, alternating
# 1 s windows, compare better:
#   java -cp "rpc/target/test-classes:packaging/target/lib/*" org.flapp.rpc.bench.SequentialAlternation 20 1
set -eu
SECONDS_PER_MODE=${1:-5}
WINDOW=${2:-100}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

CP="$ROOT/rpc/target/test-classes:$ROOT/packaging/target/lib/*"
[ -f "$ROOT/rpc/target/test-classes/org/flapp/rpc/bench/PingPong.class" ] ||
    { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }

java -cp "$CP" org.flapp.rpc.bench.CallThroughput "$SECONDS_PER_MODE" "$WINDOW" | tee -a "$OUT"
java -cp "$CP" org.flapp.rpc.bench.CallThroughput "$SECONDS_PER_MODE" "$WINDOW" --nonblocking | tee -a "$OUT"
java -cp "$CP" org.flapp.rpc.bench.CallThroughput "$SECONDS_PER_MODE" "$WINDOW" --direct | tee -a "$OUT"
"$PYTHON" "$HERE/python_throughput.py" "$SECONDS_PER_MODE" "$WINDOW" | tee -a "$OUT"
java -cp "$CP" org.flapp.rpc.bench.PingPong "$SECONDS_PER_MODE" | tee -a "$OUT"

awk '
  { rate[$1 " " $2] = $3 }
  END {
    for (mode = 1; mode <= 2; mode++) {
      m = (mode == 1) ? "sequential" : "pipelined"
      py = rate["python " m]
      if (py == 0) continue
      printf "ratio %-10s java/python %.1fx, java-nonblocking/python %.1fx, java-direct/python %.1fx\n", m,
             rate["java " m] / py, rate["java-nonblocking " m] / py, rate["java-direct " m] / py
    }
    limit = rate["netty-" transport " pingpong-caller-tls"]
    if (limit > 0)
      printf "sequential against the TLS caller ping-pong (%d/s): java %.0f%%, java-nonblocking %.0f%%, java-direct %.0f%%\n",
             limit, 100 * rate["java sequential"] / limit, 100 * rate["java-nonblocking sequential"] / limit,
             100 * rate["java-direct sequential"] / limit
  }
  $1 ~ /^netty-/ { transport = substr($1, 7) }' "$OUT"
