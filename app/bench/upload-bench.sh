#!/bin/sh
# Upload throughput of Flapp's flappserver against Python Foolscap's, with the same client
# (Python's flappclient), in the same run:
#   1. one bulk upload of a 1 GiB file;
#   2. 50 concurrent uploads of 10 MiB files (50 flappclient processes at once).
# Prints seconds and MB/s (1 MB = 10^6 bytes) for each server and test. Not a test: run by hand.
#
# Usage: app/bench/upload-bench.sh [WORKDIR]
#   FLAPP_CP    classpath of Flapp's app module and its dependencies; by default built with
#               "mvn -q -o -pl app -am package -DskipTests" and dependency:build-classpath.
#   BULK_MB     size of the bulk file in MiB (default 1024); SMALL_MB (10); CLIENTS (50).
set -eu

REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-$(mktemp -d /tmp/flapp-bench.XXXXXX)}
BULK_MB=${BULK_MB:-1024}
SMALL_MB=${SMALL_MB:-10}
CLIENTS=${CLIENTS:-50}

if [ -z "${FLAPP_CP:-}" ]; then
    (cd "$REPO" && mvn -q -o -pl app -am package -DskipTests -Dmaven.test.skip=true)
    (cd "$REPO" && mvn -q -o -pl app dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
    FLAPP_CP="$REPO/app/target/classes:$(cat "$WORK/cp.txt")"
fi
flapp() { java -cp "$FLAPP_CP" org.flapp.app.FlappServer "$@"; }

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
now() { date +%s.%N; }
report() { # name bytes start end
    awk -v n="$1" -v b="$2" -v s="$3" -v e="$4" \
        'BEGIN { t = e - s; printf "%-34s %8.2f s %9.1f MB/s\n", n, t, b / t / 1e6 }'
}

echo "work directory: $WORK"
mkdir -p "$WORK/files"
dd if=/dev/urandom of="$WORK/files/bulk.bin" bs=1M count="$BULK_MB" status=none
i=1
while [ "$i" -le "$CLIENTS" ]; do
    dd if=/dev/urandom of="$WORK/files/small-$i.bin" bs=1M count="$SMALL_MB" status=none
    i=$((i + 1))
done

STARTED=""
cleanup() {
    for d in $STARTED; do
        flappserver stop "$d" >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT INT TERM

bench() { # label create-tool start-tool
    label=$1; creator=$2; starter=$3
    port=$(free_port)
    dir="$WORK/$label-srv"
    target="$WORK/$label-up"
    mkdir -p "$target"
    if [ "$creator" = flapp ]; then
        flapp create -q --port "tcp:$port:interface=127.0.0.1" --location "tcp:127.0.0.1:$port" "$dir"
        furl=$(flapp add "$dir" upload-file "$target" | sed -n 's/^FURL is //p')
    else
        flappserver create -q --port "tcp:$port:interface=127.0.0.1" --location "tcp:127.0.0.1:$port" "$dir" >/dev/null 2>&1
        furl=$(flappserver add "$dir" upload-file "$target" | sed -n 's/^FURL is //p')
    fi
    if [ "$starter" = flapp ]; then
        flapp start "$dir" >/dev/null 2>&1
    else
        flappserver start "$dir" >/dev/null 2>&1
        until /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
            sleep 0.2
        done
    fi
    STARTED="$STARTED $dir"

    s=$(now)
    flappclient --furl "$furl" upload-file "$WORK/files/bulk.bin" >/dev/null
    e=$(now)
    cmp -s "$WORK/files/bulk.bin" "$target/bulk.bin" || echo "$label: bulk upload differs!" >&2
    report "$label: 1 x ${BULK_MB} MiB" $((BULK_MB * 1048576)) "$s" "$e"

    s=$(now)
    pids=""
    i=1
    while [ "$i" -le "$CLIENTS" ]; do
        flappclient --furl "$furl" upload-file "$WORK/files/small-$i.bin" >/dev/null &
        pids="$pids $!"
        i=$((i + 1))
    done
    failed=0
    for p in $pids; do wait "$p" || failed=$((failed + 1)); done
    e=$(now)
    [ "$failed" -eq 0 ] || echo "$label: $failed concurrent uploads failed" >&2
    report "$label: $CLIENTS x ${SMALL_MB} MiB concurrent" $((CLIENTS * SMALL_MB * 1048576)) "$s" "$e"

    if [ "$starter" = flapp ]; then flapp stop "$dir" >/dev/null 2>&1; else flappserver stop "$dir" >/dev/null 2>&1; fi
    rm -rf "$target"
}

bench flapp flapp flapp
bench python python python
